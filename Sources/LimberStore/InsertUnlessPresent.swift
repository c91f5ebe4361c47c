import GRDB

/// An `INSERT ... ON CONFLICT DO NOTHING` with its values already encoded.
///
/// Encoding a row (Codable, and JSON for the array columns) costs more than running the insert,
/// and the writer connection is the one thing every write waits for; so the row is encoded
/// before its write is queued, and the writer only runs the statement.
///
/// It is `ON CONFLICT DO NOTHING`, not GRDB's `insert(onConflict: .ignore)`: `INSERT OR IGNORE`
/// also skips rows that break a CHECK or NOT NULL constraint, so an out-of-range severity would
/// vanish silently instead of failing the write.
struct InsertUnlessPresent: Sendable {
    let sql: String
    let arguments: StatementArguments

    init(_ record: some PersistableRecord) throws {
        let values = try record.databaseDictionary.sorted { $0.key < $1.key }
        let columns = values.map(\.key.quotedDatabaseIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let table = type(of: record).databaseTableName.quotedDatabaseIdentifier
        sql = "INSERT INTO \(table) (\(columns)) VALUES (\(placeholders)) ON CONFLICT DO NOTHING"
        arguments = StatementArguments(values.map(\.value))
    }

    /// Inserts the row unless one with the same primary key is stored; returns whether it did.
    func run(_ db: Database) throws -> Bool {
        // The text is the same for every row of a table, so SQLite compiles it once per connection.
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        return db.changesCount > 0
    }
}
