import Foundation
import LimberCore
import LimberStore
import PostgresNIO
import ServiceLifecycle

/// The shared `Store`: a PostgreSQL database through PostgresNIO's connection pool, for a server
/// that many people use. It keeps the same contract as `SQLiteStore`, checked by the same tests.
///
/// Sendable without `@unchecked`: its state is the `PostgresClient` (Sendable, a pool that hands
/// each query its own connection), the task that runs it, and a logger, all immutable.
public final class PostgresStore: Store {
    let client: PostgresClient
    /// The task running `client.run()` when the store runs its own pool (the CLI); nil when the
    /// pool is a service in `limber serve`'s service group, which starts it, and stops it after
    /// the HTTP server has finished its last request.
    private let runTask: Task<Void, Never>?
    let logger: Logger

    /// The database's name, for errors about it.
    private let databaseName: String

    private init(
        client: PostgresClient, configuration: PostgresClient.Configuration, logger: Logger, runsItsOwnPool: Bool
    ) {
        self.client = client
        databaseName = configuration.database ?? configuration.username
        self.logger = logger
        runTask = runsItsOwnPool ? Task { await client.run() } : nil
    }

    /// A store whose pool `service` is, for an application to run in its service group. Nothing
    /// is connected until the group runs; then call `prepare()` (before serving) to bring the
    /// schema up to date.
    public static func forServiceGroup(url: String) throws -> PostgresStore {
        let configuration = try configuration(url: url)
        return PostgresStore(
            client: PostgresClient(configuration: configuration), configuration: configuration,
            logger: Logger(label: "LimberPostgres"), runsItsOwnPool: false)
    }

    /// The connection pool, to run in a service group (see `forServiceGroup(url:)`).
    public var service: some Service { client }

    /// Brings the schema up to date; `open` does this itself.
    public func prepare() async throws {
        try await migrate()
    }

    /// Connects to the database that `url` names (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`)
    /// and brings its schema up to date.
    ///
    /// Throws `PostgresStoreError.invalidURL` for an address it cannot read, and
    /// `StoreError.newerSchema` without changing anything when a newer Limber migrated the database.
    public static func open(url: String) async throws -> PostgresStore {
        try await open(configuration: configuration(url: url))
    }

    /// Connects with a configuration made by `configuration(url:)` and perhaps changed (a
    /// `search_path` among its startup parameters, for example), and brings the schema up to date.
    public static func open(configuration: PostgresClient.Configuration) async throws -> PostgresStore {
        let store = PostgresStore(
            client: PostgresClient(configuration: configuration), configuration: configuration,
            logger: Logger(label: "LimberPostgres"), runsItsOwnPool: true)
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// The client configuration for `url`: TLS when the server offers it, the password if the
    /// address has one, the port 5432 unless it names another.
    public static func configuration(url text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql",
            let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty
        else { throw PostgresStoreError.invalidURL(text) }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty, !database.contains("/") else { throw PostgresStoreError.invalidURL(text) }
        return PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password, database: database,
            tls: .prefer(.makeClientConfiguration()))
    }

    /// Stops the client: open connections close and later calls fail. Waits until it has stopped.
    public func close() async {
        runTask?.cancel()
        await runTask?.value
    }

    // MARK: - Episodes

    public func insertEpisode(_ episode: Episode, profile: ProfileID) async throws -> Insertion<Episode> {
        let row = try PostgresRows.EpisodeValues(episode)
        return try await transaction { connection in
            try await self.insertProfileIfMissing(profile, connection)
            let isNew = try await self.insertEpisode(row, profile: profile, connection)
            let stored = try await self.readBack(
                self.episode(id: episode.id, profile: profile, connection), id: episode.id)
            return Insertion(value: stored, isNew: isNew)
        }
    }

    public func updateEpisode(_ episode: Episode, profile: ProfileID) async throws -> Episode? {
        let row = try PostgresRows.EpisodeValues(episode)
        return try await transaction { connection in
            let updated = try await connection.query(
                """
                UPDATE episodes SET occurred_at = \(row.occurredAt), duration_seconds = \(row.durationSeconds),
                    regions = \(row.regions)::jsonb, side = \(row.side), severity = \(row.severity),
                    triggers = \(row.triggers)::jsonb, woke_from_sleep = \(row.wokeFromSleep),
                    relieved_by = \(row.relievedBy), notes = \(row.notes)
                WHERE profile_id = \(profile) AND id = \(row.id)
                RETURNING true
                """, logger: self.logger
            )
            .collect()
            guard !updated.isEmpty else { return nil }
            return try await self.episode(id: episode.id, profile: profile, connection)
        }
    }

