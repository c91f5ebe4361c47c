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

/// Reading a row's columns by hand (`init(row:)`), for the rows read by the thousand: in the one
/// representation the Codable conformance writes.
enum StoredColumn {
    /// One decoder for every row (JSONDecoder is Sendable: decoding does not change it).
    private static let decoder = StoredJSON.makeDecoder()

    static func uuid(_ text: String, column: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw StoredRowError(column, text) }
        return id
    }

    static func value<Value: RawRepresentable<String>>(
        _ type: Value.Type, _ text: String?, column: String
    ) throws -> Value? {
        guard let text else { return nil }
        guard let value = Value(rawValue: text) else { throw StoredRowError(column, text) }
        return value
    }

    static func array<Element: Decodable>(_ type: Element.Type, _ text: String, column: String) throws -> [Element] {
        if text == "[]" { return [] }
        do {
            return try decoder.decode([Element].self, from: Data(text.utf8))
        } catch {
            throw StoredRowError(column, text)
        }
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
