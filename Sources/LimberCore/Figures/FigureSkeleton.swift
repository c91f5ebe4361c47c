import Foundation

/// A point in figure units: x to the right, y down, as SVG draws it; the floor is at `floorY`.
public struct FigurePoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One part of the body a renderer strokes: a rounded segment, or the head.
public struct FigureShape: Sendable, Hashable {
    public enum Form: Sendable, Hashable {
        case limb(from: FigurePoint, to: FigurePoint, width: Double)
        case head(center: FigurePoint, radius: Double)
    }

    public var form: Form
    /// The segment's name (`near.shank`, `trunk`, `head`), which `Figure.highlight` refers to.
    public var segment: String
}

/// A group of the drawn body that moves as one: a segment with everything attached beyond it.
/// The pose sets each node's translation and rotation, and may scale its own shapes (a thigh
/// pointing at the viewer is drawn shorter), so moving a figure only ever changes transforms.
public struct FigureNode: Sendable, Hashable {
    public var name: String
    public var parent: Int?
    public var shapes: [FigureShape]
    /// Named points on this node, in its own units before its shape scale.
    public var points: [String: FigurePoint]
    /// True when the pose may scale this node's shapes; only these get a scale group in the SVG.
    public var scales: Bool
}

/// Where a node sits in one pose, relative to its parent.
public struct NodePlacement: Sendable, Hashable {
    public var x: Double
    public var y: Double
    /// Degrees clockwise on screen, as SVG's `rotate` takes them.
    public var rotation: Double
    public var scaleX: Double
    public var scaleY: Double

    public init(x: Double = 0, y: Double = 0, rotation: Double = 0, scaleX: Double = 1, scaleY: Double = 1) {
        self.x = x
        self.y = y
        self.rotation = rotation
        self.scaleX = scaleX
        self.scaleY = scaleY
    }
}

/// The body as a tree of nodes for each view, with lengths from `BodyProportions`, and the rule that
/// turns joint angles into node placements. This is the only place a pose becomes geometry.
public struct FigureSkeleton: Sendable {
    /// The frame every figure is drawn in: 160 by 120 units, the floor 6 units above the bottom.
    public static let frameWidth = 160.0
    public static let frameHeight = 120.0
    public static let floorY = 114.0

    public let view: Figure.View
    public let nodes: [FigureNode]
    private let index: [String: Int]

    /// The joint names a keyframe may set in each view.
    public static func jointNames(for view: Figure.View) -> [String] {
        switch view {
        case .side:
            return ["trunk", "spine", "neck"]
                + ["near", "far"].flatMap { side in
                    ["shoulder", "elbow", "wrist", "fingers", "hip", "knee", "ankle"].map { "\(side).\($0)" }
                }
        case .front:
            return ["trunk", "spine", "twist", "neck"]
                + ["left", "right"].flatMap { side in
                    ["shoulder", "elbow", "wrist", "fingers", "hip", "hipFlex", "knee", "ankle"].map { "\(side).\($0)" }
                }
        }
    }

    /// The sides a view names limbs by: near and far from the side, the figure's own left and right
    /// from the front.
    public static func sideNames(for view: Figure.View) -> [String] {
        view == .side ? ["far", "near"] : ["right", "left"]
    }

    public var segmentNames: Set<String> { Set(nodes.flatMap { $0.shapes.map(\.segment) }) }

    /// How far each named point's surface is from the point itself: a point is "on" the floor when
    /// it is this far above it (the sole of a foot is on it exactly; a lying back is half its depth above).
    public static func radius(ofPoint name: String) -> Double {
        switch name.split(separator: ".").last.map(String.init) ?? name {
        case "heel", "toe": return 0
        case "hand", "wrist", "fingertip": return 2
        case "elbow": return 2.6
        case "ankle": return 3
        case "knee": return 3.5
        case "shoulder": return 4.5
        case "head": return 6.5
        case "pelvis", "waist", "upperBack", "neckBase": return 6
        default: return 0
        }
    }

