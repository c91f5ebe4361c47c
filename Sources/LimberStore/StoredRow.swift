import Foundation
import GRDB
import LimberCore

/// A row type of a Limber table. Every table stores ids, dates and JSON the same way, so the
/// strategies are given once here and each row type declares only its columns.
protocol StoredRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    /// The column that, with `profileId`, names one row: most tables call it `id`.
    static var keyColumn: String { get }
}

extension StoredRow {
    static var keyColumn: String { "id" }

    static func databaseUUIDEncodingStrategy(for column: String) -> DatabaseUUIDEncodingStrategy {
        StoredValue.uuidStrategy
    }

    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        StoredValue.dateEncodingStrategy
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        StoredValue.dateDecodingStrategy
    }

    // Properties that are arrays or documents (an episode's regions, a whole reminder) go into
    // JSON columns in the one form `StoredJSON` writes.

    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        StoredJSON.makeEncoder()
    }

    static func databaseJSONDecoder(for column: String) -> JSONDecoder {
        StoredJSON.makeDecoder()
    }

    /// The profile's row whose key column holds `key`, as stored (a UUID in `StoredValue.id` form).
    static func fetchOne(key: String, profile: ProfileID, _ db: Database) throws -> Self? {
        // The text is the same for every row of a table, so SQLite compiles it once per connection.
        try fetchOne(
            db.cachedStatement(
                sql: "SELECT * FROM \(databaseTableName.quotedDatabaseIdentifier) "
                    + "WHERE profileId = ? AND \(keyColumn.quotedDatabaseIdentifier) = ?"),
            arguments: [profile, key])
    }

    /// Deletes the profile's row whose key column holds `key`; returns false when there was none.
    static func deleteOne(key: String, profile: ProfileID, _ db: Database) throws -> Bool {
        try db.execute(
            sql: "DELETE FROM \(databaseTableName.quotedDatabaseIdentifier) "
                + "WHERE profileId = ? AND \(keyColumn.quotedDatabaseIdentifier) = ?",
            arguments: [profile, key])
        return db.changesCount > 0
    }
}
