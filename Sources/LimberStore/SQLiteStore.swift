import Foundation
import GRDB
import LimberCore

/// The embedded `Store`: one SQLite file through GRDB, shared by the CLI and the server.
///
/// Sendable without `@unchecked`: its only state is the GRDB writer, which is itself Sendable
/// and serialises every access on its own queues, and the actor that batches inserts into it.
public final class SQLiteStore: Store {
    /// Long enough for a CLI write to wait out a server's transaction (and the other way round)
    /// instead of failing with "database is locked"; Limber's transactions last milliseconds.
    static let busyTimeout: TimeInterval = 10

    /// Internal so that tests can look at the connection settings that durability depends on.
    let writer: any DatabaseWriter
    /// The path for the inserts that come many at a time (every diary entry a client sends):
    /// they share commits, and so fsyncs, instead of queueing for one each. It writes through
    /// `writer`, so its batches and the other writes below still run one at a time.
    private let groupCommit: GroupCommitWriter

    private init(writer: any DatabaseWriter) {
        self.writer = writer
        groupCommit = GroupCommitWriter(writer)
    }

    /// Opens the database file at `path`, creating and migrating it when it is new or older.
    ///
    /// Throws `StoreError.notALimberDatabase` or `.newerSchema` without changing the file when it
    /// belongs to another program or to a newer Limber, and `.cannotOpen` when SQLite cannot open it.
    public static func open(path: String) throws -> SQLiteStore {
        let migrator = SQLiteMigrations.makeMigrator()
        try DatabaseFileCheck.verify(path: path, migrator: migrator)
        try refuseReadOnly(path: path)
        do {
            return SQLiteStore(writer: try openPool(path: path, migrator: migrator))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Opens an existing database file for reading only, for a file (or folder) the person may read
    /// but not change. Writes through the returned store fail; the CLI sends writing commands to
    /// `open(path:)`, which refuses such a file with `.readOnly` first.
    ///
    /// Throws `.readOnly` when the file is from an older Limber: it cannot be brought up to date
    /// without writing, and reading it with this version's queries could misread it.
    public static func openForReading(path: String) throws -> SQLiteStore {
        let migrator = SQLiteMigrations.makeMigrator()
        try DatabaseFileCheck.verify(path: path, migrator: migrator)
        var configuration = makeConfiguration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(
                path: DatabaseFileCheck.readOnlyLocation(path), configuration: configuration)
            guard try queue.read({ db in try migrator.hasCompletedMigrations(db) }) else {
                throw StoreError.readOnly(path: path, isOlder: true)
            }
            return SQLiteStore(writer: queue)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    private static func openPool(path: String, migrator: DatabaseMigrator) throws -> DatabasePool {
        // Switching a new file to WAL mode needs an exclusive lock, and SQLite reports a clash
        // there at once instead of waiting out the busy timeout. Only the first open of a new
        // file can clash (the CLI and the server starting together), so a few short retries do.
        var attempt = 1
        while true {
            do {
                return try openPoolOnce(path: path, migrator: migrator)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 5 {
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
                attempt += 1
            }
        }
    }

    private static func openPoolOnce(path: String, migrator: DatabaseMigrator) throws -> DatabasePool {
        // A pool (WAL mode) lets the server keep reading while the CLI writes.
        let pool = try DatabasePool(path: path, configuration: makeConfiguration())
        // In WAL mode, synchronous = NORMAL (GRDB's choice, applied when the pool opens, after
        // `prepareDatabase`, which is why this comes afterwards) syncs only at checkpoints, so a
        // power cut can lose the last commits even though the caller was told they were saved.
        // FULL syncs the WAL on every commit: a write is acknowledged only once it is durable.
        // Only the writer connection writes, so only it needs the setting.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try migrate(pool, with: migrator)
        return pool
    }

    /// A database Limber may read but not change is refused for writing before SQLite is asked,
    /// which would otherwise fail later with "attempt to write a readonly database", or open
    /// without its WAL companions and say "disk I/O error".
    private static func refuseReadOnly(path: String) throws {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let isFileReadOnly = files.fileExists(atPath: path) && !files.isWritableFile(atPath: path)
        let isFolderReadOnly = files.fileExists(atPath: folder) && !files.isWritableFile(atPath: folder)
        if isFileReadOnly || isFolderReadOnly { throw StoreError.readOnly(path: path, isOlder: false) }
    }

    /// A private database that lives as long as the store; for tests and previews.
    public static func inMemory() throws -> SQLiteStore {
        let queue = try DatabaseQueue(configuration: makeConfiguration())
        try migrate(queue, with: SQLiteMigrations.makeMigrator())
        return SQLiteStore(writer: queue)
    }

    private static func makeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "LimberStore"
        return configuration
    }

    private static func migrate(_ writer: any DatabaseWriter, with migrator: DatabaseMigrator) throws {
        // GRDB reads which migrations are applied before it begins each one's transaction, so
        // when the CLI and the server open a new file at the same moment, the second can try a
        // migration the first has just committed and fail on the tables it made. Each migration
        // is its own transaction, so trying again picks up where the other process got to.
        var attempt = 1
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                if try writer.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                guard attempt < 10 else { throw error }
                Thread.sleep(forTimeInterval: 0.02 * Double(attempt))
                attempt += 1
            }
        }
    }

    // MARK: - Episodes

    public func insertEpisode(_ episode: Episode, profile: ProfileID) async throws -> Insertion<Episode> {
        try await insert(EpisodeRow(episode, profile: profile), id: episode.id, profile: profile).map(\.episode)
    }

    public func updateEpisode(_ episode: Episode, profile: ProfileID) async throws -> Episode? {
        try await update(EpisodeRow(episode, profile: profile), id: episode.id, profile: profile)?.episode
    }

    public func episode(id: UUID, profile: ProfileID) async throws -> Episode? {
        try await writer.read { db in try EpisodeRow.fetchOne(key: StoredValue.id(id), profile: profile, db)?.episode }
    }

    public func episodes(profile: ProfileID, region: String?, in window: RecordWindow) async throws -> [Episode] {
        try await writer.read { db in
            var sql = "SELECT * FROM episodes WHERE profileId = ?"
            var arguments: StatementArguments = [profile]
            window.where(dateColumn: "occurredAt", &sql, &arguments)
            if let region {
                // Matching a whole element of the JSON array, so "upper-back" never matches
                // "lower-back" the way a substring search would.
                sql += " AND EXISTS (SELECT 1 FROM json_each(episodes.regions) AS region WHERE region.value = ?)"
                arguments += [region]
            }
            // The id breaks ties so that equal times list in the same order on every backend.
            sql += " ORDER BY occurredAt DESC, id DESC"
            window.limit(&sql, &arguments)
            return try EpisodeRow.fetchAll(db, sql: sql, arguments: arguments).map(\.episode)
        }
    }

    public func deleteEpisode(id: UUID, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in try EpisodeRow.deleteOne(key: StoredValue.id(id), profile: profile, db) }
    }