    public init(view: Figure.View, withFingers: Bool) {
        self.view = view
        var nodes: [FigureNode] = []
        @discardableResult
        func add(
            _ name: String, parent: Int?, shapes: [FigureShape] = [], points: [String: FigurePoint] = [:],
            scales: Bool = false
        ) -> Int {
            nodes.append(FigureNode(name: name, parent: parent, shapes: shapes, points: points, scales: scales))
            return nodes.count - 1
        }
        func limb(_ segment: String, _ length: Double, width: Double, from: Double = 0) -> FigureShape {
            FigureShape(
                form: .limb(from: FigurePoint(0, from), to: FigurePoint(0, length), width: width), segment: segment)
        }
        let L = Lengths()
        let root = add("root", parent: nil)

        func leg(_ side: String) {
            let frontView = view == .front
            let thigh = add(
                "\(side).thigh", parent: root, shapes: [limb("\(side).thigh", L.thigh, width: 7.5)],
                points: ["\(side).hip": FigurePoint(0, 0)], scales: frontView)
            let shank = add(
                "\(side).shank", parent: thigh, shapes: [limb("\(side).shank", L.shank, width: 6.2)],
                points: ["\(side).knee": FigurePoint(0, 0)], scales: frontView)
            let outward = side == "left" ? 1.0 : -1.0
            let foot: FigureShape
            let points: [String: FigurePoint]
            if frontView {
                foot = FigureShape(
                    form: .limb(from: FigurePoint(0, 1), to: FigurePoint(outward * 2.5, 2.2), width: 4.2),
                    segment: "\(side).foot")
                points = [
                    "\(side).ankle": FigurePoint(0, 0), "\(side).heel": FigurePoint(0, L.ankleHeight),
                    "\(side).toe": FigurePoint(outward * 3, L.ankleHeight),
                ]
            } else {
                foot = FigureShape(
                    form: .limb(from: FigurePoint(-2.4, 2.1), to: FigurePoint(L.toe - 1.8, 2.3), width: 3.6),
                    segment: "\(side).foot")
                points = [
                    "\(side).ankle": FigurePoint(0, 0), "\(side).heel": FigurePoint(-L.heel, L.ankleHeight),
                    "\(side).toe": FigurePoint(L.toe, L.ankleHeight),
                ]
            }
            add("\(side).foot", parent: shank, shapes: [foot], points: points)
        }
        func arm(_ side: String, parent: Int) {
            let upper = add(
                "\(side).upperArm", parent: parent, shapes: [limb("\(side).upperArm", L.upperArm, width: 5.6)],
                points: ["\(side).shoulder": FigurePoint(0, 0)])
            let fore = add(
                "\(side).forearm", parent: upper, shapes: [limb("\(side).forearm", L.forearm, width: 4.6)],
                points: ["\(side).elbow": FigurePoint(0, 0)])
            let hand = add(
                "\(side).hand", parent: fore, shapes: [limb("\(side).hand", L.hand - 2, width: 4)],
                points: ["\(side).wrist": FigurePoint(0, 0), "\(side).hand": FigurePoint(0, L.hand)])
            if withFingers {
                // Four fingers fanned from the knuckles, each its own node so spreading is a rotation.
                for finger in 0..<4 {
                    add(
                        "\(side).finger\(finger)", parent: hand,
                        shapes: [limb("\(side).hand", 5.2, width: 1.6, from: 0)],
                        points: [:])
                }
            }
        }

        switch view {
        case .side:
            leg("far")
            let spineBack = add("spine.back", parent: root)
            arm("far", parent: spineBack)
            add(
                "trunk", parent: root, shapes: [limb("trunk", -L.lowerTrunk, width: 12.5)],
                points: ["pelvis": FigurePoint(0, 0), "waist": FigurePoint(0, -L.lowerTrunk)])
            leg("near")
            let spine = add(
                "spine", parent: root, shapes: [limb("trunk", -L.upperTrunk, width: 13.5)],
                points: ["upperBack": FigurePoint(0, -L.upperTrunk * 0.6), "neckBase": FigurePoint(0, -L.upperTrunk)])
            add(
                "neck", parent: spine,
                shapes: [
                    limb("neck", -L.neck, width: 5),
                    FigureShape(
                        form: .head(center: FigurePoint(0.8, -L.headCenter), radius: L.headRadius), segment: "head"),
                ],
                points: ["head": FigurePoint(0.8, -L.headCenter)])
            let spineFront = add("spine.front", parent: root)
            arm("near", parent: spineFront)
        case .front:
            leg("right")
            leg("left")
            add(
                "trunk", parent: root, shapes: [limb("trunk", -L.lowerTrunk, width: 17)],
                points: ["pelvis": FigurePoint(0, 0), "waist": FigurePoint(0, -L.lowerTrunk)])
            let spine = add(
                "spine", parent: root, shapes: [limb("trunk", -L.upperTrunk + 2, width: 19)],
                points: ["upperBack": FigurePoint(0, -L.upperTrunk * 0.6), "neckBase": FigurePoint(0, -L.upperTrunk)])
            add(
                "shoulders", parent: spine,
                shapes: [
                    FigureShape(
                        form: .limb(
                            from: FigurePoint(-L.shoulderHalf, -L.shoulderDrop),
                            to: FigurePoint(L.shoulderHalf, -L.shoulderDrop), width: 7),
                        segment: "trunk")
                ], scales: true)
            let neck = add(
                "neck", parent: spine,
                shapes: [
                    limb("neck", -L.neck - 1, width: 5.5),
                    FigureShape(
                        form: .head(center: FigurePoint(0, -L.headCenter), radius: L.headRadius), segment: "head"),
                ],
                points: ["head": FigurePoint(0, -L.headCenter)])
            // Which way the chest and face point when the trunk turns: marks that slide sideways.
            add(
                "chest", parent: spine,
                shapes: [
                    FigureShape(
                        form: .limb(from: FigurePoint(0, -4), to: FigurePoint(0, -11), width: 1.4), segment: "mark")
                ])
            add(
                "face", parent: neck,
                shapes: [
                    FigureShape(
                        form: .limb(
                            from: FigurePoint(0, -L.headCenter - 1), to: FigurePoint(0, -L.headCenter + 2.5),
                            width: 1.6), segment: "mark")
                ])
            arm("right", parent: spine)
            arm("left", parent: spine)
        }
        self.nodes = nodes
        var index: [String: Int] = [:]
        for (i, node) in nodes.enumerated() { index[node.name] = i }
        self.index = index
    }

