import Foundation
import LimberCore
import LimberStore
import StoreContractSupport
import Testing

/// A busy server sends many inserts at once, and the store commits those that arrive together
/// in one transaction. Each caller must still get exactly its own answer, and only for what
/// is really stored.
@Suite("SQLiteStore under many inserts at once")
struct ConcurrentInsertTests {
    @Test("Hundreds of episodes and sessions sent at once are all stored and still there after reopening")
    func concurrentInsertsAreAllStoredDurably() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("limber.sqlite")
        let episodes = (0..<300).map { episode(minute: $0) }
        let sessions = (0..<100).map { session(minute: $0) }

        do {
            let store = try SQLiteStore.open(path: path)
            let answers = try await withThrowingTaskGroup(of: (id: UUID, isNew: Bool, same: Bool).self) { group in
                for item in episodes {
                    group.addTask {
                        let insertion = try await store.insertEpisode(item, profile: .local)
                        return (item.id, insertion.isNew, insertion.value.id == item.id)
                    }
                }
                for item in sessions {
                    group.addTask {
                        let insertion = try await store.insertSession(item, profile: .local)
                        return (item.id, insertion.isNew, insertion.value.id == item.id)
                    }
                }
                return try await group.reduce(into: [(id: UUID, isNew: Bool, same: Bool)]()) { $0.append($1) }
            }

            #expect(answers.count == 400)
            #expect(answers.allSatisfy { $0.isNew && $0.same }, "each caller is told about its own new record")
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).count == 300)
            #expect(try await store.sessions(profile: .local, since: nil).count == 100)
        }
        let reopened = try SQLiteStore.open(path: path)

        let storedEpisodes = try await reopened.episodes(profile: .local, since: nil, region: nil)
        let storedSessions = try await reopened.sessions(profile: .local, since: nil)
        #expect(Set(storedEpisodes.map(\.id)) == Set(episodes.map(\.id)))
        #expect(Set(storedSessions.map(\.id)) == Set(sessions.map(\.id)))
        let sample = try #require(try await reopened.episode(id: episodes[123].id, profile: .local))
        expectSame(sample, episodes[123])
    }

    @Test(
        "The same episode sent 50 times at once is stored once, and exactly one sender is told it is new",
        arguments: SQLiteBackend.allCases)
    func concurrentRetriesOfOneEpisodeStoreItOnce(_ backend: SQLiteBackend) async throws {
        try await backend.check { contract in
            let store = try await contract.makeStore()
            let original = episode(minute: 0)
            // Retries of one write can differ (a client that edited the note before resending);
            // whichever arrives first is kept, and every sender gets that one back.
            let retries = (0..<50).map { attempt in
                var retry = original
                retry.notes = "attempt \(attempt)"
                return retry
            }

            let insertions = try await withThrowingTaskGroup(of: Insertion<Episode>.self) { group in
                for retry in retries {
                    group.addTask { try await store.insertEpisode(retry, profile: .local) }
                }
                return try await group.reduce(into: [Insertion<Episode>]()) { $0.append($1) }
            }

            #expect(insertions.count == 50)
            #expect(insertions.filter(\.isNew).count == 1)
            let stored = try await store.episodes(profile: .local, since: nil, region: nil)
            #expect(stored.count == 1)
            let kept = try #require(stored.first)
            #expect(insertions.allSatisfy { $0.value == kept }, "every sender gets the copy that was kept")
            #expect(insertions.first(where: \.isNew)?.value == kept)
        }
    }

    @Test(
        "The same session sent 50 times at once is stored once, and exactly one sender is told it is new",
        arguments: SQLiteBackend.allCases)
    func concurrentRetriesOfOneSessionStoreItOnce(_ backend: SQLiteBackend) async throws {
        try await backend.check { contract in
            let store = try await contract.makeStore()
            let record = session(minute: 0)

            let insertions = try await withThrowingTaskGroup(of: Insertion<SessionRecord>.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await store.insertSession(record, profile: .local) }
                }
                return try await group.reduce(into: [Insertion<SessionRecord>]()) { $0.append($1) }
            }

            #expect(insertions.filter(\.isNew).count == 1)
            #expect(try await store.sessions(profile: .local, since: nil).map(\.id) == [record.id])
            for insertion in insertions { expectSame(insertion.value, record) }
        }
    }

    @Test(
        "An episode the database refuses fails alone; the episodes sent with it are stored",
        arguments: SQLiteBackend.allCases)
    func aRefusedEpisodeDoesNotSinkTheOthers(_ backend: SQLiteBackend) async throws {
        try await backend.check { contract in
            let store = try await contract.makeStore()
            let good = (0..<100).map { episode(minute: $0) }
            // Checking a severity is the caller's job (DiaryRules); the table's CHECK is the last
            // line of defence, and it is what refuses this one.
            var bad = episode(minute: 50)
            bad.severity = 99

            let outcomes = await withTaskGroup(of: (id: UUID, result: Result<Bool, any Error>).self) { group in
                for item in good.prefix(50) + [bad] + good.dropFirst(50) {
                    group.addTask {
                        do {
                            return (item.id, .success(try await store.insertEpisode(item, profile: .local).isNew))
                        } catch {
                            return (item.id, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: [UUID: Result<Bool, any Error>]()) { $0[$1.id] = $1.result }
            }

            #expect(throws: (any Error).self) { try outcomes[bad.id]?.get() }
            for item in good {
                #expect(try outcomes[item.id]?.get() == true, "episode \(item.id) was acknowledged as new")
            }
            let stored = try await store.episodes(profile: .local, since: nil, region: nil)
            #expect(Set(stored.map(\.id)) == Set(good.map(\.id)))
            #expect(try await store.episode(id: bad.id, profile: .local) == nil)
        }
    }

    private func episode(minute: Int) -> Episode {
        Episode(
            occurredAt: date("2026-11-20T23:00:00Z").addingTimeInterval(Double(minute) * 60), durationSeconds: 60,
            regions: ["calf"], severity: 5, notes: "cramp \(minute)")
    }

    private func session(minute: Int) -> SessionRecord {
        let start = date("2026-11-21T07:00:00Z").addingTimeInterval(Double(minute) * 60)
        return SessionRecord(
            routineId: "night-calf", routineName: "Night calf cramp", startedAt: start,
            endedAt: start.addingTimeInterval(420), isComplete: true, stepsCompleted: 6, stepsTotal: 6)
    }
}
