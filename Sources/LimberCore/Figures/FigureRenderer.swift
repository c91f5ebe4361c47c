import Foundation

/// Draws a figure: pure and deterministic, the same bytes for the same pose.
///
/// `svg` draws one keyframe as a tree of groups, one per node of `FigureSkeleton`, each with a
/// `transform`. `liveHTML` draws the same nodes as HTML elements whose `data-poses` carries every
/// keyframe's transforms, so a player moves the figure by interpolating those numbers and never
/// works out a pose itself.
public struct FigureRenderer: Sendable {
    public let exercise: Exercise
    public let figure: Figure
    private let scene: FigureScene
    private let viewBox: (x: Double, y: Double, width: Double, height: Double)
    private let highlighted: Set<String>
    /// The towel's node and path, worked out once: it is the same in every drawing.
    private let towel: (node: Int, d: String)?

    public init?(_ exercise: Exercise) {
        guard let figure = exercise.figure else { return nil }
        self.exercise = exercise
        self.figure = figure
        let scene = FigureScene(figure)
        self.scene = scene
        viewBox = scene.viewBox
        highlighted = Set(figure.highlight)
        towel = Self.towelPath(figure, scene)
    }

    /// Whether the side needs the drawn keyframes mirrored.
    public func isMirrored(for side: Side?) -> Bool { figure.isMirrored(for: side) }

    /// The SVG for one keyframe. `standalone` adds the namespace and the stylesheet, for an image file.
    public func svg(
        step: String, side: Side? = nil, standalone: Bool, id: String? = nil
    ) -> String {
        let pose = scene.pose(step) ?? scene.poses[0]
        let box = viewBox
        let titleID = id.map { "\($0)-t" } ?? "fig-\(exercise.id)-\(pose.step)\(side.map { "-\($0)" } ?? "")"
        var out = "<svg"
        if standalone { out += " xmlns=\"http://www.w3.org/2000/svg\"" }
        out += " viewBox=\"\(n(box.x)) \(n(box.y)) \(n(box.width)) \(n(box.height))\" class=\"fig\""
        out += " role=\"img\" aria-labelledby=\"\(titleID)\""
        if let id { out += " id=\"\(id)\"" }
        // An image opened on its own says the steps too; a page that draws it prints them beside it.
        out +=
            "><title id=\"\(titleID)\">\(HTMLText.escape(title(step: pose.step, side: side, withSteps: standalone)))</title>"
        if standalone { out += "<style>\(FigureStyle.css)</style>" }
        // Mirroring flips about the middle of the box shown, so the figure stays where it was.
        let mirror = "matrix(-1 0 0 1 \(n(2 * box.x + box.width)) 0)"
        out += "<g class=\"fig-scene\""
        if isMirrored(for: side) { out += " transform=\"\(mirror)\"" }
        out += ">"
        out += "<path class=\"l\" d=\"M\(n(box.x)) \(n(FigureSkeleton.floorY + 0.6))H\(n(box.x + box.width))\"/>"
        out += props()
        out += "<g class=\"fig-body\""
        out += ">"
        out += body(pose.placements)
        out += "</g></g></svg>"
        return out
    }

    /// Every keyframe's node transforms, five numbers per node (x, y, rotation, scale x, scale y),
    /// keyed by step, as compact JSON.
    public func motionJSON() -> String {
        let entries = scene.poses.map { pose in
            "\"\(pose.step)\":["
                + pose.placements.map { p in
                    [p.x, p.y, p.rotation, p.scaleX, p.scaleY].map(n).joined(separator: ",")
                }.joined(separator: ",") + "]"
        }
        return "{" + entries.joined(separator: ",") + "}"
    }

    /// The text alternative: the exercise, which pose it shows and for which side, and with
    /// `withSteps` the exercise's steps, for an image seen without the page around it.
    public func title(step: String, side: Side?, withSteps: Bool = false) -> String {
        let sideText = side.map { ", \($0.rawValue) \(exercise.sideNoun)" } ?? ""
        let text = "Figure of \(exercise.name): \(Figure.poseName(step).lowercased())\(sideText)."
        return withSteps ? text + " " + exercise.steps.joined(separator: " ") : text
    }

