import Foundation
import GRDB
import LimberCore

/// One row of the `episodes` table: an `Episode` plus the profile it belongs to.
///
/// The row type keeps the storage choices (lowercase UUID text, seconds since 1970, JSON arrays)
/// in one place, so the domain type never learns about SQLite and every query reads and writes
/// the same representation.
struct EpisodeRow: StoredRow {
    static let databaseTableName = "episodes"

    var profileId: String
    var id: UUID
    var occurredAt: Date
    var durationSeconds: Int
    var regions: [String]
    var side: Side?
    var severity: Int
    var triggers: [Trigger]
    var wokeFromSleep: Bool
    var relievedBy: String?
    var notes: String?
    // `createdAt` is left to the column's default: it records when the row was stored, which
    // no caller knows better than the database.

    init(_ episode: Episode, profile: ProfileID) {
        profileId = profile
        id = episode.id
        occurredAt = episode.occurredAt
        durationSeconds = episode.durationSeconds
        regions = episode.regions
        side = episode.side
        severity = episode.severity
        triggers = episode.triggers
        wokeFromSleep = episode.wokeFromSleep
        relievedBy = episode.relievedBy
        notes = episode.notes
    }

    /// Read column by column rather than through `Decodable`: a diary page reads a person's
    /// whole diary, and the generic row decoder (a keyed container per row, a new JSON decoder
    /// for each array column) was most of the time of `GET /api/v1/review` with 1,000 cramps.
    /// The representation is the one the Codable conformance writes (`StoredValue`, `StoredJSON`).
    init(row: Row) throws {
        profileId = row["profileId"]
        guard let id = UUID(uuidString: row["id"]) else { throw StoredRowError("episodes.id", row["id"]) }
        self.id = id
        occurredAt = Date(timeIntervalSince1970: row["occurredAt"])
        durationSeconds = row["durationSeconds"]
        regions = try Self.decodeArray(String.self, row["regions"], column: "episodes.regions")
        let sideText: String? = row["side"]
        side = try sideText.map { text in
            guard let side = Side(rawValue: text) else { throw StoredRowError("episodes.side", text) }
            return side
        }
        severity = row["severity"]
        triggers = try Self.decodeArray(Trigger.self, row["triggers"], column: "episodes.triggers")
        wokeFromSleep = row["wokeFromSleep"]
        relievedBy = row["relievedBy"]
        notes = row["notes"]
    }

    /// One decoder for every row (JSONDecoder is Sendable: decoding does not change it).
    private static let arrayDecoder = StoredJSON.makeDecoder()

    private static func decodeArray<Element: Decodable>(
        _ type: Element.Type, _ text: String, column: String
    ) throws -> [Element] {
        if text == "[]" { return [] }
        do {
            return try arrayDecoder.decode([Element].self, from: Data(text.utf8))
        } catch {
            throw StoredRowError(column, text)
        }
    }

    var episode: Episode {
        Episode(
            id: id, occurredAt: occurredAt, durationSeconds: durationSeconds, regions: regions, side: side,
            severity: severity, triggers: triggers, wokeFromSleep: wokeFromSleep, relievedBy: relievedBy, notes: notes)
    }
}

/// A stored value this version cannot read (written by hand, or by a newer Limber).
struct StoredRowError: Error, CustomStringConvertible {
    let column: String
    let value: String

    init(_ column: String, _ value: String?) {
        self.column = column
        self.value = value ?? "NULL"
    }

    var description: String { "\(column): the stored value \"\(value)\" cannot be read by this version of Limber" }
}
