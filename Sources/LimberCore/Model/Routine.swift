/// What a routine is for; the planner and the diary's advice read it.
public enum Goal: String, CatalogEnum {
    /// Ease a cramp or spasm that is happening now.
    case relief
    /// Stretch regularly so cramps come less often.
    case prevention
    /// Stretch just before sleep against night cramps.
    case bedtime
}

/// An ordered list of exercises with their doses. Built-in routines are catalog data.
public struct Routine: Codable, Sendable, Hashable, Identifiable {
    /// One exercise in a routine, with any change to its catalog dose.
    public struct Item: Codable, Sendable, Hashable {
        public var exerciseId: String
        public var dose: DoseOverride?

        public init(exerciseId: String, dose: DoseOverride? = nil) {
            self.exerciseId = exerciseId
            self.dose = dose
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case exerciseId, dose }

        public init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            exerciseId = try c.decode(String.self, forKey: .exerciseId)
            dose = try c.decodeUnlessNull(DoseOverride.self, forKey: .dose)
        }
    }

    public var id: String
    public var name: String
    public var purpose: Goal
    public var summary: String
    public var regions: [String]
    public var items: [Item]
    public var sources: [Source]
    /// Numbers in this routine chosen by the project rather than a source, said in words.
    public var projectDefaults: [String]

    public init(
        id: String, name: String, purpose: Goal, summary: String, regions: [String], items: [Item],
        sources: [Source] = [], projectDefaults: [String] = []
    ) {
        self.id = id
        self.name = name
        self.purpose = purpose
        self.summary = summary
        self.regions = regions
        self.items = items
        self.sources = sources
        self.projectDefaults = projectDefaults
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, purpose, summary, regions, items, sources, projectDefaults
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        purpose = try c.decode(Goal.self, forKey: .purpose)
        summary = try c.decode(String.self, forKey: .summary)
        regions = try c.decodeIfPresent([String].self, forKey: .regions) ?? []
        items = try c.decode([Item].self, forKey: .items)
        sources = try c.decodeIfPresent([Source].self, forKey: .sources) ?? []
        projectDefaults = try c.decodeIfPresent([String].self, forKey: .projectDefaults) ?? []
    }
}
