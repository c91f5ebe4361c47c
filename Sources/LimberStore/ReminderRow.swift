import Foundation
import GRDB
import LimberCore

/// One row of the `reminders` table: a `Reminder` stored whole as JSON, with the place it was
/// added in.
struct ReminderRow: StoredRow {
    static let databaseTableName = "reminders"

    var profileId: String
    var id: UUID
    var position: Int
    var body: Reminder

    static func all(profile: ProfileID, _ db: Database) throws -> [Reminder] {
        try fetchAll(db, sql: "SELECT * FROM reminders WHERE profileId = ? ORDER BY position", arguments: [profile])
            .map(\.body)
    }

    /// Adds the reminder after the profile's others, unless one with its id is stored; returns the
    /// stored one either way, so a retried add never makes two.
    static func add(_ reminder: Reminder, profile: ProfileID, _ db: Database) throws -> Reminder {
        if let stored = try fetchOne(key: StoredValue.id(reminder.id), profile: profile, db) { return stored.body }
        // The place is read inside the write transaction, and SQLite runs one writer at a time,
        // so two adds can never take the same place.
        let last = try Int.fetchOne(
            db, sql: "SELECT MAX(position) FROM reminders WHERE profileId = ?", arguments: [profile])
        let row = ReminderRow(profileId: profile, id: reminder.id, position: (last ?? 0) + 1, body: reminder)
        try row.insert(db)
        return row.body
    }
}
