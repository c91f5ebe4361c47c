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
    }

    public var id: UUID
    public var routineId: String
    public var routineName: String
    public var startedAt: Date
    public var endedAt: Date
    public var isComplete: Bool
    public var stepsCompleted: Int
    public var stepsTotal: Int
    public var ratings: [Rating]
    public var painBefore: Int?
    public var painAfter: Int?

    public init(
        id: UUID = UUID(), routineId: String, routineName: String, startedAt: Date, endedAt: Date, isComplete: Bool,
        stepsCompleted: Int, stepsTotal: Int, ratings: [Rating] = [], painBefore: Int? = nil, painAfter: Int? = nil
    ) {
        self.id = id
        self.routineId = routineId
        self.routineName = routineName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.isComplete = isComplete
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
        self.ratings = ratings
        self.painBefore = painBefore
        self.painAfter = painAfter
    }
}
