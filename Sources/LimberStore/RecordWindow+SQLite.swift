import GRDB

extension RecordWindow {
    /// The window's conditions on a table listed newest first by `dateColumn`, then by id.
    func `where`(dateColumn: String, _ sql: inout String, _ arguments: inout StatementArguments) {
        if let since {
            sql += " AND \(dateColumn) >= ?"
            arguments += [StoredValue.date(since)]
        }
        if let before {
            sql += " AND \(dateColumn) < ?"
            arguments += [StoredValue.date(before)]
        }
        if let after {
            // A row value compares the time first and the id only between equal times: exactly
            // the records that list after `after` in `ORDER BY date DESC, id DESC`, and it can use
            // the (profileId, date) index.
            sql += " AND (\(dateColumn), id) < (?, ?)"
            arguments += [StoredValue.date(after.date), StoredValue.id(after.id)]
        }
    }

    func limit(_ sql: inout String, _ arguments: inout StatementArguments) {
        guard let limit else { return }
        sql += " LIMIT ?"
        arguments += [limit]
    }
}
