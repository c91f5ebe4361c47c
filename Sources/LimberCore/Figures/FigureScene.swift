import Foundation

/// A figure's props and keyframes laid out in the frame: every node placed, every named point found,
/// and the surfaces the body may rest on. The validator, the SVG renderer and the braille renderer
/// all read poses from here, so they cannot disagree about where a hand is.
public struct FigureScene: Sendable {
    public let figure: Figure
    public let skeleton: FigureSkeleton
    /// The keyframes' poses, in the figure's order.
    public let poses: [Pose]

    public struct Pose: Sendable {
        public var step: String
        public var placements: [NodePlacement]
        public var points: [String: FigurePoint]
        /// Whether the anchor's prop exists; when it does not the pose is placed on the floor.
        public var anchorSurfaceFound: Bool
    }

    public init(_ figure: Figure) {
        self.figure = figure
        let skeleton = FigureSkeleton(view: figure.view, withFingers: figure.usesFingers)
        self.skeleton = skeleton
        poses = figure.keyframes.map { keyframe in
            var placements = skeleton.placements(keyframe.angles)
            let unplaced = skeleton.points(placements)
            let anchor = unplaced[keyframe.anchor.point] ?? FigurePoint(0, 0)
            let surface = FigureScene.surfaceTop(keyframe.anchor.on, props: figure.props, view: figure.view)
            let radius = FigureSkeleton.radius(ofPoint: keyframe.anchor.point)
            placements[0].x = keyframe.anchor.x - anchor.x
            placements[0].y = (surface ?? FigureSkeleton.floorY) - radius - anchor.y
            return Pose(
                step: keyframe.step, placements: placements, points: skeleton.points(placements),
                anchorSurfaceFound: surface != nil)
        }
    }

    public func pose(_ step: String) -> Pose? { poses.first { $0.step == step } }

    /// The part of the frame worth showing: every keyframe's body and the props it touches, with a
    /// margin, widened to the frame's 4:3 shape so every figure sits in the same box, floor at the
    /// bottom. Drawings crop to it, so a lying figure is as big as a standing one.
    public var viewBox: (x: Double, y: Double, width: Double, height: Double) {
        guard var (minX, minY, maxX, _) = bodyBounds else {
            return (0, 0, FigureSkeleton.frameWidth, FigureSkeleton.frameHeight)
        }
        for prop in figure.props {
            switch prop.kind {
            case .wall:
                minX = min(minX, prop.x - 4)
                maxX = max(maxX, prop.x + 6)
            case .chair:
                let width = prop.width ?? 0
                let (left, right) =
                    figure.view == .front ? (prop.x - width / 2, prop.x + width / 2) : (prop.x - width - 1, prop.x)
                minX = min(minX, left)
                maxX = max(maxX, right)
                minY = min(
                    minY,
                    FigureSkeleton.floorY - (prop.height ?? 0)
                        - (figure.view == .front ? 3 : FigureScene.chairBackHeight))
            case .mat, .pillow, .towel:
                break
            }
        }
        let margin = 4.0
        let bottom = FigureSkeleton.floorY + 3
        var x = minX - margin
        var width = maxX - minX + 2 * margin
        var height = bottom - (minY - margin)
        let aspect = FigureSkeleton.frameWidth / FigureSkeleton.frameHeight
        if width / height < aspect {
            let grown = height * aspect
            x -= (grown - width) / 2
            width = grown
        } else {
            height = width / aspect
        }
        return (x, bottom - height, width, height)
    }

    /// The box every keyframe's body fills, shapes' widths included; nil for a figure with no shapes.
    /// One box for all keyframes, so a figure cropped to it does not jump about as it moves.
    var bodyBounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        var minX = Double.infinity
        var minY = Double.infinity
        var maxX = -Double.infinity
        var maxY = -Double.infinity
        for pose in poses {
            for (form, _) in skeleton.worldShapes(pose.placements) {
                let (points, pad): ([FigurePoint], Double)
                switch form {
                case .limb(let a, let b, let width): (points, pad) = ([a, b], width / 2)
                case .head(let c, let r): (points, pad) = ([c], r)
                }
                for p in points {
                    minX = min(minX, p.x - pad)
                    maxX = max(maxX, p.x + pad)
                    minY = min(minY, p.y - pad)
                    maxY = max(maxY, p.y + pad)
                }
            }
        }
        return minX.isFinite ? (minX, minY, maxX, maxY) : nil
    }

    /// The height (screen y) of the top a point can rest on: the floor, a mat, a pillow or a chair seat.
    static func surfaceTop(_ kind: FigureProp.Kind?, props: [FigureProp], view: Figure.View) -> Double? {
        guard let kind else { return FigureSkeleton.floorY }
        guard let prop = props.first(where: { $0.kind == kind }) else { return nil }
        switch kind {
        case .mat: return FigureSkeleton.floorY - FigureScene.matThickness
        case .pillow, .chair: return FigureSkeleton.floorY - (prop.height ?? 0)
        case .wall, .towel: return nil
        }
    }

    static let matThickness = 1.2
    /// How high a chair's backrest rises above its seat.
    static let chairBackHeight = 26.0

    /// The segments a point touching a prop may rest on, in screen units.
    func surfaces(of kind: FigureProp.Kind) -> [(FigurePoint, FigurePoint)] {
        let floor = FigureSkeleton.floorY
        switch kind {
        case .towel: return []
        case .mat, .pillow:
            guard let prop = figure.props.first(where: { $0.kind == kind }) else { return [] }
            let top = FigureScene.surfaceTop(kind, props: figure.props, view: figure.view) ?? floor
            return [(FigurePoint(prop.x, top), FigurePoint(prop.x + (prop.width ?? 0), top))]
        case .wall:
            guard let prop = figure.props.first(where: { $0.kind == kind }) else { return [] }
            return [(FigurePoint(prop.x, 0), FigurePoint(prop.x, floor))]
        case .chair:
            guard let prop = figure.props.first(where: { $0.kind == kind }) else { return [] }
            let seat = floor - (prop.height ?? 0)
            let width = prop.width ?? 0
            if figure.view == .front {
                return [(FigurePoint(prop.x - width / 2, seat), FigurePoint(prop.x + width / 2, seat))]
            }
            let back = prop.x - width
            return [
                (FigurePoint(back, seat), FigurePoint(prop.x, seat)),
                (FigurePoint(back, seat - FigureScene.chairBackHeight), FigurePoint(back, seat)),
            ]
        }
    }

    /// How far a point is from the nearest surface of a prop, or from the floor when `kind` is nil.
    func distance(from point: FigurePoint, to kind: FigureProp.Kind?) -> Double {
        guard let kind else { return abs(FigureSkeleton.floorY - point.y) }
        return surfaces(of: kind).map { distance(point, $0.0, $0.1) }.min() ?? .infinity
    }

    private func distance(_ p: FigurePoint, _ a: FigurePoint, _ b: FigurePoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = dx * dx + dy * dy
        let t = length == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }
}

extension Figure {
    /// Whether any keyframe spreads the fingers, which needs finger nodes in the drawing.
    public var usesFingers: Bool {
        keyframes.contains { $0.angles.keys.contains { $0.hasSuffix(".fingers") } }
    }
}
