import Foundation
import GRDB

/// Decides, without changing the file, whether an existing file may become or stay Limber's database.
///
/// Opening a `DatabasePool` is not harmless: it switches the file to WAL mode, and migrations
/// would then add Limber's tables to whatever the file holds. A mistyped `--database` path must
/// not damage another program's data, and an older Limber must not half-understand a newer
/// file, so an existing file is first read through a read-only connection, and only a fresh
/// file or a Limber database this build understands goes on to be opened for writing.
///
/// The read-only connection never writes the database file. When the file is already in WAL
/// mode, SQLite may create its `-wal` and `-shm` companions, as any reader of such a file does;
/// they hold no records, and the file's own program goes on using them as usual.
enum DatabaseFileCheck {
    private enum Verdict {
        case usable
        case foreign
        case newer(unknownMigrations: [String])
    }

    static func verify(path: String, migrator: DatabaseMigrator) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let verdict: Verdict
        do {
            verdict = try readVerdict(path: path, migrator: migrator)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notALimberDatabase(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        switch verdict {
        case .usable:
            return
        case .foreign:
            throw StoreError.notALimberDatabase(path: path)
        case .newer(let unknownMigrations):
            let noun = unknownMigrations.count == 1 ? "migration" : "migrations"
            throw StoreError.newerSchema(
                path: path, found: "\(noun) \(unknownMigrations.joined(separator: ", "))")
        }
    }

    /// What to hand SQLite to read `path` without writing anything.
    ///
    /// Reading a WAL file needs its -shm companion, which SQLite cannot create in a folder it may
    /// not write to, so it fails with "attempt to write a readonly database". With the folder
    /// read-only no one can be writing the file either, so it may be opened as immutable (an SQLite
    /// URI filename; the system SQLite accepts them) and read without the companion.
    static func readOnlyLocation(_ path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard !FileManager.default.isWritableFile(atPath: folder) else { return path }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = URL(fileURLWithPath: path).path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    private static func readVerdict(path: String, migrator: DatabaseMigrator) throws -> Verdict {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        let queue = try DatabaseQueue(path: readOnlyLocation(path), configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if applicationID == SQLiteMigrations.applicationID {
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
                return unknown.isEmpty ? .usable : .newer(unknownMigrations: unknown.sorted())
            }
            guard applicationID == 0 else { return .foreign }
            let objects = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            if objects.isEmpty { return .usable }
            // GRDB creates its bookkeeping table before the first migration's transaction, so a
            // first open that stopped in between leaves this table alone, still empty.
            if objects == ["grdb_migrations"],
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") == 0
            {
                return .usable
            }
            return .foreign
        }
    }
}
