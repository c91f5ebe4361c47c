import Foundation
import GRDB
import LimberCore

/// One row of the `sessions` table: a `SessionRecord` plus the profile it belongs to.
struct SessionRow: StoredRow {
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

    /// Read column by column, as `EpisodeRow` is and for the same reason: the diary, progression
    /// and adherence read every session a person has.
    init(row: Row) throws {
        profileId = row["profileId"]
        id = try StoredColumn.uuid(row["id"], column: "sessions.id")
        routineId = row["routineId"]
        routineName = row["routineName"]
        startedAt = Date(timeIntervalSince1970: row["startedAt"])
        endedAt = Date(timeIntervalSince1970: row["endedAt"])
        isComplete = row["isComplete"]
        stepsCompleted = row["stepsCompleted"]
        stepsSkipped = row["stepsSkipped"]
        stepsTotal = row["stepsTotal"]
        ratings = try StoredColumn.array(SessionRecord.Rating.self, row["ratings"], column: "sessions.ratings")
        painBefore = row["painBefore"]
        painAfter = row["painAfter"]
    }

    var record: SessionRecord {
        SessionRecord(
            id: id, routineId: routineId, routineName: routineName, startedAt: startedAt, endedAt: endedAt,
            isComplete: isComplete, stepsCompleted: stepsCompleted, stepsSkipped: stepsSkipped,
            stepsTotal: stepsTotal, ratings: ratings,
            painBefore: painBefore, painAfter: painAfter)
    }
}

extension SessionRow {
    /// Newest first; `since` keeps sessions started at or after it.
    static func all(profile: ProfileID, in window: RecordWindow, _ db: Database) throws -> [SessionRecord] {
        var sql = "SELECT * FROM sessions WHERE profileId = ?"
        var arguments: StatementArguments = [profile]
        window.where(dateColumn: "startedAt", &sql, &arguments)
        // The id breaks ties so that equal times list in the same order on every backend.
        sql += " ORDER BY startedAt DESC, id DESC"
        window.limit(&sql, &arguments)
        return try fetchAll(db, sql: sql, arguments: arguments).map(\.record)
    }
}
