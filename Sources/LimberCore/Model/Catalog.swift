/// Everything Limber knows about regions, exercises and built-in routines, validated and indexed.
public struct Catalog: Sendable {
    public let version: Int
    public let regions: [Region]
    public let exercises: [Exercise]
    public let routines: [Routine]

    private let regionIndex: [String: Int]
    private let exerciseIndex: [String: Int]
    private let routineIndex: [String: Int]

    /// Builds an index over already validated content; use `CatalogLoader` to read and check files.
    init(version: Int, regions: [Region], exercises: [Exercise], routines: [Routine]) {
        self.version = version
        self.regions = regions
        self.exercises = exercises
        self.routines = routines
        regionIndex = Dictionary(regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        exerciseIndex = Dictionary(exercises.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        routineIndex = Dictionary(routines.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func region(_ id: String) -> Region? { regionIndex[id].map { regions[$0] } }
    public func exercise(_ id: String) -> Exercise? { exerciseIndex[id].map { exercises[$0] } }
    public func routine(_ id: String) -> Routine? { routineIndex[id].map { routines[$0] } }

    /// Regions that at least one exercise is aimed at: the ones Limber can plan for.
    public var coveredRegions: [Region] {
        regions.filter { region in exercises.contains { $0.regions.primary.contains(region.id) } }
    }

    /// Exercises for a region, those aimed at it first, each group in catalog order.
    public func exercises(for regionID: String) -> [Exercise] {
        exercises.filter { $0.regions.primary.contains(regionID) }
            + exercises.filter { $0.regions.secondary.contains(regionID) && !$0.regions.primary.contains(regionID) }
    }
}

/// The file shape of a catalog: the bundled one and any user catalog merged over it.
public struct CatalogFile: Codable, Sendable {
    public var version: Int
    public var regions: [Region]
    public var exercises: [Exercise]
    public var routines: [Routine]

    public init(version: Int = 1, regions: [Region] = [], exercises: [Exercise] = [], routines: [Routine] = []) {
        self.version = version
        self.regions = regions
        self.exercises = exercises
        self.routines = routines
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case version, regions, exercises, routines }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        regions = try c.decodeIfPresent([Region].self, forKey: .regions) ?? []
        exercises = try c.decodeIfPresent([Exercise].self, forKey: .exercises) ?? []
        routines = try c.decodeIfPresent([Routine].self, forKey: .routines) ?? []
    }
}
