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
        let insert = try InsertUnlessPresent(EpisodeRow(episode, profile: profile))
        return try await groupCommit.write { db in
            try Self.insertProfileIfMissing(profile, db)
            let isNew = try insert.run(db)
            let stored = try Self.readBack(Self.episodeRow(id: episode.id, profile: profile, db), id: episode.id)
            return Insertion(value: stored.episode, isNew: isNew)
        }
    }

    public func updateEpisode(_ episode: Episode, profile: ProfileID) async throws -> Episode? {
        try await writer.write { db in
            guard try Self.episodeRow(id: episode.id, profile: profile, db) != nil else { return nil }
            try EpisodeRow(episode, profile: profile).update(db)
            return try Self.episodeRow(id: episode.id, profile: profile, db)?.episode
        }
    }

    public func episode(id: UUID, profile: ProfileID) async throws -> Episode? {
        try await writer.read { db in
            try Self.episodeRow(id: id, profile: profile, db)?.episode
        }
    }

    public func episodes(profile: ProfileID, since: Date?, region: String?) async throws -> [Episode] {
        try await writer.read { db in
            var sql = "SELECT * FROM episodes WHERE profileId = ?"
            var arguments: StatementArguments = [profile]
            if let since {
                sql += " AND occurredAt >= ?"
                arguments += [StoredValue.date(since)]
            }
            if let region {
                // Matching a whole element of the JSON array, so "upper-back" never matches
                // "lower-back" the way a substring search would.
                sql += " AND EXISTS (SELECT 1 FROM json_each(episodes.regions) AS region WHERE region.value = ?)"
                arguments += [region]
            }
            // The id breaks ties so that equal times list in the same order on every backend.
            sql += " ORDER BY occurredAt DESC, id DESC"
            return try EpisodeRow.fetchAll(db, sql: sql, arguments: arguments).map(\.episode)
        }
    }

    public func deleteEpisode(id: UUID, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM episodes WHERE profileId = ? AND id = ?", arguments: [profile, StoredValue.id(id)])
            return db.changesCount > 0
        }
    }

    // MARK: - Sessions

    public func insertSession(_ record: SessionRecord, profile: ProfileID) async throws -> Insertion<SessionRecord> {
        let insert = try InsertUnlessPresent(SessionRow(record, profile: profile))
        return try await groupCommit.write { db in
            try Self.insertProfileIfMissing(profile, db)
            let isNew = try insert.run(db)
            let stored = try Self.readBack(Self.sessionRow(id: record.id, profile: profile, db), id: record.id)
            return Insertion(value: stored.record, isNew: isNew)
        }
    }

    public func updateSession(_ record: SessionRecord, profile: ProfileID) async throws -> SessionRecord? {
        try await writer.write { db in
            guard try Self.sessionRow(id: record.id, profile: profile, db) != nil else { return nil }
            try SessionRow(record, profile: profile).update(db)
            return try Self.sessionRow(id: record.id, profile: profile, db)?.record
        }
    }

    public func session(id: UUID, profile: ProfileID) async throws -> SessionRecord? {
        try await writer.read { db in
            try Self.sessionRow(id: id, profile: profile, db)?.record
        }
    }

    public func sessions(profile: ProfileID, since: Date?) async throws -> [SessionRecord] {
        try await writer.read { db in try Self.sessions(profile: profile, since: since, db) }
    }

    public func deleteSession(id: UUID, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE profileId = ? AND id = ?", arguments: [profile, StoredValue.id(id)])
            return db.changesCount > 0
        }
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
        try await writer.read { db in
            try Self.customRoutineRow(id: id, profile: profile, db)?.routine()
        }
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
            return try Self.readBack(Self.customRoutineRow(id: routine.id, profile: profile, db), id: routine.id)
                .routine()
        }
    }

    public func deleteCustomRoutine(id: String, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM custom_routines WHERE profileId = ? AND id = ?", arguments: [profile, id])
            return db.changesCount > 0
        }
    }

    // MARK: - Personal doses

    public func personalDoses(profile: ProfileID) async throws -> [PersonalDose] {
        try await writer.read { db in try Self.personalDoses(profile: profile, db) }
    }

    public func savePersonalDose(_ dose: PersonalDose, profile: ProfileID) async throws {
        let body = try StoredJSON.encode(dose)
        try await writer.write { db in try Self.savePersonalDose(dose, body: body, profile: profile, db) }
    }

    public func deletePersonalDose(exerciseId: String, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in try Self.deletePersonalDose(exerciseId: exerciseId, profile: profile, db) }
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
                id: id, catalog: catalog, sessions: try Self.sessions(profile: profile, since: nil, db),
                personalDoses: try Self.personalDoses(profile: profile, db), now: now)
            if case .accepted(let dose) = outcome {
                try Self.savePersonalDose(dose, body: try StoredJSON.encode(dose), profile: profile, db)
            }
            return outcome
        }
    }

    public func undoPersonalDose(exerciseId: String, profile: ProfileID) async throws -> PersonalDoseUndo {
        try await writer.write { db in
            let current = try Self.personalDoses(profile: profile, db).first { $0.exerciseId == exerciseId }
            let outcome = PersonalDoseUndo.deciding(current: current)
            switch outcome {
            case .restored(let previous):
                try Self.savePersonalDose(previous, body: try StoredJSON.encode(previous), profile: profile, db)
            case .removed:
                _ = try Self.deletePersonalDose(exerciseId: exerciseId, profile: profile, db)
            case .nothingToUndo:
                break
            }
            return outcome
        }
    }

    // MARK: - Reminders

    public func reminders(profile: ProfileID) async throws -> [Reminder] {
        try await writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT body FROM reminders WHERE profileId = ? ORDER BY position", arguments: [profile]
            ).map { try StoredJSON.decode(Reminder.self, from: $0) }
        }
    }

    public func addReminder(_ reminder: Reminder, profile: ProfileID) async throws -> Reminder {
        let body = try StoredJSON.encode(reminder)
        return try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            try db.execute(
                sql: """
                    INSERT INTO reminders (profileId, id, position, body)
                    VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM reminders WHERE profileId = ?), ?)
                    ON CONFLICT (profileId, id) DO NOTHING
                    """,
                arguments: [profile, StoredValue.id(reminder.id), profile, body])
            let stored = try String.fetchOne(
                db, sql: "SELECT body FROM reminders WHERE profileId = ? AND id = ?",
                arguments: [profile, StoredValue.id(reminder.id)])
            return try StoredJSON.decode(Reminder.self, from: Self.readBack(stored, id: reminder.id))
        }
    }

    public func deleteReminder(id: UUID, profile: ProfileID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM reminders WHERE profileId = ? AND id = ?", arguments: [profile, StoredValue.id(id)])
            return db.changesCount > 0
        }
    }

    // MARK: - Calendar feed

    public func calendarFeedToken(profile: ProfileID) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT token FROM calendar_feeds WHERE profileId = ?", arguments: [profile])
        }
    }

    public func setCalendarFeedToken(_ token: String?, profile: ProfileID) async throws {
        try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            try db.execute(sql: "DELETE FROM calendar_feeds WHERE profileId = ?", arguments: [profile])
            if let token {
                try db.execute(
                    sql: "INSERT INTO calendar_feeds (profileId, token) VALUES (?, ?)", arguments: [profile, token])
            }
        }
    }

    public func profile(forCalendarFeedToken token: String) async throws -> ProfileID? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT profileId FROM calendar_feeds WHERE token = ?", arguments: [token])
        }
    }

    public func conditions(profile: ProfileID) async throws -> [Condition]? {
        let text = try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT conditions FROM profile_conditions WHERE profileId = ?", arguments: [profile])
        }
        guard let text else { return nil }
        // A value this version does not know (written by a later one) is skipped, not fatal.
        let names = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        return Condition.allCases.filter { names.contains($0.rawValue) }
    }

    public func setConditions(_ conditions: [Condition]?, profile: ProfileID) async throws {
        let text = try conditions.map {
            String(
                decoding: try JSONEncoder().encode(Condition.allCases.filter($0.contains).map(\.rawValue)),
                as: UTF8.self)
        }
        try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            try db.execute(sql: "DELETE FROM profile_conditions WHERE profileId = ?", arguments: [profile])
            if let text {
                try db.execute(
                    sql: "INSERT INTO profile_conditions (profileId, conditions) VALUES (?, ?)",
                    arguments: [profile, text])
            }
        }
    }

    // MARK: - Time zone

    public func timeZone(profile: ProfileID) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT identifier FROM profile_time_zones WHERE profileId = ?", arguments: [profile])
        }
    }

    public func setTimeZone(_ identifier: String?, profile: ProfileID) async throws {
        try await writer.write { db in
            try Self.insertProfileIfMissing(profile, db)
            try db.execute(sql: "DELETE FROM profile_time_zones WHERE profileId = ?", arguments: [profile])
            if let identifier {
                try db.execute(
                    sql: "INSERT INTO profile_time_zones (profileId, identifier) VALUES (?, ?)",
                    arguments: [profile, identifier])
            }
        }
    }

    // MARK: - Helpers

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

    private static func sessions(profile: ProfileID, since: Date?, _ db: Database) throws -> [SessionRecord] {
        var sql = "SELECT * FROM sessions WHERE profileId = ?"
        var arguments: StatementArguments = [profile]
        if let since {
            sql += " AND startedAt >= ?"
            arguments += [StoredValue.date(since)]
        }
        sql += " ORDER BY startedAt DESC, id DESC"
        return try SessionRow.fetchAll(db, sql: sql, arguments: arguments).map(\.record)
    }

    private static func personalDoses(profile: ProfileID, _ db: Database) throws -> [PersonalDose] {
        try String.fetchAll(
            db, sql: "SELECT body FROM personal_doses WHERE profileId = ? ORDER BY exerciseId", arguments: [profile]
        ).map { try StoredJSON.decode(PersonalDose.self, from: $0) }
    }

    private static func savePersonalDose(
        _ dose: PersonalDose, body: String, profile: ProfileID, _ db: Database
    ) throws {
        try insertProfileIfMissing(profile, db)
        try db.execute(
            sql: """
                INSERT INTO personal_doses (profileId, exerciseId, body) VALUES (?, ?, ?)
                ON CONFLICT (profileId, exerciseId) DO UPDATE SET
                    body = excluded.body, updatedAt = (julianday('now') - 2440587.5) * 86400.0
                """,
            arguments: [profile, dose.exerciseId, body])
    }

    private static func deletePersonalDose(exerciseId: String, profile: ProfileID, _ db: Database) throws -> Bool {
        try db.execute(
            sql: "DELETE FROM personal_doses WHERE profileId = ? AND exerciseId = ?", arguments: [profile, exerciseId])
        return db.changesCount > 0
    }

    private static func episodeRow(id: UUID, profile: ProfileID, _ db: Database) throws -> EpisodeRow? {
        try EpisodeRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM episodes WHERE profileId = ? AND id = ?"),
            arguments: [profile, StoredValue.id(id)])
    }

    private static func customRoutineRow(id: String, profile: ProfileID, _ db: Database) throws -> CustomRoutineRow? {
        try CustomRoutineRow.fetchOne(
            db, sql: "SELECT * FROM custom_routines WHERE profileId = ? AND id = ?", arguments: [profile, id])
    }

    private static func sessionRow(id: UUID, profile: ProfileID, _ db: Database) throws -> SessionRow? {
        try SessionRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM sessions WHERE profileId = ? AND id = ?"),
            arguments: [profile, StoredValue.id(id)])
    }
}
