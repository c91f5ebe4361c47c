/// How an exercise looks, as catalog data: the props, the points that touch them, and keyframes of
/// joint angles named after the timeline's steps. The core turns it into pictures
/// (`FigureRenderer`, `BrailleFigure`); no front end works out a pose for itself.
public struct Figure: Codable, Sendable, Hashable {
    /// Where the figure is seen from. A side view shows bending forward and back; a front view shows
    /// leaning and turning to the side.
    public enum View: String, CatalogEnum {
        case side
        case front
    }

    public var view: View
    /// The side the keyframes show at work; the other side is the same picture mirrored. Nil for an
    /// exercise that works both sides at once.
    public var drawnSide: Side?
    public var props: [FigureProp]
    /// Body parts drawn in the highlight colour: the stretched or working muscles, by segment
    /// (`near.shank` for the calf of the near leg; see `FigureSkeleton.segmentNames`).
    public var highlight: [String]
    /// Joints allowed past the usual range of motion, each with the reason a reader can check.
    public var beyondRange: [String: String]
    public var keyframes: [FigureKeyframe]

    public init(
        view: View, drawnSide: Side? = nil, props: [FigureProp] = [], highlight: [String],
        beyondRange: [String: String] = [:], keyframes: [FigureKeyframe]
    ) {
        self.view = view
        self.drawnSide = drawnSide
        self.props = props
        self.highlight = highlight
        self.beyondRange = beyondRange
        self.keyframes = keyframes
    }

    /// The keyframe for a step kind or a repetition phase name.
    public func keyframe(_ step: String) -> FigureKeyframe? { keyframes.first { $0.step == step } }

    /// The pose that shows what the exercise does: the held stretch, or the first phase of a
    /// repetition (the effort, such as "raise"), after the starting position. Thumbnails, the
    /// exercise page and `limber show` all show this one.
    public var workingStep: String {
        if keyframe("hold") != nil { return "hold" }
        return keyframes.first { $0.step != "setup" }?.step ?? "setup"
    }

    /// Whether drawing a side needs the keyframes mirrored: they show `drawnSide` at work.
    public func isMirrored(for side: Side?) -> Bool {
        guard let side, let drawnSide else { return false }
        return side != drawnSide
    }

    /// A pose's name as people read it under a picture: "Start", "Stretch", "Raise".
    public static func poseName(_ step: String) -> String {
        switch step {
        case "setup": return "Start"
        case "hold": return "Stretch"
        default: return step.prefix(1).uppercased() + step.dropFirst()
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case view, drawnSide, props, highlight, beyondRange, keyframes
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        view = try c.decode(View.self, forKey: .view)
        drawnSide = try c.decodeIfPresent(Side.self, forKey: .drawnSide)
        props = try c.decodeIfPresent([FigureProp].self, forKey: .props) ?? []
        highlight = try c.decode([String].self, forKey: .highlight)
        beyondRange = try c.decodeIfPresent([String: String].self, forKey: .beyondRange) ?? [:]
        keyframes = try c.decode([FigureKeyframe].self, forKey: .keyframes)
    }
}

/// Something the body rests on or holds. Positions are in figure units: a hundredth of the
/// person's height, x to the right of the frame's left edge, y up from the floor.
public struct FigureProp: Codable, Sendable, Hashable {
    public enum Kind: String, CatalogEnum {
        /// An exercise mat on the floor, from `x` for `width`.
        case mat
        /// A wall whose face is at `x`.
        case wall
        /// A chair whose seat's front edge is at `x`, seat `height` high and `width` deep (side view)
        /// or wide (front view), facing the way the figure faces.
        case chair
        /// A pillow on the floor from `x` for `width`, `height` thick.
        case pillow
        /// A towel looped around a foot and held in both hands; drawn from the hands to the sole.
        case towel
    }

    public var kind: Kind
    public var x: Double
    public var width: Double?
    public var height: Double?

    public init(kind: Kind, x: Double, width: Double? = nil, height: Double? = nil) {
        self.kind = kind
        self.x = x
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, x, width, height }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        x = try c.decode(Double.self, forKey: .x)
        width = try c.decodeIfPresent(Double.self, forKey: .width)
        height = try c.decodeIfPresent(Double.self, forKey: .height)
    }
}

/// One pose, named after the timeline step it belongs to: `setup` (the starting position),
/// `hold` (the stretch that is held) or the name of a repetition phase (`raise`, `lower`).
public struct FigureKeyframe: Codable, Sendable, Hashable {
    /// Which point is placed where: the point rests on the surface of `on` (the floor when nil) at `x`.
    public struct Anchor: Codable, Sendable, Hashable {
        public var point: String
        public var x: Double
        public var on: FigureProp.Kind?

        public init(point: String, x: Double, on: FigureProp.Kind? = nil) {
            self.point = point
            self.x = x
            self.on = on
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case point, x, on }

        public init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            point = try c.decode(String.self, forKey: .point)
            x = try c.decode(Double.self, forKey: .x)
            on = try c.decodeIfPresent(FigureProp.Kind.self, forKey: .on)
        }
    }

    public var step: String
    public var anchor: Anchor
    /// The points that touch the floor or a prop, as `point` (the floor) or `point@prop`
    /// (`near.hand@wall`). Every other point must stay clear of the floor and out of the wall.
    public var contacts: [String]
    /// Joint angles in degrees, by joint name (`FigureSkeleton.jointNames`); a joint left out is at 0.
    public var angles: [String: Double]

    public init(step: String, anchor: Anchor, contacts: [String], angles: [String: Double]) {
        self.step = step
        self.anchor = anchor
        self.contacts = contacts
        self.angles = angles
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case step, anchor, contacts, angles }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decode(String.self, forKey: .step)
        anchor = try c.decode(Anchor.self, forKey: .anchor)
        contacts = try c.decode([String].self, forKey: .contacts)
        angles = try c.decode([String: Double].self, forKey: .angles)
    }
}