    public func episode(id: UUID, profile: ProfileID) async throws -> Episode? {
        try await client.withConnection { connection in try await self.episode(id: id, profile: profile, connection) }
    }

    public func episodes(profile: ProfileID, region: String?, in window: RecordWindow) async throws -> [Episode] {
        // A nil bound or `region` keeps every row. The region must be a whole element of the
        // array (`@>` on jsonb), so "upper-back" never matches "lower-back" or "back".
        let regionArray = try region.map { try PostgresRows.json([$0]) }
        let (since, before, afterDate, afterID) = (window.since, window.before, window.after?.date, window.after?.id)
        // A row value compares the time first and the id only between equal times: exactly the
        // rows that list after the previous page's last one. LIMIT NULL is no limit.
        let rows = try await client.query(
            """
            SELECT \(unescaped: PostgresRows.episodeColumns) FROM episodes
            WHERE profile_id = \(profile)
                AND (\(since)::timestamptz IS NULL OR occurred_at >= \(since))
                AND (\(before)::timestamptz IS NULL OR occurred_at < \(before))
                AND (\(afterDate)::timestamptz IS NULL OR (occurred_at, id) < (\(afterDate), \(afterID)::uuid))
                AND (\(regionArray)::jsonb IS NULL OR regions @> \(regionArray)::jsonb)
            ORDER BY occurred_at DESC, id DESC
            LIMIT \(window.limit)::bigint
            """, logger: logger
        )
        .collect()
        return try rows.map(PostgresRows.episode)
    }

    public func deleteEpisode(id: UUID, profile: ProfileID) async throws -> Bool {
        try await deleteOne(
            "DELETE FROM episodes WHERE profile_id = \(profile) AND id = \(id) RETURNING true")
    }

    // MARK: - Sessions

    public func insertSession(_ record: SessionRecord, profile: ProfileID) async throws -> Insertion<SessionRecord> {
        let row = try PostgresRows.SessionValues(record)
        return try await transaction { connection in
            try await self.insertProfileIfMissing(profile, connection)
            let isNew = try await self.insertSession(row, profile: profile, connection)
            let stored = try await self.readBack(
                self.session(id: record.id, profile: profile, connection), id: record.id)
            return Insertion(value: stored, isNew: isNew)
        }
    }

    public func updateSession(_ record: SessionRecord, profile: ProfileID) async throws -> SessionRecord? {
        let row = try PostgresRows.SessionValues(record)
        return try await transaction { connection in
            let updated = try await connection.query(
                """
                UPDATE sessions SET routine_id = \(row.routineId), routine_name = \(row.routineName),
                    started_at = \(row.startedAt), ended_at = \(row.endedAt), is_complete = \(row.isComplete),
                    steps_completed = \(row.stepsCompleted), steps_skipped = \(row.stepsSkipped),
                    steps_total = \(row.stepsTotal), ratings = \(row.ratings)::jsonb,
                    pain_before = \(row.painBefore), pain_after = \(row.painAfter)
                WHERE profile_id = \(profile) AND id = \(row.id)
                RETURNING true
                """, logger: self.logger
            )
            .collect()
            guard !updated.isEmpty else { return nil }
            return try await self.session(id: record.id, profile: profile, connection)
        }
    }

    public func session(id: UUID, profile: ProfileID) async throws -> SessionRecord? {
        try await client.withConnection { connection in try await self.session(id: id, profile: profile, connection) }
    }

    public func sessions(profile: ProfileID, in window: RecordWindow) async throws -> [SessionRecord] {
        try await client.withConnection { connection in
            try await self.sessions(profile: profile, in: window, connection)
        }
    }

    public func deleteSession(id: UUID, profile: ProfileID) async throws -> Bool {
        try await deleteOne("DELETE FROM sessions WHERE profile_id = \(profile) AND id = \(id) RETURNING true")
    }

    // MARK: - Import