    /// Every node's placement for a set of joint angles, with the root at the origin.
    public func placements(_ angles: [String: Double]) -> [NodePlacement] {
        func a(_ name: String) -> Double { angles[name] ?? 0 }
        let L = Lengths()
        var result = Array(repeating: NodePlacement(), count: nodes.count)
        func set(_ name: String, _ placement: NodePlacement) {
            if let i = index[name] { result[i] = placement }
        }
        // Screen rotation is clockwise. From the side the figure faces right, so flexing a limb that
        // hangs down swings it forward, anticlockwise; the knee bends the other way.
        set("root", NodePlacement(rotation: a("trunk")))
        switch view {
        case .side:
            for side in ["near", "far"] {
                set("\(side).thigh", NodePlacement(rotation: -a("\(side).hip")))
                set("\(side).shank", NodePlacement(y: L.thigh, rotation: a("\(side).knee")))
                set("\(side).foot", NodePlacement(y: L.shank, rotation: -a("\(side).ankle")))
                placeArm(side, attach: FigurePoint(0, -L.shoulderDrop), sign: -1, into: set)
            }
            set("spine.back", NodePlacement(y: -L.lowerTrunk, rotation: a("spine")))
            set("spine", NodePlacement(y: -L.lowerTrunk, rotation: a("spine")))
            set("spine.front", NodePlacement(y: -L.lowerTrunk, rotation: a("spine")))
            set("neck", NodePlacement(y: -L.upperTrunk, rotation: a("neck")))
        case .front:
            let twist = cos(a("twist") * .pi / 180)
            for side in ["left", "right"] {
                // The figure's left is the viewer's right: abducting it swings it toward +x.
                let outward = side == "left" ? -1.0 : 1.0
                let hipFlex = a("\(side).hipFlex") * .pi / 180
                let shankAngle = hipFlex - a("\(side).knee") * .pi / 180
                // A limb pointing at the viewer still shows as its rounded end: a scale of 0 would
                // draw nothing at all.
                func shortened(_ angle: Double, _ length: Double) -> Double {
                    let c = cos(angle)
                    let least = 6 / length
                    return abs(c) < least ? (c < 0 ? -least : least) : c
                }
                set(
                    "\(side).thigh",
                    NodePlacement(
                        x: -outward * L.hipHalf, rotation: outward * a("\(side).hip"),
                        scaleY: shortened(hipFlex, L.thigh)))
                set(
                    "\(side).shank", NodePlacement(y: L.thigh * cos(hipFlex), scaleY: shortened(shankAngle, L.shank)))
                set("\(side).foot", NodePlacement(y: L.shank * cos(shankAngle)))
                placeArm(
                    side, attach: FigurePoint(-outward * L.shoulderHalf * twist, -L.shoulderDrop), sign: outward,
                    into: set)
            }
            set("spine", NodePlacement(y: -L.lowerTrunk, rotation: a("spine")))
            set("shoulders", NodePlacement(scaleX: twist))
            let turn = sin(a("twist") * .pi / 180)
            set("chest", NodePlacement(x: turn * L.shoulderHalf * 0.7))
            set("face", NodePlacement(x: turn * L.headRadius * 0.8))
            set("neck", NodePlacement(y: -L.upperTrunk + 1, rotation: a("neck")))
        }
        return result

        func placeArm(
            _ side: String, attach: FigurePoint, sign: Double, into set: (String, NodePlacement) -> Void
        ) {
            // From the side, flexion swings the arm forward (anticlockwise); from the front, abduction
            // swings it out, and the elbow folds toward the middle of the body.
            set("\(side).upperArm", NodePlacement(x: attach.x, y: attach.y, rotation: sign * a("\(side).shoulder")))
            let elbowSign = view == .side ? -1.0 : -sign
            set("\(side).forearm", NodePlacement(y: L.upperArm, rotation: elbowSign * a("\(side).elbow")))
            set("\(side).hand", NodePlacement(y: L.forearm, rotation: elbowSign * a("\(side).wrist")))
            let spread = a("\(side).fingers")
            for finger in 0..<4 {
                set("\(side).finger\(finger)", NodePlacement(y: L.hand - 5, rotation: (Double(finger) - 1.5) * spread))
            }
        }
    }

