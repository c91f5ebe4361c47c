import Foundation
import GRDB
import LimberCore
import StoreContractSupport
import Testing

@testable import LimberStore

@Suite("SQLiteStore on a file")
struct SQLiteFileTests {
    @Test("A write goes through while the server is in the middle of a read, and the read sees what it began with")
    func writeGoesThroughDuringARead() async throws {
        // What WAL mode is for: the server streaming an export (a long read) must neither hold up
        // `limber log` nor make it fail, and the export must not change halfway. In SQLite's
        // rollback-journal mode the write's commit waits for the reader, here forever, so it fails
        // with "database is locked" once the busy timeout runs out.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        let store = try SQLiteStore.open(path: path)
        let before = Episode(
            occurredAt: date("2026-11-19T23:10:00Z"), durationSeconds: 90, regions: ["calf"], severity: 6)
        let during = Episode(
            occurredAt: date("2026-11-20T23:10:00Z"), durationSeconds: 60, regions: ["foot"], severity: 4)
        _ = try await store.addEpisode(before, profile: .local)
        let server = try DatabaseQueue(path: path)
        let (reading, isReading) = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        let read = Task {
            try await server.read { db in
                let first = try Int.fetchOne(db, sql: "SELECT count(*) FROM episodes")
                isReading.yield()
                // The read stays open until the write below has returned or failed.
                release.wait()
                return [first, try Int.fetchOne(db, sql: "SELECT count(*) FROM episodes")]
            }
        }
        for await _ in reading { break }

        let failure: (any Error)?
        do {
            _ = try await store.addEpisode(during, profile: .local)
            failure = nil
        } catch {
            failure = error
        }
        release.signal()

        #expect(failure == nil, "the write waited for the reader: \(String(describing: failure))")
        #expect(try await read.value == [1, 1], "a read sees the diary as it was when it began")
        #expect(try await store.episodes(profile: .local, since: nil, region: nil).count == 2)
    }

    @Test("Every commit is synced to disk before the write returns")
    func commitsAreSynced() async throws {
        // Kept as a setting check on purpose: it guards a write acknowledged just before a power
        // cut, which no test can make. A killed process cannot tell the settings apart (the
        // system still holds the file's unsynced pages and writes them out), so the SIGKILL test
        // in LimberCLITests passes with NORMAL too; only FULL syncs the WAL on every commit.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStore.open(path: folder.path("limber.sqlite"))

        let synchronous = try await store.writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }

