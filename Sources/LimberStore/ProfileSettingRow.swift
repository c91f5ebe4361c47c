import GRDB
import LimberCore

/// A table that holds at most one row per profile (its calendar feed, its conditions, its time
/// zone): reading gives that row or nil, and setting replaces it or, with nil, removes it.
protocol ProfileSettingRow: StoredRow {}

extension ProfileSettingRow {
    static var keyColumn: String { "profileId" }

    static func fetchOne(profile: ProfileID, _ db: Database) throws -> Self? {
        try fetchOne(key: profile, profile: profile, db)
    }

    /// Deleting and inserting, rather than updating, so that nil and a first setting need no
    /// cases of their own, and `updatedAt` takes its default again.
    static func replace(profile: ProfileID, with row: Self?, _ db: Database) throws {
        _ = try deleteOne(key: profile, profile: profile, db)
        try row?.insert(db)
    }
}
