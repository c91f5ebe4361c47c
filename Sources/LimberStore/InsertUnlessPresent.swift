import GRDB

extension PersistableRecord {
    /// Inserts the row unless one with the same primary key is stored; returns whether it did.
    ///
    /// This is `INSERT ... ON CONFLICT DO NOTHING`, not GRDB's `insert(onConflict: .ignore)`:
    /// `INSERT OR IGNORE` also skips rows that break a CHECK or NOT NULL constraint, so an
    /// out-of-range severity would vanish silently instead of failing the write.
    func insertUnlessPresent(_ db: Database) throws -> Bool {
        let values = try databaseDictionary.sorted { $0.key < $1.key }
        let columns = values.map(\.key.quotedDatabaseIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO \(Self.databaseTableName.quotedDatabaseIdentifier) (\(columns)) VALUES (\(placeholders)) \
                ON CONFLICT DO NOTHING
                """,
            arguments: StatementArguments(values.map(\.value)))
        return db.changesCount > 0
    }
}
