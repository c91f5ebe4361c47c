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
        id = try StoredColumn.uuid(row["id"], column: "episodes.id")
        occurredAt = Date(timeIntervalSince1970: row["occurredAt"])
        durationSeconds = row["durationSeconds"]
        regions = try StoredColumn.array(String.self, row["regions"], column: "episodes.regions")
        side = try StoredColumn.value(Side.self, row["side"], column: "episodes.side")
        severity = row["severity"]
        triggers = try StoredColumn.array(Trigger.self, row["triggers"], column: "episodes.triggers")
        wokeFromSleep = row["wokeFromSleep"]
        relievedBy = row["relievedBy"]
        notes = row["notes"]
    }

    var episode: Episode {
        Episode(
            id: id, occurredAt: occurredAt, durationSeconds: durationSeconds, regions: regions, side: side,
            severity: severity, triggers: triggers, wokeFromSleep: wokeFromSleep, relievedBy: relievedBy, notes: notes)
    }
}
