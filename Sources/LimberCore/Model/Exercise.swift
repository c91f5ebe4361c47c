/// One stretch or exercise in the catalog, with everything needed to guide it and to cite it.
public struct Exercise: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, CatalogEnum {
        case stretch
        case strengthening
        case mobility
    }

    /// The body position the exercise is done in; the planner's "no floor work" rule reads it.
    public enum Position: String, CatalogEnum {
        case standing
        case sittingChair = "sitting-chair"
        case sittingFloor = "sitting-floor"
        case kneeling
        case lyingFaceDown = "lying-face-down"
        case lyingOnBack = "lying-on-back"
        case lyingOnSide = "lying-on-side"
        case handsAndKnees = "hands-and-knees"

        /// True when the person has to get down on the floor (or a bed) for it.
        public var isFloorWork: Bool {
            switch self {
            case .standing, .sittingChair: return false
            default: return true
            }
        }

        public var title: String {
            switch self {
            case .standing: return "standing"
            case .sittingChair: return "sitting on a chair"
            case .sittingFloor: return "sitting on the floor"
            case .kneeling: return "kneeling"
            case .lyingFaceDown: return "lying face down"
            case .lyingOnBack: return "lying on your back"
            case .lyingOnSide: return "lying on your side"
            case .handsAndKnees: return "on hands and knees"
            }
        }
    }

    /// Something the exercise needs besides the person.
    public enum Equipment: String, CatalogEnum {
        case wall, chair, bed, pillow, towel
        case handWeights = "hand-weights"

        /// Everyday furniture found in any home does not count as equipment for `--no-equipment`.
        public var isEverydayFurniture: Bool {
            switch self {
            case .wall, .chair, .bed, .pillow: return true
            case .towel, .handWeights: return false
            }
        }
    }

    public struct Regions: Codable, Sendable, Hashable {
        /// Where the exercise is aimed.
        public var primary: [String]
        /// Where it may also help.
        public var secondary: [String]

        public init(primary: [String], secondary: [String] = []) {
            self.primary = primary
            self.secondary = secondary
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case primary, secondary }

        public init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            primary = try c.decode([String].self, forKey: .primary)
            secondary = try c.decodeIfPresent([String].self, forKey: .secondary) ?? []
        }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// One line on what the exercise may help with.
    public var summary: String
    public var regions: Regions
    public var muscles: [String]
    public var position: Position
    public var equipment: [Equipment]
    /// What one side is called in cues: "leg", "arm", "side".
    public var sideNoun: String
    public var steps: [String]
    /// Short form reminders spoken during a hold.
    public var cues: [String]
    /// What the person should feel, and what means stop.
    public var sensation: String
    public var dose: Dose
    public var progression: String?
    public var cautions: [Caution]
    public var sources: [Source]
    /// Dose fields chosen by the project rather than a source, such as `setupSeconds`.
    public var projectDefaults: [String]
    /// How the exercise looks, for every picture of it; nil draws none.
    public var figure: Figure?

    /// The dose fields that may be listed in `projectDefaults`.
    public static let doseFieldNames: Set<String> = [
        "hold.seconds", "repeat.count", "repeat.phases", "sets", "restSeconds", "sides", "setupSeconds",
        "switchSeconds",
    ]

    public init(
        id: String, name: String, kind: Kind, summary: String, regions: Regions, muscles: [String],
        position: Position, equipment: [Equipment], sideNoun: String = "side", steps: [String], cues: [String],
        sensation: String, dose: Dose, progression: String? = nil, cautions: [Caution] = [],
        sources: [Source], projectDefaults: [String] = [], figure: Figure? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.summary = summary
        self.regions = regions
        self.muscles = muscles
        self.position = position
        self.equipment = equipment
        self.sideNoun = sideNoun
        self.steps = steps
        self.cues = cues
        self.sensation = sensation
        self.dose = dose
        self.progression = progression
        self.cautions = cautions
        self.sources = sources
        self.projectDefaults = projectDefaults
        self.figure = figure
    }

    /// True when the exercise is aimed at, or also helps, the region.
    public func covers(_ regionID: String) -> Bool {
        regions.primary.contains(regionID) || regions.secondary.contains(regionID)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, kind, summary, regions, muscles, position, equipment, sideNoun, steps, cues, sensation
        case dose, progression, cautions, sources, projectDefaults, figure
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(Kind.self, forKey: .kind)
        summary = try c.decode(String.self, forKey: .summary)
        regions = try c.decode(Regions.self, forKey: .regions)
        muscles = try c.decodeIfPresent([String].self, forKey: .muscles) ?? []
        position = try c.decode(Position.self, forKey: .position)
        equipment = try c.decodeIfPresent([Equipment].self, forKey: .equipment) ?? []
        sideNoun = try c.decodeIfPresent(String.self, forKey: .sideNoun) ?? "side"
        steps = try c.decode([String].self, forKey: .steps)
        cues = try c.decodeIfPresent([String].self, forKey: .cues) ?? []
        sensation = try c.decode(String.self, forKey: .sensation)
        dose = try c.decode(Dose.self, forKey: .dose)
        progression = try c.decodeIfPresent(String.self, forKey: .progression)
        cautions = try c.decodeIfPresent([Caution].self, forKey: .cautions) ?? []
        sources = try c.decode([Source].self, forKey: .sources)
        projectDefaults = try c.decodeIfPresent([String].self, forKey: .projectDefaults) ?? []
        figure = try c.decodeIfPresent(Figure.self, forKey: .figure)
    }
}