    // MARK: - Sessions

    public func insertSession(_ record: SessionRecord, profile: ProfileID) async throws -> Insertion<SessionRecord> {
        try await insert(SessionRow(record, profile: profile), id: record.id, profile: profile).map(\.record)
    }

    public func updateSession(_ record: SessionRecord, profile: ProfileID) async throws -> SessionRecord? {
        try await update(SessionRow(record, profile: profile), id: record.id, profile: profile)?.record
    }

    public func session(id: UUID, profile: ProfileID) async throws -> SessionRecord? {
        try await writer.read { db in try SessionRow.fetchOne(key: StoredValue.id(id), profile: profile, db)?.record }
    }

    public func sessions(profile: ProfileID, in window: RecordWindow) async throws -> [SessionRecord] {
        try await writer.read { db in try SessionRow.all(profile: profile, in: window, db) }
    }

    public func deleteSession(id: UUID, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in try SessionRow.deleteOne(key: StoredValue.id(id), profile: profile, db) }
    }

    // MARK: - Import

    public func importRecords(
        episodes: [Episode], sessions: [SessionRecord], profile: ProfileID
    ) async throws
        -> ImportSummary
    {
        // One write transaction: a row that fails a CHECK rolls back every row before it.
        try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            var summary = ImportSummary(
                episodesAdded: 0, episodesAlreadyThere: 0, sessionsAdded: 0, sessionsAlreadyThere: 0)
            for episode in episodes {
                if try InsertUnlessPresent(EpisodeRow(episode, profile: profile)).run(db) {
                    summary.episodesAdded += 1
                } else {
                    summary.episodesAlreadyThere += 1
                }
            }
            for record in sessions {
                if try InsertUnlessPresent(SessionRow(record, profile: profile)).run(db) {
                    summary.sessionsAdded += 1
                } else {
                    summary.sessionsAlreadyThere += 1
                }
            }
            return summary
        }
    }

    // MARK: - Custom routines

    public func customRoutines(profile: ProfileID) async throws -> [Routine] {
        try await writer.read { db in
            try CustomRoutineRow.fetchAll(
                db, sql: "SELECT * FROM custom_routines WHERE profileId = ? ORDER BY position", arguments: [profile]
            )
            .map { try $0.routine() }
        }
    }

    public func customRoutine(id: String, profile: ProfileID) async throws -> Routine? {
        try await writer.read { db in try CustomRoutineRow.fetchOne(key: id, profile: profile, db)?.routine() }
    }

    public func saveCustomRoutine(_ routine: Routine, profile: ProfileID) async throws -> Routine {
        let body = try CustomRoutineRow.encodeBody(routine)
        return try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            // The next position is read inside the write transaction, and SQLite runs one writer at
            // a time, so two saves can never take the same place.
            try db.execute(
                sql: """
                    INSERT INTO custom_routines (profileId, id, position, body)
                    VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM custom_routines WHERE profileId = ?), ?)
                    ON CONFLICT (profileId, id) DO UPDATE SET
                        body = excluded.body,
                        updatedAt = (julianday('now') - 2440587.5) * 86400.0
                    """,
                arguments: [profile, routine.id, profile, body])
            return try Self.readBack(CustomRoutineRow.fetchOne(key: routine.id, profile: profile, db), id: routine.id)
                .routine()
        }
    }

    public func deleteCustomRoutine(id: String, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in try CustomRoutineRow.deleteOne(key: id, profile: profile, db) }
    }

    // MARK: - Personal doses

    public func personalDoses(profile: ProfileID) async throws -> [PersonalDose] {
        try await writer.read { db in try PersonalDoseRow.all(profile: profile, db) }
    }

    public func savePersonalDose(_ dose: PersonalDose, profile: ProfileID) async throws {
        let row = PersonalDoseRow(dose, profile: profile)
        try await writer.write { db in try Self.save(row, db) }
    }

    // MARK: - Progression

    // `writer.write` begins its transaction IMMEDIATE (GRDB's choice for writes), so the write lock
    // is held from the first read to the commit: no other accept or undo, from this process or
    // another one on the same file, can change the doses or sessions between reading and writing.

    public func acceptSuggestion(
        id: String, catalog: Catalog, profile: ProfileID, now: Date
    ) async throws -> SuggestionAcceptance {
        try await writer.write { db in
            let outcome = SuggestionAcceptance.deciding(
                id: id, catalog: catalog, sessions: try SessionRow.all(profile: profile, in: .all, db),
                personalDoses: try PersonalDoseRow.all(profile: profile, db), now: now)
            if case .accepted(let dose) = outcome { try Self.save(PersonalDoseRow(dose, profile: profile), db) }
            return outcome
        }
    }

    public func undoPersonalDose(exerciseId: String, profile: ProfileID) async throws -> PersonalDoseUndo {
        try await writer.write { db in
            let current = try PersonalDoseRow.fetchOne(key: exerciseId, profile: profile, db)?.body
            let outcome = PersonalDoseUndo.deciding(current: current)
            switch outcome {
            case .restored(let previous): try Self.save(PersonalDoseRow(previous, profile: profile), db)
            case .removed: _ = try PersonalDoseRow.deleteOne(key: exerciseId, profile: profile, db)
            case .nothingToUndo: break
            }
            return outcome
        }
    }

    // MARK: - Reminders

    public func reminders(profile: ProfileID) async throws -> [Reminder] {
        try await writer.read { db in try ReminderRow.all(profile: profile, db) }
    }

    public func addReminder(_ reminder: Reminder, profile: ProfileID) async throws -> Reminder {
        try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            return try ReminderRow.add(reminder, profile: profile, db)
        }
    }

    public func deleteReminder(id: UUID, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in try ReminderRow.deleteOne(key: StoredValue.id(id), profile: profile, db) }
    }

    // MARK: - Profile settings

    public func calendarFeedToken(profile: ProfileID) async throws -> String? {
        try await setting(CalendarFeedRow.self, profile: profile)?.token
    }

    public func setCalendarFeedToken(_ token: String?, profile: ProfileID) async throws {
        try await replaceSetting(token.map { CalendarFeedRow(profileId: profile, token: $0) }, profile: profile)
    }

    public func profile(forCalendarFeedToken token: String) async throws -> ProfileID? {
        try await writer.read { db in
            try CalendarFeedRow.fetchOne(db, sql: "SELECT * FROM calendar_feeds WHERE token = ?", arguments: [token])?
                .profileId
        }
    }

    public func conditions(profile: ProfileID) async throws -> [Condition]? {
        try await setting(ProfileConditionsRow.self, profile: profile)?.known
    }

    public func setConditions(_ conditions: [Condition]?, profile: ProfileID) async throws {
        try await replaceSetting(conditions.map { ProfileConditionsRow($0, profile: profile) }, profile: profile)
    }

    public func timeZone(profile: ProfileID) async throws -> String? {
        try await setting(ProfileTimeZoneRow.self, profile: profile)?.identifier
    }

    public func setTimeZone(_ identifier: String?, profile: ProfileID) async throws {
        try await replaceSetting(
            identifier.map { ProfileTimeZoneRow(profileId: profile, identifier: $0) }, profile: profile)
    }

    // MARK: - Helpers

    /// Adds the record unless one with its id is there, through the group commit, and reads back
    /// what is stored in the same transaction.
    private func insert<Row: StoredRow>(_ row: Row, id: UUID, profile: ProfileID) async throws -> Insertion<Row> {
        let insert = try InsertUnlessPresent(row)
        return try await groupCommit.write { db in
            try Self.insertProfileIfMissing(profile, db)
            let isNew = try insert.run(db)
            let stored = try Self.readBack(Row.fetchOne(key: StoredValue.id(id), profile: profile, db), id: id)
            return Insertion(value: stored, isNew: isNew)
        }
    }

    /// Replaces the profile's record with the row's id; nil when the profile has none.
    private func update<Row: StoredRow>(_ row: Row, id: UUID, profile: ProfileID) async throws -> Row? {
        try await writer.write { db in
            guard try Row.fetchOne(key: StoredValue.id(id), profile: profile, db) != nil else { return nil }
            try row.update(db)
            return try Row.fetchOne(key: StoredValue.id(id), profile: profile, db)
        }
    }

    private func setting<Row: ProfileSettingRow>(_ type: Row.Type, profile: ProfileID) async throws -> Row? {
        try await writer.read { db in try Row.fetchOne(profile: profile, db) }
    }

    private func replaceSetting<Row: ProfileSettingRow>(_ row: Row?, profile: ProfileID) async throws {
        try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            try Row.replace(profile: profile, with: row, db)
        }
    }

    private static func save(_ dose: PersonalDoseRow, _ db: Database) throws {
        try insertProfileIfMissing(dose.profileId, db)
        try dose.save(db)
    }

    /// Profiles other than "local" come into being with their first record, so accounts can be
    /// added later without a migration.
    private static func insertProfileIfMissing(_ profile: ProfileID, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO profiles (id) VALUES (?) ON CONFLICT DO NOTHING").execute(
            arguments: [profile])
    }

    /// The row just inserted, or stored before, in this same transaction, so it cannot be missing;
    /// if a bug ever made it so, the write fails and rolls back instead of stopping the process.
    private static func readBack<Row>(_ row: Row?, id: some CustomStringConvertible) throws -> Row {
        guard let row else {
            throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "record \(id) is missing after it was written")
        }
        return row
    }
}

extension Insertion {
    func map<T>(_ transform: (Value) throws -> T) rethrows -> Insertion<T> {
        Insertion<T>(value: try transform(value), isNew: isNew)
    }
}