        #expect(synchronous == 2, "2 is FULL; NORMAL (1) can lose the last commits on power loss")
    }

    @Test("A second store on the same file sees the first one's writes, and a reopened one sees both")
    func storesShareOneFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        let cramp = Episode(
            occurredAt: date("2026-11-20T23:10:00Z"), durationSeconds: 90, regions: ["calf"], severity: 6)
        let session = SessionRecord(
            routineId: "night-calf", routineName: "Night calf cramp", startedAt: date("2026-11-20T23:15:00Z"),
            endedAt: date("2026-11-20T23:22:00Z"), isComplete: true, stepsCompleted: 6, stepsTotal: 6)

        do {
            let cli = try SQLiteStore.open(path: path)
            let server = try SQLiteStore.open(path: path)
            _ = try await cli.addEpisode(cramp, profile: .local)
            #expect(try await server.episodes(profile: .local, since: nil, region: nil).map(\.id) == [cramp.id])
            _ = try await server.addSession(session, profile: .local)
            #expect(try await cli.session(id: session.id, profile: .local) != nil)
        }
        let reopened = try SQLiteStore.open(path: path)

        #expect(try await reopened.episode(id: cramp.id, profile: .local) != nil)
        #expect(try await reopened.sessions(profile: .local, since: nil).map(\.id) == [session.id])
    }

    @Test("The CLI and the server accepting one suggestion at the same moment step up once, and neither fails")
    func acceptsFromTwoConnectionsStepUpOnce() async throws {
        // Two stores on one file are two SQLite connections, as `limber progress accept` and the
        // server are. Each accept must hold the write lock from its first read: a transaction that
        // read first and asked for the lock only to write would fail with "database is locked"
        // (the busy timeout cannot help there) or, without the lock, step up twice.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cli = try SQLiteStore.open(path: folder.path("limber.sqlite"))
        let server = try SQLiteStore.open(path: folder.path("limber.sqlite"))
        let catalog = try await StoreContract.prepareToStepUp(cli)

        for _ in 0..<20 {
            async let fromCLI = cli.acceptSuggestion(
                id: StoreContract.longerHold, catalog: catalog, profile: .local, now: StoreContract.acceptedAt)
            async let fromServer = server.acceptSuggestion(
                id: StoreContract.longerHold, catalog: catalog, profile: .local, now: StoreContract.acceptedAt)
            let outcomes = try await [fromCLI, fromServer]

            #expect(Set(outcomes) == [.accepted(StoreContract.holdThirty), .alreadyAccepted(StoreContract.holdThirty)])
            #expect(try await server.personalDoses(profile: .local) == [StoreContract.holdThirty])
            try await cli.savePersonalDose(StoreContract.holdTwenty, profile: .local)
        }
    }

    @Test("The CLI and the server opening a new file at the same moment both succeed")
    func simultaneousFirstOpensSucceed() async throws {
        // The clash depends on timing, so the check repeats it; it failed in about one try in
        // ten before open() retried the WAL switch and accepted a migration the other side made.
        for _ in 0..<50 {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let path = folder.path("limber.sqlite")

            let errors = await withTaskGroup(of: (any Error)?.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            _ = try SQLiteStore.open(path: path)
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: [String]()) { errors, error in
                    if let error { errors.append("\(error)") }
                }
            }

            #expect(errors.isEmpty)
            if !errors.isEmpty { return }
        }
    }

    @Test("An empty file, such as one made with touch, becomes a Limber database")
    func emptyFileIsTakenOver() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        try Data().write(to: URL(fileURLWithPath: path))
        let cramp = Episode(
            occurredAt: date("2026-11-20T23:10:00Z"), durationSeconds: 90, regions: ["calf"], severity: 6)

        let store = try SQLiteStore.open(path: path)
        _ = try await store.addEpisode(cramp, profile: .local)

        #expect(try await store.episode(id: cramp.id, profile: .local) != nil)
    }

    @Test("A file left by a first open that stopped before its first migration is taken over")
    func interruptedFirstOpenIsTakenOver() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }

        let store = try SQLiteStore.open(path: path)
        let cramp = Episode(
            occurredAt: date("2026-11-20T23:10:00Z"), durationSeconds: 90, regions: ["calf"], severity: 6)
        _ = try await store.addEpisode(cramp, profile: .local)

        #expect(try await store.episode(id: cramp.id, profile: .local) != nil)
    }

    @Test("A file that is not SQLite at all is refused and left exactly as it was")
    func junkFileIsRefusedUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("notes.txt")
        let junk = Data("Shopping: magnesium, bananas, water.\n".utf8 + [0x00, 0xFF, 0x13, 0x37])
        try junk.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.notALimberDatabase(path: path)) { try SQLiteStore.open(path: path) }

        #expect(FileManager.default.contents(atPath: path) == junk)
        #expect(try folderListing(folder) == ["notes.txt"])
    }

    @Test(
        "Another program's SQLite file is refused and left exactly as it was",
        arguments: [
            "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('not a cramp diary')",
            "PRAGMA application_id = 305419896",
        ])
    func foreignSQLiteFileIsRefusedUntouched(setup: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("other.sqlite")
        try DatabaseQueue(path: path).write { db in try db.execute(sql: setup) }
        let before = FileManager.default.contents(atPath: path)

        #expect(throws: StoreError.notALimberDatabase(path: path)) { try SQLiteStore.open(path: path) }

        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try folderListing(folder) == ["other.sqlite"])
    }

    @Test("A database written by a newer Limber is refused and left exactly as it was")
    func newerSchemaIsRefusedUntouched() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        let cramp = Episode(
            occurredAt: date("2026-11-20T23:10:00Z"), durationSeconds: 90, regions: ["calf"], severity: 6)
        do {
            let store = try SQLiteStore.open(path: path)
            _ = try await store.addEpisode(cramp, profile: .local)
        }
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let before = FileManager.default.contents(atPath: path)

        #expect(throws: StoreError.newerSchema(path: path, found: "migration v99-from-the-future")) {
            try SQLiteStore.open(path: path)
        }

        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("A file made before custom routines existed gains them on open and keeps its diary")
    func fileFromBeforeCustomRoutinesIsMigrated() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        let cramp = Episode(
            occurredAt: date("2026-11-20T23:10:00.125Z"), durationSeconds: 90, regions: ["calf"], side: .left,
            severity: 6, notes: "from the old build")
        do {
            // What the build before custom routines left on disk: a WAL file with "v1" only.
            let pool = try DatabasePool(path: path)
            try SQLiteMigrations.makeMigrator().migrate(pool, upTo: "v1")
            try await pool.write { db in try EpisodeRow(cramp, profile: .local).insert(db) }
            try pool.close()
        }
        let evening = Routine(
            id: "my-evening", name: "My evening", purpose: .bedtime, summary: "Calves before bed.",
            regions: ["calf"], items: [.init(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 40))])

        let store = try SQLiteStore.open(path: path)
        _ = try await store.saveCustomRoutine(evening, profile: .local)

        #expect(try await store.customRoutines(profile: .local) == [evening])
        expectSame(try #require(try await store.episode(id: cramp.id, profile: .local)), cramp)
        let applied = try await store.writer.read { db in
            try SQLiteMigrations.makeMigrator().appliedIdentifiers(db)
        }
        #expect(Set(applied) == Set(SQLiteMigrations.makeMigrator().migrations), "every later migration ran on open")
        #expect(applied.contains("v2-custom-routines"))
        let reopened = try SQLiteStore.open(path: path)
        #expect(try await reopened.customRoutine(id: "my-evening", profile: .local) == evening)
    }

    @Test(
        "Sessions saved before skipped steps were counted keep their steps, and one that skipped to the end is not complete"
    )
    func sessionsFromBeforeSkippedStepsAreMigrated() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        let start = date("2026-11-20T21:00:00Z")
        do {
            // What the build before v4 left: one session stopped early, one run to the end past two skips.
            let pool = try DatabasePool(path: path)
            try SQLiteMigrations.makeMigrator().migrate(pool, upTo: "v3-personal-doses-reminders")
            try await pool.write { db in
                for (id, isComplete, done) in [("stopped", 0, 3), ("skipped-to-end", 1, 6)] {
                    try db.execute(
                        sql: """
                            INSERT INTO sessions (profileId, id, routineId, routineName, startedAt, endedAt,
                                isComplete, stepsCompleted, stepsTotal, ratings)
                            VALUES ('local', ?, 'seed-full', 'All six core stretches', ?, ?, ?, ?, 8, '[]')
                            """,
                        arguments: [
                            id == "stopped"
                                ? "5f0c2a9e-1111-4c6e-9d43-7a1e5c2b9f10" : "5f0c2a9e-2222-4c6e-9d43-7a1e5c2b9f10",
                            start.timeIntervalSince1970, start.timeIntervalSince1970 + 300, isComplete, done,
                        ])
                }
            }
            try pool.close()
        }

        let store = try SQLiteStore.open(path: path)
        let sessions = try await store.sessions(profile: .local, since: nil)

        let stopped = try #require(sessions.first { $0.stepsCompleted == 3 })
        #expect(!stopped.isComplete)
        #expect(stopped.stepsSkipped == 0, "an old early stop says nothing of skips")
        let skippedToEnd = try #require(sessions.first { $0.stepsCompleted == 6 })
        #expect(!skippedToEnd.isComplete, "it reached the end only by skipping two steps")
        #expect(skippedToEnd.stepsSkipped == 2)
        for session in sessions { #expect(throws: Never.self) { try DiaryRules.validate(session, now: start + 3600) } }
    }

    @Test("Doses, reminders, a feed and conditions saved by earlier builds still read back after an update")
    func documentsFromEarlierBuildsReadBack() async throws {
        // The text earlier builds wrote, byte for byte: the row types must keep reading it.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try SQLiteMigrations.makeMigrator().migrate(pool, upTo: "v5-profile-conditions")
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO personal_doses (profileId, exerciseId, body) VALUES ('local', 'calf-stretch-wall',
                            '{"acceptedAt":"2026-11-25T10:00:00.000Z","dose":{"holdSeconds":30},"exerciseId":"calf-stretch-wall","previous":{"holdSeconds":20},"suggestionId":"longer-hold.calf-stretch-wall.30"}');
                        INSERT INTO reminders (profileId, id, position, body) VALUES ('local',
                            '5f0c2a9e-3333-4c6e-9d43-7a1e5c2b9f10', 1,
                            '{"hour":22,"id":"5F0C2A9E-3333-4C6E-9D43-7A1E5C2B9F10","minute":15,"routineId":"bedtime-leg-cramps","timeZone":"Europe/London","weekdays":[1,7]}');
                        INSERT INTO calendar_feeds (profileId, token) VALUES ('local', 'old-secret');
                        INSERT INTO profile_conditions (profileId, conditions) VALUES ('local', '["knee","from-a-later-limber"]');
                        """)
            }
            try pool.close()
        }

        let store = try SQLiteStore.open(path: path)

        #expect(
            try await store.personalDoses(profile: .local) == [
                PersonalDose(
                    exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 30),
                    previous: DoseOverride(holdSeconds: 20), acceptedAt: date("2026-11-25T10:00:00Z"),
                    suggestionId: "longer-hold.calf-stretch-wall.30")
            ])
        let reminderID = try #require(UUID(uuidString: "5f0c2a9e-3333-4c6e-9d43-7a1e5c2b9f10"))
        #expect(
            try await store.reminders(profile: .local) == [
                Reminder(
                    id: reminderID, routineId: "bedtime-leg-cramps", weekdays: [1, 7], hour: 22, minute: 15,
                    timeZone: "Europe/London")
            ])
        #expect(try await store.deleteReminder(id: reminderID, profile: .local), "found by its id as stored")
        #expect(try await store.profile(forCalendarFeedToken: "old-secret") == .local)
        #expect(try await store.conditions(profile: .local) == [.knee], "a condition it does not know is skipped")
        #expect(try await store.timeZone(profile: .local) == nil, "v6 adds no zone to an existing profile")
    }

    @Test("A path in a folder that does not exist gives an error naming the path")
    func missingFolderCannotOpen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("missing/limber.sqlite")

        let error = try #require(throws: StoreError.self) { try SQLiteStore.open(path: path) }

        guard case .cannotOpen(let reportedPath, _) = error else {
            Issue.record("expected cannotOpen, got \(error)")
            return
        }
        #expect(reportedPath == path)
    }

    private func folderListing(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    }
}
