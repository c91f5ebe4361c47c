import Foundation

/// Who a personal record belongs to. Only the implicit local profile exists for now; every record
/// carries its profile so accounts and clinics later add rows, not new meanings.
public typealias ProfileID = String

extension ProfileID {
    /// The one profile a single-person install uses.
    public static let local: ProfileID = "local"
}

/// What may have brought a cramp on, as the person sees it.
public enum Trigger: String, CatalogEnum {
    case night, exercise, dehydration, heat
    case longSitting = "long-sitting"
    case pregnancy, alcohol, statin, diuretic
    case newMedicine = "new-medicine"
    /// Leg cramps that come on while walking and ease at rest: possible claudication.
    case walking = "walking"
    case caffeine, other
}

/// One cramp or spasm in the diary.
public struct Episode: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var occurredAt: Date
    public var durationSeconds: Int
    public var regions: [String]
    public var side: Side?
    /// 0 (none) to 10 (worst imaginable).
    public var severity: Int
    public var triggers: [Trigger]
    public var wokeFromSleep: Bool
    public var relievedBy: String?
    public var notes: String?

    public init(
        id: UUID = UUID(), occurredAt: Date, durationSeconds: Int, regions: [String], side: Side? = nil, severity: Int,
        triggers: [Trigger] = [], wokeFromSleep: Bool = false, relievedBy: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.durationSeconds = durationSeconds
        self.regions = regions
        self.side = side
        self.severity = severity
        self.triggers = triggers
        self.wokeFromSleep = wokeFromSleep
        self.relievedBy = relievedBy
        self.notes = notes
    }
}

/// How an exercise felt, asked at the end of a session; progression advice reads it.
public enum Difficulty: String, CatalogEnum {
    case tooEasy = "too-easy"
    case aboutRight = "about-right"
    case tooHard = "too-hard"
}

/// One guided session, done in full or in part.
public struct SessionRecord: Codable, Sendable, Hashable, Identifiable {
    public struct Rating: Codable, Sendable, Hashable {
        public var exerciseId: String
        public var difficulty: Difficulty

        public init(exerciseId: String, difficulty: Difficulty) {
            self.exerciseId = exerciseId
            self.difficulty = difficulty
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case exerciseId, difficulty }

        /// A misspelt field is refused rather than silently dropped.
        public init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            exerciseId = try c.decode(String.self, forKey: .exerciseId)
            difficulty = try c.decode(Difficulty.self, forKey: .difficulty)
        }
    }

    public var id: UUID
    public var routineId: String
    public var routineName: String
    public var startedAt: Date
    public var endedAt: Date
    /// True only when every step was done: a session that reached its end by skipping is not complete.
    public var isComplete: Bool
    /// Steps whose whole time ran.
    public var stepsCompleted: Int
    /// Steps the person passed over with skip; neither these nor the steps never reached count as done.
    public var stepsSkipped: Int
    /// Every step of the routine, without the closing "done".
    public var stepsTotal: Int
    public var ratings: [Rating]
    public var painBefore: Int?
    public var painAfter: Int?

    public init(
        id: UUID = UUID(), routineId: String, routineName: String, startedAt: Date, endedAt: Date, isComplete: Bool,
        stepsCompleted: Int, stepsSkipped: Int = 0, stepsTotal: Int, ratings: [Rating] = [], painBefore: Int? = nil,
        painAfter: Int? = nil
    ) {
        self.id = id
        self.routineId = routineId
        self.routineName = routineName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.isComplete = isComplete
        self.stepsCompleted = stepsCompleted
        self.stepsSkipped = stepsSkipped
        self.stepsTotal = stepsTotal
        self.ratings = ratings
        self.painBefore = painBefore
        self.painAfter = painAfter
    }

    /// Files exported before skipped steps were counted have no `stepsSkipped`. They read as the
    /// database's old rows were migrated: none skipped, unless the record reached its end with steps
    /// missing, which only skipping does; then those steps were skipped and it is not complete.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        routineId = try c.decode(String.self, forKey: .routineId)
        routineName = try c.decode(String.self, forKey: .routineName)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        endedAt = try c.decode(Date.self, forKey: .endedAt)
        isComplete = try c.decode(Bool.self, forKey: .isComplete)
        stepsCompleted = try c.decode(Int.self, forKey: .stepsCompleted)
        stepsTotal = try c.decode(Int.self, forKey: .stepsTotal)
        if let skipped = try c.decodeIfPresent(Int.self, forKey: .stepsSkipped) {
            stepsSkipped = skipped
        } else if isComplete && stepsCompleted < stepsTotal {
            stepsSkipped = stepsTotal - stepsCompleted
            isComplete = false
        } else {
            stepsSkipped = 0
        }
        ratings = try c.decode([Rating].self, forKey: .ratings)
        painBefore = try c.decodeIfPresent(Int.self, forKey: .painBefore)
        painAfter = try c.decodeIfPresent(Int.self, forKey: .painAfter)
    }
}

extension SessionRecord {
    /// How much of the session was done, the same words in `limber history` and on the diary page:
    /// "complete, 8 of 8 steps" or "5 of 8 steps, 2 skipped".
    public var stepsDescription: String {
        let steps = "\(stepsCompleted) of \(stepsTotal) steps"
        if isComplete { return "complete, " + steps }
        return stepsSkipped > 0 ? "\(steps), \(stepsSkipped) skipped" : steps
    }

    /// The pain before and after, such as "pain 6 → 3"; nil when neither was given.
    public var painDescription: String? {
        switch (painBefore, painAfter) {
        case (let before?, let after?): "pain \(before) → \(after)"
        case (let before?, nil): "pain \(before) before"
        case (nil, let after?): "pain \(after) after"
        case (nil, nil): nil
        }
    }
}
