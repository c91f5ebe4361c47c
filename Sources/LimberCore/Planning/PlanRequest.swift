/// What a person asks for: where it hurts, what for, how long they have, and what they can't do.
public struct PlanRequest: Codable, Sendable, Hashable {
    public var regions: [String]
    public var side: Side?
    public var goal: Goal
    /// The time budget in minutes, if any; within `acceptedMinutes`.
    public var minutes: Int?

    /// The time budgets the planner takes: a minute to three hours, far beyond any stretching
    /// session, so a larger number is a typing mistake. A project default.
    public static let acceptedMinutes = 1...180
    /// No floor work: only exercises done standing or on a chair.
    public var standingOnly: Bool
    /// Nothing beyond everyday furniture (wall, chair, bed, pillow).
    public var noEquipment: Bool
    public var conditions: [Condition]

    public init(
        regions: [String], side: Side? = nil, goal: Goal = .relief, minutes: Int? = nil, standingOnly: Bool = false,
        noEquipment: Bool = false, conditions: [Condition] = []
    ) {
        self.regions = regions
        self.side = side
        self.goal = goal
        self.minutes = minutes
        self.standingOnly = standingOnly
        self.noEquipment = noEquipment
        self.conditions = conditions
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case regions, side, goal, minutes, standingOnly, noEquipment, conditions
    }

    /// Only `regions` is required; everything else has the same default as the command line.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        regions = try c.decode([String].self, forKey: .regions)
        side = try c.decodeUnlessNull(Side.self, forKey: .side)
        goal = try c.decodeUnlessNull(Goal.self, forKey: .goal) ?? .relief
        minutes = try c.decodeUnlessNull(Int.self, forKey: .minutes)
        standingOnly = try c.decodeUnlessNull(Bool.self, forKey: .standingOnly) ?? false
        noEquipment = try c.decodeUnlessNull(Bool.self, forKey: .noEquipment) ?? false
        conditions = try c.decodeUnlessNull([Condition].self, forKey: .conditions) ?? []
    }
}

/// A routine made for a request, with why each exercise is in it or left out and what to watch for.
public struct Plan: Codable, Sendable, Hashable {
    public struct Choice: Codable, Sendable, Hashable {
        public var exerciseId: String
        public var exerciseName: String
        public var reasons: [String]
        public var seconds: Int
    }

    public struct LeftOut: Codable, Sendable, Hashable {
        public var exerciseId: String
        public var exerciseName: String
        public var reason: String

        /// What a person reads before the session, in the same words as `ConditionFitter.Swap.note`.
        public var note: String { "Not in your routine: \(exerciseName). \(reason)" }
    }

    public struct Warning: Codable, Sendable, Hashable {
        public var exerciseId: String
        public var exerciseName: String
        public var text: String
        /// The condition that raised it, or nil for a caution that concerns everyone.
        public var condition: Condition?
    }

    public var routine: Routine
    public var totalSeconds: Int
    public var chosen: [Choice]
    public var leftOut: [LeftOut]
    public var cautions: [Warning]
    /// Remarks on the request itself, such as a side ignored for a region that has none.
    public var notes: [String]
}