    /// The moving figure's text alternative: it shows every pose in turn, on either side.
    public var liveTitle: String { "Figure of \(exercise.name), moving through each step as it is done." }

    private func body(_ placements: [NodePlacement]) -> String {
        let children = childIndices
        func node(_ i: Int) -> String {
            let p = placements[i]
            var out = "<g data-n=\"\(i)\" transform=\"\(transform(p))\">"
            if scene.skeleton.nodes[i].scales {
                out += "<g data-s=\"\(i)\" transform=\"scale(\(n(p.scaleX)) \(n(p.scaleY)))\">\(shapes(of: i))</g>"
            } else {
                out += shapes(of: i)
            }
            out += towel(on: i)
            for child in children[i] { out += node(child) }
            return out + "</g>"
        }
        return node(0)
    }

    /// The figure for a page that moves it: the same shapes, but every node an HTML element whose
    /// CSS transform the player sets, so a frame changes transforms and never layout (an SVG
    /// group's transform makes Chromium lay out the drawing again on every frame). The floor and
    /// props stay one still SVG underneath. It shows `step` until a script moves it; the styles
    /// are in `FigureStyle.css`.
    public func liveHTML(step: String, side: Side? = nil, id: String) -> String {
        let pose = scene.pose(step) ?? scene.poses[0]
        let box = viewBox
        let mirrorX = 2 * box.x + box.width
        var out = "<div class=\"fig fig-live\" id=\"\(id)\" role=\"img\" aria-labelledby=\"\(id)-t\""
        out += " data-poses=\"\(HTMLText.escape(motionJSON()))\" data-start=\"\(HTMLText.escape(pose.step))\""
        out += " data-box=\"\(n(box.x)) \(n(box.y)) \(n(box.width))\" data-mirror-x=\"\(n(mirrorX))\""
        out += " data-mirrored=\"\(isMirrored(for: side))\">"
        out += "<span class=\"visually-hidden\" id=\"\(id)-t\">\(HTMLText.escape(liveTitle))</span>"
        out +=
            "<svg class=\"fig-stage\" viewBox=\"\(n(box.x)) \(n(box.y)) \(n(box.width)) \(n(box.height))\" aria-hidden=\"true\">"
        out +=
            "<g class=\"fig-scene\"\(isMirrored(for: side) ? " transform=\"matrix(-1 0 0 1 \(n(mirrorX)) 0)\"" : "")>"
        out += "<path class=\"l\" d=\"M\(n(box.x)) \(n(FigureSkeleton.floorY + 0.6))H\(n(box.x + box.width))\"/>"
        out += props() + "</g></svg>"
        out += "<div class=\"fig-rig\" aria-hidden=\"true\"><div class=\"fig-mirror\">"
        let children = childIndices
        // Each node's shapes in a one-pixel SVG at the node's origin that lets them overflow, one
        // unit to a pixel; the rig scales the whole figure to the box once, not per frame.
        let canvas = "<svg class=\"fig-s\">"
        func node(_ i: Int) -> String {
            var out = "<div class=\"fig-n\" data-n=\"\(i)\">"
            let drawn = shapes(of: i) + towel(on: i)
            if !drawn.isEmpty {
                let part = canvas + drawn + "</svg>"
                out += scene.skeleton.nodes[i].scales ? "<div class=\"fig-n\" data-s=\"\(i)\">\(part)</div>" : part
            }
            for child in children[i] { out += node(child) }
            return out + "</div>"
        }
        return out + node(0) + "</div></div></div>"
    }

    private var childIndices: [[Int]] {
        var children: [[Int]] = Array(repeating: [], count: scene.skeleton.nodes.count)
        for (i, node) in scene.skeleton.nodes.enumerated() {
            if let parent = node.parent { children[parent].append(i) }
        }
        return children
    }

    /// One node's shapes in its own units, coloured by class: near or whole-body, far, highlighted.
    private func shapes(of i: Int) -> String {
        var shapes = ""
        for shape in scene.skeleton.nodes[i].shapes {
            let tone =
                highlighted.contains(shape.segment)
                ? "h" : (shape.segment.hasPrefix("far.") || shape.segment == "mark" ? "f" : "b")
            switch shape.form {
            case .limb(let from, let to, let width):
                shapes += "<path class=\"\(tone)\" stroke-width=\"\(n(width))\""
                shapes += " d=\"M\(n(from.x)) \(n(from.y))L\(n(to.x)) \(n(to.y))\"/>"
            case .head(let center, let radius):
                shapes += "<circle class=\"\(tone)\" cx=\"\(n(center.x))\" cy=\"\(n(center.y))\" r=\"\(n(radius))\"/>"
            }
        }
        return shapes
    }

    private func towel(on i: Int) -> String {
        guard let towel, towel.node == i else { return "" }
        return "<path class=\"t\" d=\"\(towel.d)\"/>"
    }

    /// The towel runs from the sole of the drawn side's foot to that hand as the held pose places
    /// them, drawn in the foot's own frame so it moves with the foot.
    private static func towelPath(_ figure: Figure, _ scene: FigureScene) -> (node: Int, d: String)? {
        guard figure.props.contains(where: { $0.kind == .towel }) else { return nil }
        let side = figure.view == .side ? "near" : (figure.drawnSide == .right ? "right" : "left")
        let skeleton = scene.skeleton
        guard let footIndex = skeleton.nodes.firstIndex(where: { $0.name == "\(side).foot" }),
            let pose = scene.pose("hold") ?? scene.poses.first,
            let hand = pose.points["\(side).hand"]
        else { return nil }
        let local = skeleton.worldTransforms(pose.placements)[footIndex].inverse.apply(hand)
        let toe = FigureSkeleton.Lengths().toe
        return (footIndex, "M\(n(toe - 3)) 4.5Q\(n(toe + 1)) 4 \(n(toe - 1)) -1L\(n(local.x)) \(n(local.y))")
    }

    private func props() -> String {
        var out = ""
        let floor = FigureSkeleton.floorY
        let pelvisX = scene.poses.first?.points["pelvis"]?.x ?? 0
        for prop in figure.props {
            let width = prop.width ?? 0
            let height = prop.height ?? 0
            switch prop.kind {
            case .mat:
                out += rect(prop.x, floor - FigureScene.matThickness, width, FigureScene.matThickness + 0.6, rx: 0.6)
            case .pillow:
                out += rect(prop.x, floor - height, width, height + 0.6, rx: min(height / 2, 3))
            case .wall:
                let right = pelvisX < prop.x
                let left = viewBox.x - 1
                let far = viewBox.x + viewBox.width + 1
                out += rect(
                    right ? prop.x : left, viewBox.y - 1, right ? far - prop.x : prop.x - left, floor + 1.6 - viewBox.y,
                    rx: 0)
            case .chair:
                let seat = floor - height
                if figure.view == .front {
                    out += rect(prop.x - width / 2, seat, width, 3, rx: 1)
                    out += rect(prop.x - width / 2 + 1, seat, 2.5, height, rx: 1)
                    out += rect(prop.x + width / 2 - 3.5, seat, 2.5, height, rx: 1)
                } else {
                    let back = prop.x - width
                    out += rect(back - 1, seat, width + 1, 3, rx: 1)
                    out += rect(prop.x - 3, seat, 2.5, height, rx: 1)
                    out += rect(
                        back - 1, seat - FigureScene.chairBackHeight, 2.5, height + FigureScene.chairBackHeight, rx: 1)
                }
            case .towel:
                break
            }
        }
        return out
    }

    private func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, rx: Double) -> String {
        "<rect class=\"p\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\""
            + (rx > 0 ? " rx=\"\(n(rx))\"" : "") + "/>"
    }

    private func transform(_ p: NodePlacement) -> String {
        "translate(\(n(p.x)) \(n(p.y))) rotate(\(n(p.rotation)))"
    }
}

/// A number as short as SVG allows: one decimal at most, no trailing zero, no "-0".
private func n(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    if tenths == 0 { return "0" }
    let whole = Int(tenths) / 10
    let rest = abs(Int(tenths) % 10)
    if rest == 0 { return String(whole) }
    return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(rest)"
}

extension Affine {
    var inverse: Affine {
        let det = a * d - b * c
        return Affine(
            a: d / det, b: -b / det, c: -c / det, d: a / det, e: (c * f - d * e) / det, f: (b * e - a * f) / det)
    }
}
