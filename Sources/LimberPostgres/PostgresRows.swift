import Foundation
import LimberCore
import LimberStore
import PostgresNIO

/// How records become PostgreSQL values and back: the one place that knows the columns, so every
/// query writes and reads them the same way. JSON is encoded by `StoredJSON`, as SQLite's rows
/// do, so both backends hold the same shapes.
enum PostgresRows {
    /// An episode as bound in a query: its own fields, read through it, and the two it stores as
    /// JSON, encoded before the transaction begins so that the connection it holds does nothing
    /// but run statements.
    @dynamicMemberLookup
    struct EpisodeValues: Sendable {
        let episode: Episode
        let regions: String
        let triggers: String

        init(_ episode: Episode) throws {
            self.episode = episode
            regions = try json(episode.regions)
            triggers = try json(episode.triggers)
        }

        var side: String? { episode.side?.rawValue }

        subscript<Value>(dynamicMember field: KeyPath<Episode, Value>) -> Value { episode[keyPath: field] }
    }

    /// A session record as bound in a query, its ratings encoded as JSON beforehand.
    @dynamicMemberLookup
    struct SessionValues: Sendable {
        let record: SessionRecord
        let ratings: String

        init(_ record: SessionRecord) throws {
            self.record = record
            ratings = try json(record.ratings)
        }

        subscript<Value>(dynamicMember field: KeyPath<SessionRecord, Value>) -> Value { record[keyPath: field] }
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
