import Foundation
import GRDB
import LimberCore

/// One row of the `sessions` table: a `SessionRecord` plus the profile it belongs to.
struct SessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "sessions"

    var profileId: String
    var id: UUID
    var routineId: String
    var routineName: String
    var startedAt: Date
    var endedAt: Date
    var isComplete: Bool
    var stepsCompleted: Int
    var stepsSkipped: Int
    var stepsTotal: Int
    var ratings: [SessionRecord.Rating]
    var painBefore: Int?
    var painAfter: Int?

    init(_ record: SessionRecord, profile: ProfileID) {
        profileId = profile
        id = record.id
        routineId = record.routineId
        routineName = record.routineName
        startedAt = record.startedAt
        endedAt = record.endedAt
        isComplete = record.isComplete
        stepsCompleted = record.stepsCompleted
        stepsSkipped = record.stepsSkipped
        stepsTotal = record.stepsTotal
        ratings = record.ratings
        painBefore = record.painBefore
        painAfter = record.painAfter
    }

    var record: SessionRecord {
        SessionRecord(
            id: id, routineId: routineId, routineName: routineName, startedAt: startedAt, endedAt: endedAt,
            isComplete: isComplete, stepsCompleted: stepsCompleted, stepsSkipped: stepsSkipped,
            stepsTotal: stepsTotal, ratings: ratings,
            painBefore: painBefore, painAfter: painAfter)
    }

    static func databaseUUIDEncodingStrategy(for column: String) -> DatabaseUUIDEncodingStrategy {
        StoredValue.uuidStrategy
    }

    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        StoredValue.dateEncodingStrategy
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        StoredValue.dateDecodingStrategy
    }
}
