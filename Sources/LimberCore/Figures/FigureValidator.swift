import Foundation

/// Checks an exercise's figure the way the catalog checks everything else, and reports the first
/// problem with its JSON path and what would fix it.
enum FigureValidator {
    /// How far a contact point may be from its surface, and a free point inside one, in figure units
    /// (hundredths of height, so 2.5 is about 4 cm on a grown-up). A project default.
    static let tolerance = 2.5

    static func check(_ figure: Figure, exercise: Exercise, at path: String, file: String) throws(CatalogError) {
        func fail(_ sub: String, _ message: String) -> CatalogError {
            CatalogError(file: file, path: "\(path).\(sub)", message: message)
        }
        let scene = FigureScene(figure)
        let skeleton = scene.skeleton
        let joints = FigureSkeleton.jointNames(for: figure.view)

        // Sides: the drawn side must be one the exercise is done on, and only sided exercises mirror.
        if exercise.dose.sides.isEmpty {
            if let side = figure.drawnSide {
                throw fail("drawnSide", "must be left out: this exercise works both sides at once, got \"\(side)\"")
            }
        } else if figure.drawnSide.map(exercise.dose.sides.contains) != true {
            let given = figure.drawnSide.map { ", got \"\($0)\"" } ?? ""
            throw fail(
                "drawnSide",
                "must be a side the exercise is done on (it is done on each side); use one of "
                    + exercise.dose.sides.map(\.rawValue).joined(separator: ", ") + given)
        }
        // Every number must be a plain one of sensible size, or the geometry below means nothing.
        for (k, prop) in figure.props.enumerated() {
            for (name, value) in [("x", prop.x), ("width", prop.width ?? 0), ("height", prop.height ?? 0)]
            where !(value.isFinite && abs(value) <= 1000) {
                throw fail("props[\(k)].\(name)", "must be a number from -1000 to 1000, in hundredths of height")
            }
        }
        for (k, keyframe) in figure.keyframes.enumerated() {
            if !(keyframe.anchor.x.isFinite && abs(keyframe.anchor.x) <= 1000) {
                throw fail("keyframes[\(k)].anchor.x", "must be a number from -1000 to 1000, in hundredths of height")
            }
            for (joint, angle) in keyframe.angles.sorted(by: { $0.key < $1.key })
            where !(angle.isFinite && abs(angle) <= 360) {
                throw fail("keyframes[\(k)].angles.\(joint)", "must be an angle from -360 to 360 degrees")
            }
        }

        if figure.highlight.isEmpty { throw fail("highlight", "must name at least one segment") }
        let segments = skeleton.segmentNames
        for (k, segment) in figure.highlight.enumerated() where !segments.contains(segment) {
            throw fail(
                "highlight[\(k)]", "must be one of \(segments.sorted().joined(separator: ", ")), got \"\(segment)\"")
        }

        // Props: each drawn once, with the sizes it needs, and every piece of equipment drawn.
        var seen: Set<FigureProp.Kind> = []
        for (k, prop) in figure.props.enumerated() {
            if !seen.insert(prop.kind).inserted { throw fail("props[\(k)].kind", "\"\(prop.kind)\" is drawn twice") }
            let needs: [(String, Double?)]
            switch prop.kind {
            case .mat: needs = [("width", prop.width)]
            case .pillow, .chair: needs = [("width", prop.width), ("height", prop.height)]
            case .wall, .towel: needs = []
            }
            for (name, value) in needs where !((value ?? 0) > 0) {
                throw fail("props[\(k)].\(name)", "a \(prop.kind) needs a \(name) above 0, in hundredths of height")
            }
        }
        for equipment in exercise.equipment {
            guard let kind = FigureProp.Kind(rawValue: equipment.rawValue), !seen.contains(kind) else { continue }
            throw fail("props", "must draw the \(kind) the exercise needs; add {\"kind\": \"\(kind)\", ...}")
        }

        // Keyframes: one per step the timeline has for this exercise, and no others.
        let steps = keyframeSteps(for: exercise.dose)
        var named: Set<String> = []
        for (k, keyframe) in figure.keyframes.enumerated() {
            guard steps.contains(keyframe.step) else {
                throw fail(
                    "keyframes[\(k)].step",
                    "must name a step of this exercise's timeline (\(steps.joined(separator: ", "))), got \"\(keyframe.step)\""
                )
            }
            if !named.insert(keyframe.step).inserted {
                throw fail("keyframes[\(k)].step", "\"\(keyframe.step)\" has two keyframes; keep one")
            }
        }
        if let missing = steps.first(where: { !named.contains($0) }) {
            throw fail("keyframes", "needs a keyframe for the step \"\(missing)\"")
        }

        // Range of motion, and the joints allowed past it.
        var exceeded: Set<String> = []
        for (k, keyframe) in figure.keyframes.enumerated() {
            for (joint, angle) in keyframe.angles.sorted(by: { $0.key < $1.key }) {
                let anglePath = "keyframes[\(k)].angles.\(joint)"
                guard joints.contains(joint) else {
                    throw fail(
                        anglePath,
                        "is not a joint of a \(figure.view) view; use one of \(joints.joined(separator: ", "))")
                }
                let bare = String(joint.split(separator: ".").last ?? "")
                guard let range = JointRange.range(of: bare, in: figure.view), !range.contains(angle) else { continue }
                if let reason = figure.beyondRange[joint], !reason.trimmingCharacters(in: .whitespaces).isEmpty,
                    abs(angle) <= 180
                {
                    exceeded.insert(joint)
                    continue
                }
                throw fail(
                    anglePath,
                    "\(format(angle))° is outside the normal range of \(format(range.lowerBound))° to "
                        + "\(format(range.upperBound))°; bring it within, or name \"\(joint)\" in beyondRange with the reason"
                )
            }
        }
        for joint in figure.beyondRange.keys.sorted() where !exceeded.contains(joint) {
            throw fail("beyondRange.\(joint)", "no keyframe takes \(joint) past its normal range; remove it")
        }

        // Contacts, the floor, the wall and the frame.
        let props = Set(figure.props.map(\.kind))
        for (k, pose) in scene.poses.enumerated() {
            let keyframe = figure.keyframes[k]
            let base = "keyframes[\(k)]"
            guard pose.points[keyframe.anchor.point] != nil else {
                throw fail("\(base).anchor.point", "must be a point of the figure; use one of \(pointList(pose))")
            }
            if let on = keyframe.anchor.on {
                if on == .wall || on == .towel {
                    throw fail("\(base).anchor.on", "must be something to rest on (mat, pillow, chair), got \"\(on)\"")
                }
                if !props.contains(on) { throw fail("\(base).anchor.on", "names a \(on) that props does not draw") }
            }
            let wall = figure.props.first { $0.kind == .wall }
            let pelvis = pose.points["pelvis"] ?? FigurePoint(0, 0)
            for (name, point) in pose.points.sorted(by: { $0.key < $1.key }) {
                let r = FigureSkeleton.radius(ofPoint: name)
                if point.y + r > FigureSkeleton.floorY + tolerance {
                    throw fail(
                        "\(base).angles",
                        "\(name) goes \(format(point.y + r - FigureSkeleton.floorY)) units below the floor; change the angles "
                            + "so it stays above, or list it in contacts and place it on the floor")
                }
                if let wall {
                    let through = pelvis.x < wall.x ? point.x + r - wall.x : wall.x - (point.x - r)
                    if through > tolerance {
                        throw fail(
                            "\(base).angles",
                            "\(name) goes \(format(through)) units into the wall; move the anchor away or change the angles"
                        )
                    }
                }
                if point.x - r < 0 || point.x + r > FigureSkeleton.frameWidth || point.y - r < 0 {
                    throw fail(
                        "\(base).anchor",
                        "\(name) is outside the frame (x \(format(point.x)), y \(format(point.y)) of "
                            + "\(format(FigureSkeleton.frameWidth)) by \(format(FigureSkeleton.frameHeight))); move the anchor"
                    )
                }
            }
            for (c, contact) in keyframe.contacts.enumerated() {
                let parts = contact.split(separator: "@", maxSplits: 1).map(String.init)
                let name = parts[0]
                let contactPath = "\(base).contacts[\(c)]"
                guard let point = pose.points[name] else {
                    throw fail(contactPath, "\"\(name)\" is not a point of the figure; use one of \(pointList(pose))")
                }
                var kind: FigureProp.Kind?
                if parts.count == 2 {
                    guard let prop = FigureProp.Kind(rawValue: parts[1]), props.contains(prop) else {
                        throw fail(contactPath, "names \"\(parts[1])\", which props does not draw")
                    }
                    kind = prop
                }
                if kind == .towel { continue }
                let gap = scene.distance(from: point, to: kind) - FigureSkeleton.radius(ofPoint: name)
                if abs(gap) > tolerance {
                    throw fail(
                        contactPath,
                        "\(name) is \(format(gap)) units \(gap > 0 ? "away from" : "inside") the \(kind?.rawValue ?? "floor") "
                            + "(allowed \(format(tolerance))); change the angles, the anchor or the prop so it touches")
                }
            }
        }
    }

    /// The keyframe names an exercise's timeline has: the starting position, then the held stretch or
    /// each phase of a repetition.
    static func keyframeSteps(for dose: Dose) -> [String] {
        switch dose.work {
        case .hold: return ["setup", "hold"]
        case .repetitions(_, let phases): return ["setup"] + phases.map(\.name)
        }
    }

    private static func pointList(_ pose: FigureScene.Pose) -> String {
        pose.points.keys.sorted().joined(separator: ", ")
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