    public func importRecords(
        episodes: [Episode], sessions: [SessionRecord], profile: ProfileID
    ) async throws
        -> ImportSummary
    {
        let episodeRows = try episodes.map(PostgresRows.EpisodeValues.init)
        let sessionRows = try sessions.map(PostgresRows.SessionValues.init)
        // One transaction: a row that fails a CHECK rolls back every row before it.
        return try await transaction { connection in
            try await self.insertProfileIfMissing(profile, connection)
            var summary = ImportSummary(
                episodesAdded: 0, episodesAlreadyThere: 0, sessionsAdded: 0, sessionsAlreadyThere: 0)
            for row in episodeRows {
                if try await self.insertEpisode(row, profile: profile, connection) {
                    summary.episodesAdded += 1
                } else {
                    summary.episodesAlreadyThere += 1
                }
            }
            for row in sessionRows {
                if try await self.insertSession(row, profile: profile, connection) {
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
        let rows = try await client.query(
            "SELECT body FROM custom_routines WHERE profile_id = \(profile) ORDER BY position", logger: logger
        )
        .collect()
        return try rows.map { try PostgresRows.decodeJSON(Routine.self, $0.decode(String.self)) }
    }

    public func customRoutine(id: String, profile: ProfileID) async throws -> Routine? {
        let rows = try await client.query(
            "SELECT body FROM custom_routines WHERE profile_id = \(profile) AND id = \(id)", logger: logger
        )
        .collect()
        return try rows.first.map { try PostgresRows.decodeJSON(Routine.self, $0.decode(String.self)) }
    }

    public func saveCustomRoutine(_ routine: Routine, profile: ProfileID) async throws -> Routine {
        let body = try PostgresRows.json(routine)
        return try await transaction { connection in
            // The profile row is locked first, so two saves for one profile run one after the
            // other and can never take the same next position.
            try await self.lockProfile(profile, connection)
            let rows = try await connection.query(
                """
                INSERT INTO custom_routines (profile_id, id, position, body)
                VALUES (
                    \(profile), \(routine.id),
                    (SELECT COALESCE(MAX(position), 0) + 1 FROM custom_routines WHERE profile_id = \(profile)),
                    \(body)::jsonb)
                ON CONFLICT (profile_id, id) DO UPDATE SET body = excluded.body, updated_at = now()
                RETURNING body
                """, logger: self.logger
            )
            .collect()
            let stored = try self.readBack(rows.first, id: routine.id)
            return try PostgresRows.decodeJSON(Routine.self, stored.decode(String.self))
        }
    }

    public func deleteCustomRoutine(id: String, profile: ProfileID) async throws -> Bool {
        try await deleteOne(
            "DELETE FROM custom_routines WHERE profile_id = \(profile) AND id = \(id) RETURNING true")
    }

    // MARK: - Personal doses

    public func personalDoses(profile: ProfileID) async throws -> [PersonalDose] {
        try await client.withConnection { connection in try await self.personalDoses(profile: profile, connection) }
    }

    public func savePersonalDose(_ dose: PersonalDose, profile: ProfileID) async throws {
        let body = try PostgresRows.json(dose)
        try await transaction { connection in
            try await self.insertProfileIfMissing(profile, connection)
            try await self.savePersonalDose(dose.exerciseId, body: body, profile: profile, connection)
        }
    }

    // MARK: - Progression

    // Each accept or undo locks the profile's row (`SELECT ... FOR UPDATE`) before it reads, and
    // holds the lock to its commit. Under READ COMMITTED each statement after the lock sees what
    // the previous holder committed, so two accepts, or an accept and an undo, run one after the
    // other, and the decision (`SuggestionAcceptance.deciding`, shared with SQLite) rests on
    // current sessions and doses.

    public func acceptSuggestion(
        id: String, catalog: Catalog, profile: ProfileID, now: Date
    ) async throws -> SuggestionAcceptance {
        try await transaction { connection in
            try await self.lockProfile(profile, connection)
            let outcome = SuggestionAcceptance.deciding(
                id: id, catalog: catalog, sessions: try await self.sessions(profile: profile, in: .all, connection),
                personalDoses: try await self.personalDoses(profile: profile, connection), now: now)
            if case .accepted(let dose) = outcome {
                try await self.savePersonalDose(
                    dose.exerciseId, body: try PostgresRows.json(dose), profile: profile, connection)
            }
            return outcome
        }
    }

    public func undoPersonalDose(exerciseId: String, profile: ProfileID) async throws -> PersonalDoseUndo {
        try await transaction { connection in
            try await self.lockProfile(profile, connection)
            let rows = try await connection.query(
                "SELECT body FROM personal_doses WHERE profile_id = \(profile) AND exercise_id = \(exerciseId)",
                logger: self.logger
            )
            .collect()
            let current = try rows.first.map { try PostgresRows.decodeJSON(PersonalDose.self, $0.decode(String.self)) }
            let outcome = PersonalDoseUndo.deciding(current: current)
            switch outcome {
            case .restored(let previous):
                try await self.savePersonalDose(
                    exerciseId, body: try PostgresRows.json(previous), profile: profile, connection)
            case .removed:
                try await connection.query(
                    "DELETE FROM personal_doses WHERE profile_id = \(profile) AND exercise_id = \(exerciseId)",
                    logger: self.logger)
            case .nothingToUndo: break
            }
            return outcome
        }
    }

    // MARK: - Reminders

    public func reminders(profile: ProfileID) async throws -> [Reminder] {
        let rows = try await client.query(
            "SELECT body FROM reminders WHERE profile_id = \(profile) ORDER BY position", logger: logger
        )
        .collect()
        return try rows.map { try PostgresRows.decodeJSON(Reminder.self, $0.decode(String.self)) }
    }

    public func addReminder(_ reminder: Reminder, profile: ProfileID) async throws -> Reminder {
        let body = try PostgresRows.json(reminder)
        return try await transaction { connection in
            // Locked like a custom routine's save, so two adds never take the same place.
            try await self.lockProfile(profile, connection)
            // An add retried with the same id keeps the first one, as SQLite's does.
            try await connection.query(
                """
                INSERT INTO reminders (profile_id, id, position, body)
                VALUES (
                    \(profile), \(reminder.id),
                    (SELECT COALESCE(MAX(position), 0) + 1 FROM reminders WHERE profile_id = \(profile)),
                    \(body)::jsonb)
                ON CONFLICT (profile_id, id) DO NOTHING
                """, logger: self.logger)
            let rows = try await connection.query(
                "SELECT body FROM reminders WHERE profile_id = \(profile) AND id = \(reminder.id)",
                logger: self.logger
            )
            .collect()
            return try PostgresRows.decodeJSON(
                Reminder.self, try self.readBack(rows.first, id: reminder.id).decode(String.self))
        }
    }

    public func deleteReminder(id: UUID, profile: ProfileID) async throws -> Bool {
        try await deleteOne("DELETE FROM reminders WHERE profile_id = \(profile) AND id = \(id) RETURNING true")
    }

    // MARK: - Profile settings

    public func calendarFeedToken(profile: ProfileID) async throws -> String? {
        try await client.query("SELECT token FROM calendar_feeds WHERE profile_id = \(profile)", logger: logger)
            .collect().first?.decode(String.self)
    }

    public func setCalendarFeedToken(_ token: String?, profile: ProfileID) async throws {
        try await replaceSetting(
            delete: "DELETE FROM calendar_feeds WHERE profile_id = \(profile)",
            insert: token.map { (token) -> PostgresQuery in
                "INSERT INTO calendar_feeds (profile_id, token) VALUES (\(profile), \(token))"
            },
            profile: profile)
    }

    public func profile(forCalendarFeedToken token: String) async throws -> ProfileID? {
        try await client.query("SELECT profile_id FROM calendar_feeds WHERE token = \(token)", logger: logger)
            .collect().first?.decode(String.self)
    }

    public func conditions(profile: ProfileID) async throws -> [Condition]? {
        let rows = try await client.query(
            "SELECT conditions FROM profile_conditions WHERE profile_id = \(profile)", logger: logger
        )
        .collect()
        return try rows.first.map {
            StoredConditions.known(try PostgresRows.decodeJSON([String].self, $0.decode(String.self)))
        }
    }

    public func setConditions(_ conditions: [Condition]?, profile: ProfileID) async throws {
        let stored = try conditions.map { try PostgresRows.json(StoredConditions.rawValues($0)) }
        try await replaceSetting(
            delete: "DELETE FROM profile_conditions WHERE profile_id = \(profile)",
            insert: stored.map { (conditions) -> PostgresQuery in
                "INSERT INTO profile_conditions (profile_id, conditions) VALUES (\(profile), \(conditions)::jsonb)"
            },
            profile: profile)
    }

    public func timeZone(profile: ProfileID) async throws -> String? {
        try await client.query(
            "SELECT identifier FROM profile_time_zones WHERE profile_id = \(profile)", logger: logger
        )
        .collect().first?.decode(String.self)
    }

    public func setTimeZone(_ identifier: String?, profile: ProfileID) async throws {
        try await replaceSetting(
            delete: "DELETE FROM profile_time_zones WHERE profile_id = \(profile)",
            insert: identifier.map { (identifier) -> PostgresQuery in
                "INSERT INTO profile_time_zones (profile_id, identifier) VALUES (\(profile), \(identifier))"
            },
            profile: profile)
    }

    // MARK: - Migrations

    /// Applies the migrations this database lacks, in order, in one transaction. An advisory lock
    /// makes two processes opening a new database at once take turns, so the second finds every
    /// migration applied instead of failing on the tables the first made.
    private func migrate() async throws {
        try await transaction { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresMigrations.advisoryLockKey))", logger: self.logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS limber_migrations (
                    name text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: self.logger)
            let applied = Set(
                try await connection.query("SELECT name FROM limber_migrations", logger: self.logger).collect()
                    .map { try $0.decode(String.self) })
            let known = Set(PostgresMigrations.all.map(\.name))
            if let newer = applied.subtracting(known).sorted().first {
                throw StoreError.newerSchema(path: databaseName, found: "migration \(newer)")
            }
            for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.query(
                    "INSERT INTO limber_migrations (name) VALUES (\(migration.name))", logger: self.logger)
            }
        }
    }

    // MARK: - Helpers

    /// Runs `body` in one transaction on one pooled connection: committed when it returns,
    /// rolled back when it throws. Throws the body's own error, not PostgresNIO's wrapper of it.
    func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }

    /// Profiles other than "local" come into being with their first record, as in SQLite.
    func insertProfileIfMissing(_ profile: ProfileID, _ connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO profiles (id) VALUES (\(profile)) ON CONFLICT DO NOTHING", logger: logger)
    }

    /// Creates the profile if need be and holds its row's lock until the transaction ends, so the
    /// profile's read-then-write steps (accept, undo, the next position) run one at a time.
    func lockProfile(_ profile: ProfileID, _ connection: PostgresConnection) async throws {
        try await insertProfileIfMissing(profile, connection)
        try await connection.query("SELECT id FROM profiles WHERE id = \(profile) FOR UPDATE", logger: logger)
    }

    private func insertEpisode(
        _ row: PostgresRows.EpisodeValues, profile: ProfileID, _ connection: PostgresConnection
    ) async throws -> Bool {
        // `ON CONFLICT DO NOTHING` skips only a row whose key is stored; a row that breaks a CHECK
        // (an out-of-range severity) still fails the write.
        let inserted = try await connection.query(
            """
            INSERT INTO episodes (
                profile_id, id, occurred_at, duration_seconds, regions, side, severity, triggers,
                woke_from_sleep, relieved_by, notes)
            VALUES (
                \(profile), \(row.id), \(row.occurredAt), \(row.durationSeconds), \(row.regions)::jsonb,
                \(row.side), \(row.severity), \(row.triggers)::jsonb, \(row.wokeFromSleep), \(row.relievedBy),
                \(row.notes))
            ON CONFLICT DO NOTHING
            RETURNING true
            """, logger: logger
        )
        .collect()
        return !inserted.isEmpty
    }

    private func insertSession(
        _ row: PostgresRows.SessionValues, profile: ProfileID, _ connection: PostgresConnection
    ) async throws -> Bool {
        let inserted = try await connection.query(
            """
            INSERT INTO sessions (
                profile_id, id, routine_id, routine_name, started_at, ended_at, is_complete, steps_completed,
                steps_skipped, steps_total, ratings, pain_before, pain_after)
            VALUES (
                \(profile), \(row.id), \(row.routineId), \(row.routineName), \(row.startedAt), \(row.endedAt),
                \(row.isComplete), \(row.stepsCompleted), \(row.stepsSkipped), \(row.stepsTotal),
                \(row.ratings)::jsonb, \(row.painBefore), \(row.painAfter))
            ON CONFLICT DO NOTHING
            RETURNING true
            """, logger: logger
        )
        .collect()
        return !inserted.isEmpty
    }

    private func episode(id: UUID, profile: ProfileID, _ connection: PostgresConnection) async throws -> Episode? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: PostgresRows.episodeColumns) FROM episodes WHERE profile_id = \(profile) AND id = \(id)
            """, logger: logger
        )
        .collect()
        return try rows.first.map(PostgresRows.episode)
    }

    private func session(
        id: UUID, profile: ProfileID, _ connection: PostgresConnection
    ) async throws
        -> SessionRecord?
    {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: PostgresRows.sessionColumns) FROM sessions WHERE profile_id = \(profile) AND id = \(id)
            """, logger: logger
        )
        .collect()
        return try rows.first.map(PostgresRows.session)
    }

    private func sessions(
        profile: ProfileID, in window: RecordWindow, _ connection: PostgresConnection
    ) async throws
        -> [SessionRecord]
    {
        let (since, before, afterDate, afterID) = (window.since, window.before, window.after?.date, window.after?.id)
        let rows = try await connection.query(
            """
            SELECT \(unescaped: PostgresRows.sessionColumns) FROM sessions
            WHERE profile_id = \(profile) AND (\(since)::timestamptz IS NULL OR started_at >= \(since))
                AND (\(before)::timestamptz IS NULL OR started_at < \(before))
                AND (\(afterDate)::timestamptz IS NULL OR (started_at, id) < (\(afterDate), \(afterID)::uuid))
            ORDER BY started_at DESC, id DESC
            LIMIT \(window.limit)::bigint
            """, logger: logger
        )
        .collect()
        return try rows.map(PostgresRows.session)
    }

    private func personalDoses(profile: ProfileID, _ connection: PostgresConnection) async throws -> [PersonalDose] {
        let rows = try await connection.query(
            "SELECT body FROM personal_doses WHERE profile_id = \(profile) ORDER BY exercise_id", logger: logger
        )
        .collect()
        return try rows.map { try PostgresRows.decodeJSON(PersonalDose.self, $0.decode(String.self)) }
    }

    /// Adds the dose, or replaces the profile's dose for the same exercise.
    private func savePersonalDose(
        _ exerciseId: String, body: String, profile: ProfileID, _ connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO personal_doses (profile_id, exercise_id, body) VALUES (\(profile), \(exerciseId), \(body)::jsonb)
            ON CONFLICT (profile_id, exercise_id) DO UPDATE SET body = excluded.body, updated_at = now()
            """, logger: logger)
    }

    private func deleteOne(_ query: PostgresQuery) async throws -> Bool {
        let deleted = try await client.query(query, logger: logger).collect()
        return !deleted.isEmpty
    }

    /// Deleting and inserting, rather than updating, as SQLite does: nil and a first setting need
    /// no cases of their own.
    private func replaceSetting(delete: PostgresQuery, insert: PostgresQuery?, profile: ProfileID) async throws {
        try await transaction { connection in
            try await self.insertProfileIfMissing(profile, connection)
            try await connection.query(delete, logger: self.logger)
            if let insert { try await connection.query(insert, logger: self.logger) }
        }
    }

    /// The row just written, in this same transaction, so it cannot be missing; if a bug ever
    /// made it so, the write fails and rolls back instead of stopping the process.
    private func readBack<Row>(_ row: Row?, id: some CustomStringConvertible) throws -> Row {
        guard let row else { throw PostgresStoreError.missingAfterWrite(id: "\(id)") }
        return row
    }
}

/// What `PostgresStore` itself refuses; errors from the server come as PostgresNIO's `PSQLError`.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database address is not `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
    case invalidURL(String)
    /// A record was not there right after it was written: a bug, never a user's mistake.
    case missingAfterWrite(id: String)
    /// A column holds a value this version cannot read (a newer Limber's, or one written by hand).
    case unreadableColumn(String, String)

    public var description: String {
        switch self {
        case .invalidURL:
            // The address is left out: it may hold a password.
            return "database: not a PostgreSQL address; give one such as postgres://limber@localhost:5432/limber"
        case .missingAfterWrite(let id):
            return "database: record \(id) is missing after it was written"
        case .unreadableColumn(let column, let value):
            return "database: a \(column) of \"\(value)\" is not one this version of Limber reads; update Limber"
        }
    }
}