    /// Each node's transform from its own units to the frame's, as nested SVG groups compose them.
    func worldTransforms(_ placements: [NodePlacement]) -> [Affine] {
        var transforms: [Affine] = []
        transforms.reserveCapacity(nodes.count)
        for (i, node) in nodes.enumerated() {
            let p = placements[i]
            let local = Affine.translation(p.x, p.y).then(rotation: p.rotation)
            transforms.append(node.parent.map { transforms[$0].compose(local) } ?? local)
        }
        return transforms
    }

    /// The world position of every named point when the nodes are placed so.
    public func points(_ placements: [NodePlacement]) -> [String: FigurePoint] {
        let transforms = worldTransforms(placements)
        var result: [String: FigurePoint] = [:]
        for (i, node) in nodes.enumerated() {
            let p = placements[i]
            for (name, point) in node.points {
                result[name] = transforms[i].apply(FigurePoint(point.x * p.scaleX, point.y * p.scaleY))
            }
        }
        return result
    }

    /// Every shape in world units for a pose, in drawing order (limb ends scaled as the node
    /// scales them; widths as drawn).
    public func worldShapes(_ placements: [NodePlacement]) -> [(FigureShape.Form, String)] {
        let transforms = worldTransforms(placements)
        var result: [(FigureShape.Form, String)] = []
        for (i, node) in nodes.enumerated() {
            let p = placements[i]
            func place(_ q: FigurePoint) -> FigurePoint {
                transforms[i].apply(FigurePoint(q.x * p.scaleX, q.y * p.scaleY))
            }
            for shape in node.shapes {
                switch shape.form {
                case .limb(let from, let to, let width):
                    result.append((.limb(from: place(from), to: place(to), width: width), shape.segment))
                case .head(let center, let radius):
                    result.append((.head(center: place(center), radius: radius), shape.segment))
                }
            }
        }
        return result
    }

    /// Lengths in figure units (hundredths of height).
    struct Lengths {
        let thigh = BodyProportions.thigh * 100
        let shank = BodyProportions.shank * 100
        let upperArm = BodyProportions.upperArm * 100
        let forearm = BodyProportions.forearm * 100
        let hand = BodyProportions.hand * 100
        /// The trunk bends at the waist, a little below its middle.
        let lowerTrunk = BodyProportions.trunk * 100 * 0.45
        let upperTrunk = BodyProportions.trunk * 100 * 0.55
        let neck = BodyProportions.neck * 100
        let headRadius = BodyProportions.head * 100 / 2
        var headCenter: Double { neck + headRadius }
        let ankleHeight = BodyProportions.ankleHeight * 100
        /// The heel sits about a quarter of the foot's length behind the ankle.
        let heel = BodyProportions.footLength * 100 * 0.26
        var toe: Double { BodyProportions.footLength * 100 - heel }
        let shoulderHalf = BodyProportions.shoulderWidth * 100 / 2
        let hipHalf = BodyProportions.hipWidth * 100 / 2
        /// The shoulder joints sit a little below the top of the trunk.
        let shoulderDrop = BodyProportions.trunk * 100 * 0.55 - 1.5
    }
}

/// A 2D affine transform, enough to place points the way nested SVG groups do.
struct Affine {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    static func translation(_ x: Double, _ y: Double) -> Affine { Affine(e: x, f: y) }

    func then(rotation degrees: Double) -> Affine {
        let r = degrees * .pi / 180
        return compose(Affine(a: cos(r), b: sin(r), c: -sin(r), d: cos(r)))
    }

    /// This transform applied after `other`: points go through `other` first.
    func compose(_ other: Affine) -> Affine {
        Affine(
            a: a * other.a + c * other.b, b: b * other.a + d * other.b,
            c: a * other.c + c * other.d, d: b * other.c + d * other.d,
            e: a * other.e + c * other.f + e, f: b * other.e + d * other.f + f)
    }

    func apply(_ p: FigurePoint) -> FigurePoint {
        FigurePoint(a * p.x + c * p.y + e, b * p.x + d * p.y + f)
    }
}
