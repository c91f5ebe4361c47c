import Foundation
import LimberCore
import LimberStore
import PostgresNIO

/// How records become PostgreSQL values and back: the one place that knows the columns, so every
/// query writes and reads them the same way. JSON is encoded by `StoredJSON`, as SQLite's rows
/// do, so both backends hold the same shapes.
enum PostgresRows {
    /// An episode's values as bound in a query, encoded before the transaction begins so that the
    /// connection it holds does nothing but run statements.
    struct EpisodeValues: Sendable {
        let id: UUID
        let occurredAt: Date
        let durationSeconds: Int
        let regions: String
        let side: String?
        let severity: Int
        let triggers: String
        let wokeFromSleep: Bool
        let relievedBy: String?
        let notes: String?

        init(_ episode: Episode) throws {
            id = episode.id
            occurredAt = episode.occurredAt
            durationSeconds = episode.durationSeconds
            regions = try json(episode.regions)
            side = episode.side?.rawValue
            severity = episode.severity
            triggers = try json(episode.triggers)
            wokeFromSleep = episode.wokeFromSleep
            relievedBy = episode.relievedBy
            notes = episode.notes
        }
    }

    struct SessionValues: Sendable {
        let id: UUID
        let routineId: String
        let routineName: String
        let startedAt: Date
        let endedAt: Date
        let isComplete: Bool
        let stepsCompleted: Int
        let stepsSkipped: Int
        let stepsTotal: Int
        let ratings: String
        let painBefore: Int?
        let painAfter: Int?

        init(_ record: SessionRecord) throws {
            id = record.id
            routineId = record.routineId
            routineName = record.routineName
            startedAt = record.startedAt
            endedAt = record.endedAt
            isComplete = record.isComplete
            stepsCompleted = record.stepsCompleted
            stepsSkipped = record.stepsSkipped
            stepsTotal = record.stepsTotal
            ratings = try json(record.ratings)
            painBefore = record.painBefore
            painAfter = record.painAfter
        }
    }

    /// The columns `episode(_:)` decodes, in its order.
    static let episodeColumns =
        "id, occurred_at, duration_seconds, regions, side, severity, triggers, woke_from_sleep, relieved_by, notes"

    static func episode(_ row: PostgresRow) throws -> Episode {
        let (id, occurredAt, durationSeconds, regions, side, severity, triggers, wokeFromSleep, relievedBy, notes) =
            try row.decode((UUID, Date, Int, String, String?, Int, String, Bool, String?, String?).self)
        return Episode(
            id: id, occurredAt: occurredAt, durationSeconds: durationSeconds,
            regions: try decodeJSON([String].self, regions), side: try side.map(decodeSide), severity: severity,
            triggers: try decodeJSON([Trigger].self, triggers), wokeFromSleep: wokeFromSleep, relievedBy: relievedBy,
            notes: notes)
    }

    /// The columns `session(_:)` decodes, in its order.
    static let sessionColumns = """
        id, routine_id, routine_name, started_at, ended_at, is_complete, steps_completed, steps_skipped, \
        steps_total, ratings, pain_before, pain_after
        """

    static func session(_ row: PostgresRow) throws -> SessionRecord {
        let (
            id, routineId, routineName, startedAt, endedAt, isComplete, stepsCompleted, stepsSkipped, stepsTotal,
            ratings, painBefore, painAfter
        ) = try row.decode((UUID, String, String, Date, Date, Bool, Int, Int, Int, String, Int?, Int?).self)
        return SessionRecord(
            id: id, routineId: routineId, routineName: routineName, startedAt: startedAt, endedAt: endedAt,
            isComplete: isComplete, stepsCompleted: stepsCompleted, stepsSkipped: stepsSkipped, stepsTotal: stepsTotal,
            ratings: try decodeJSON([SessionRecord.Rating].self, ratings), painBefore: painBefore, painAfter: painAfter)
    }

    /// The text bound to a `jsonb` column (the query casts it with `::jsonb`).
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try StoredJSON.makeEncoder().encode(value), as: UTF8.self)
    }

    static func decodeJSON<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try StoredJSON.makeDecoder().decode(type, from: Data(text.utf8))
    }

    private static func decodeSide(_ text: String) throws -> Side {
        guard let side = Side(rawValue: text) else { throw PostgresStoreError.unreadableColumn("side", text) }
        return side
    }
}
