import Foundation
import LimberCore
import LimberStore
import Testing

/// What every `Store` backend must do, written against `any Store` so that a PostgreSQL backend
/// runs the very same checks. Each check makes its own empty store.
public struct StoreContract: Sendable {
    public let makeStore: @Sendable () async throws -> any Store

    public init(makeStore: @escaping @Sendable () async throws -> any Store) {
        self.makeStore = makeStore
    }

    // MARK: - Episodes

    public func addedEpisodeReadsBackExactly() async throws {
        let store = try await makeStore()
        let full = Episode(
            occurredAt: date("2026-11-20T23:10:42.123Z"), durationSeconds: 95, regions: ["calf", "foot"],
            side: .left, severity: 7, triggers: Trigger.allCases, wokeFromSleep: true,
            relievedBy: "calf-stretch-wall", notes: "Woke me at 3 am — \"sharp\" 🦵, eased after 2 min")
        let bare = Episode(
            occurredAt: date("2026-11-21T08:00:00.001Z"), durationSeconds: 1, regions: ["neck"], severity: 0)

        for episode in [full, bare] {
            let returned = try await store.addEpisode(episode, profile: .local)
            let stored = try #require(try await store.episode(id: episode.id, profile: .local))
            expectSame(returned, episode)
            expectSame(stored, episode)
        }
    }

    public func addingAnEpisodeTwiceKeepsTheFirst() async throws {
        let store = try await makeStore()
        let first = episode(at: "2026-11-20T23:10:00Z", severity: 6)
        var retry = first
        retry.severity = 2
        retry.notes = "sent again"

        _ = try await store.addEpisode(first, profile: .local)
        let returned = try await store.addEpisode(retry, profile: .local)

        expectSame(returned, first)
        let all = try await store.episodes(profile: .local, since: nil, region: nil)
        #expect(all.count == 1)
        #expect(all.first?.severity == 6)
    }

    public func updateReplacesEveryField() async throws {
        let store = try await makeStore()
        let original = Episode(
            occurredAt: date("2026-11-20T23:10:00Z"), durationSeconds: 60, regions: ["calf"], side: .right,
            severity: 5, triggers: [.night], wokeFromSleep: true, relievedBy: "walking", notes: "first note")
        _ = try await store.addEpisode(original, profile: .local)
        let changed = Episode(
            id: original.id, occurredAt: date("2026-11-19T07:30:15.250Z"), durationSeconds: 300,
            regions: ["back-thigh", "hip"], side: nil, severity: 9, triggers: [.exercise, .heat],
            wokeFromSleep: false, relievedBy: nil, notes: nil)

        let returned = try #require(try await store.updateEpisode(changed, profile: .local))

        expectSame(returned, changed)
        expectSame(try #require(try await store.episode(id: original.id, profile: .local)), changed)
        #expect(try await store.episodes(profile: .local, since: nil, region: nil).count == 1)
    }

    public func updatingAMissingEpisodeReturnsNilAndAddsNothing() async throws {
        let store = try await makeStore()

        let returned = try await store.updateEpisode(episode(at: "2026-11-20T23:10:00Z"), profile: .local)

        #expect(returned == nil)
        #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
    }

    public func episodesListNewestFirst() async throws {
        let store = try await makeStore()
        let middle = episode(at: "2026-11-15T12:00:00Z")
        let newest = episode(at: "2026-11-20T23:10:00Z")
        let oldest = episode(at: "2026-10-01T06:00:00Z")
        for item in [middle, newest, oldest] { _ = try await store.addEpisode(item, profile: .local) }

        let listed = try await store.episodes(profile: .local, since: nil, region: nil)

        #expect(listed.map(\.id) == [newest.id, middle.id, oldest.id])
    }

    /// Pages laid end to end list every episode once, in the same order as one list, even when
    /// several share a time (the id decides between them) and when one is added between pages.
    public func episodePagesListEveryEpisodeOnce() async throws {
        let store = try await makeStore()
        let sameTime = (0..<5).map { _ in episode(at: "2026-11-15T12:00:00Z") }
        let others = ["2026-11-20T23:10:00Z", "2026-11-01T06:00:00Z", "2026-10-01T06:00:00Z"].map {
            episode(at: $0)
        }
        for item in sameTime + others { _ = try await store.addEpisode(item, profile: .local) }
        let whole = try await store.episodes(profile: .local, since: nil, region: nil).map(\.id)

        var paged: [UUID] = []
        var after: RecordPosition?
        // Bounded, so a store that ignored `after` fails here instead of listing forever.
        for _ in 0..<10 {
            let page = try await store.episodes(
                profile: .local, region: nil, in: RecordWindow(after: after, limit: 3))
            #expect(page.count <= 3)
            paged += page.map(\.id)
            after = page.last.map { RecordPosition(date: $0.occurredAt, id: $0.id) }
            if paged.count == 3 {
                // Newer than every page so far: a later page never shows it or repeats one.
                _ = try await store.addEpisode(episode(at: "2026-11-30T08:00:00Z"), profile: .local)
            }
            if page.count < 3 { break }
        }

        #expect(paged == whole)
    }

    /// A month is `since` its first moment and `before` the next month's, so no episode is in two.
    public func sinceAndBeforeKeepOneSpan() async throws {
        let store = try await makeStore()
        let lastOfOctober = episode(at: "2026-10-31T23:59:59.999Z")
        let firstOfNovember = episode(at: "2026-11-01T00:00:00Z")
        let firstOfDecember = episode(at: "2026-12-01T00:00:00Z")
        for item in [lastOfOctober, firstOfNovember, firstOfDecember] {
            _ = try await store.addEpisode(item, profile: .local)
        }
        let november = RecordWindow(since: date("2026-11-01T00:00:00Z"), before: date("2026-12-01T00:00:00Z"))
        let newestBeforeNovember = RecordWindow(before: date("2026-11-01T00:00:00Z"), limit: 1)

        #expect(try await store.episodes(profile: .local, region: nil, in: november).map(\.id) == [firstOfNovember.id])
        #expect(
            try await store.episodes(profile: .local, region: nil, in: newestBeforeNovember).map(\.id)
                == [lastOfOctober.id])
    }

    public func sinceKeepsEpisodesAtOrAfterIt() async throws {
        let store = try await makeStore()
        let before = episode(at: "2026-11-14T23:59:59.999Z")
        let exactly = episode(at: "2026-11-15T00:00:00Z")
        let after = episode(at: "2026-11-20T23:10:00Z")
        for item in [before, exactly, after] { _ = try await store.addEpisode(item, profile: .local) }

        let listed = try await store.episodes(profile: .local, since: date("2026-11-15T00:00:00Z"), region: nil)

        #expect(listed.map(\.id) == [after.id, exactly.id])
    }

    public func regionKeepsEpisodesThatNameIt() async throws {
        let store = try await makeStore()
        let upperBack = episode(at: "2026-11-10T10:00:00Z", regions: ["upper-back"])
        let lowerBack = episode(at: "2026-11-11T10:00:00Z", regions: ["lower-back"])
        let both = episode(at: "2026-11-12T10:00:00Z", regions: ["hip", "lower-back"])
        let earlyLowerBack = episode(at: "2026-11-01T10:00:00Z", regions: ["lower-back"])
        for item in [upperBack, lowerBack, both, earlyLowerBack] {
            _ = try await store.addEpisode(item, profile: .local)
        }

        let lower = try await store.episodes(profile: .local, since: nil, region: "lower-back")
        let back = try await store.episodes(profile: .local, since: nil, region: "back")
        let recentLower = try await store.episodes(
            profile: .local, since: date("2026-11-05T00:00:00Z"), region: "lower-back")

        #expect(lower.map(\.id) == [both.id, lowerBack.id, earlyLowerBack.id])
        #expect(back.isEmpty, "a region matches whole names only, never part of one")
        #expect(recentLower.map(\.id) == [both.id, lowerBack.id])
    }

    public func deletingAnEpisodeSaysWhetherItWasThere() async throws {
        let store = try await makeStore()
        let kept = episode(at: "2026-11-19T10:00:00Z")
        let removed = episode(at: "2026-11-20T10:00:00Z")
        for item in [kept, removed] { _ = try await store.addEpisode(item, profile: .local) }

        #expect(try await store.deleteEpisode(id: removed.id, profile: .local) == true)
        #expect(try await store.deleteEpisode(id: removed.id, profile: .local) == false)
        #expect(try await store.deleteEpisode(id: UUID(), profile: .local) == false)
        #expect(try await store.episode(id: removed.id, profile: .local) == nil)
        #expect(try await store.episodes(profile: .local, since: nil, region: nil).map(\.id) == [kept.id])
    }

    public func anOutOfRangeSeverityNeverReachesTheStore() async throws {
        let store = try await makeStore()
        let tooSevere = episode(at: "2026-11-20T10:00:00Z", severity: 11)

        await #expect(throws: (any Error).self) {
            _ = try await store.addEpisode(tooSevere, profile: .local)
        }

        #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
    }

    // MARK: - Sessions

    public func addedSessionReadsBackExactly() async throws {
        let store = try await makeStore()
        let rated = SessionRecord(
            routineId: "night-calf", routineName: "Night calf cramp", startedAt: date("2026-11-20T23:15:00.500Z"),
            endedAt: date("2026-11-20T23:22:30.750Z"), isComplete: true, stepsCompleted: 12, stepsTotal: 12,
            ratings: [
                .init(exerciseId: "calf-stretch-wall", difficulty: .tooEasy),
                .init(exerciseId: "toe-raises", difficulty: .aboutRight),
                .init(exerciseId: "hamstring-stretch", difficulty: .tooHard),
            ],
            painBefore: 8, painAfter: 0)
        let unrated = SessionRecord(
            routineId: "desk-neck", routineName: "Desk neck", startedAt: date("2026-11-21T09:00:00Z"),
            endedAt: date("2026-11-21T09:01:00Z"), isComplete: false, stepsCompleted: 0, stepsTotal: 9)
        let skipped = SessionRecord(
            routineId: "seed-full", routineName: "All six core stretches", startedAt: date("2026-11-22T20:00:00Z"),
            endedAt: date("2026-11-22T20:06:00Z"), isComplete: false, stepsCompleted: 5, stepsSkipped: 2,
            stepsTotal: 8, painBefore: 6, painAfter: 3)

        for record in [rated, unrated, skipped] {
            let returned = try await store.addSession(record, profile: .local)
            let stored = try #require(try await store.session(id: record.id, profile: .local))
            expectSame(returned, record)
            expectSame(stored, record)
        }
    }

    public func addingASessionTwiceKeepsTheFirst() async throws {
        let store = try await makeStore()
        let first = session(at: "2026-11-20T23:15:00Z", painAfter: 2)
        var retry = first
        retry.painAfter = 9

        _ = try await store.addSession(first, profile: .local)
        let returned = try await store.addSession(retry, profile: .local)

        expectSame(returned, first)
        let all = try await store.sessions(profile: .local, since: nil)
        #expect(all.map(\.painAfter) == [2])
    }

    public func updateAddsRatingsToASavedSession() async throws {
        let store = try await makeStore()
        let saved = SessionRecord(
            routineId: "seed-full", routineName: "All six core stretches", startedAt: date("2026-11-22T20:00:00Z"),
            endedAt: date("2026-11-22T20:06:00Z"), isComplete: false, stepsCompleted: 5, stepsSkipped: 2,
            stepsTotal: 8, painBefore: 6)
        _ = try await store.addSession(saved, profile: .local)
        var rated = saved
        rated.ratings = [.init(exerciseId: "calf-stretch-wall", difficulty: .aboutRight)]
        rated.painAfter = 3

        let returned = try await store.updateSession(rated, profile: .local)

        expectSame(try #require(returned), rated)
        expectSame(try #require(try await store.session(id: saved.id, profile: .local)), rated)
        #expect(try await store.sessions(profile: .local, since: nil).count == 1)
    }

    public func updatingAMissingSessionReturnsNilAndAddsNothing() async throws {
        let store = try await makeStore()

        #expect(try await store.updateSession(session(at: "2026-11-20T23:15:00Z"), profile: .local) == nil)
        #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
    }

    public func sessionsListNewestFirstFromSince() async throws {
        let store = try await makeStore()
        let old = session(at: "2026-10-01T07:00:00Z")
        let newest = session(at: "2026-11-20T23:15:00Z")
        let exactly = session(at: "2026-11-15T00:00:00Z")
        for item in [old, newest, exactly] { _ = try await store.addSession(item, profile: .local) }

        let all = try await store.sessions(profile: .local, since: nil)
        let recent = try await store.sessions(profile: .local, since: date("2026-11-15T00:00:00Z"))

        #expect(all.map(\.id) == [newest.id, exactly.id, old.id])
        #expect(recent.map(\.id) == [newest.id, exactly.id])
    }

    public func sessionPagesListEverySessionOnce() async throws {
        let store = try await makeStore()
        let items = ["2026-11-20T23:15:00Z", "2026-11-15T00:00:00Z", "2026-11-15T00:00:00Z", "2026-10-01T07:00:00Z"]
            .map { session(at: $0) }
        for item in items { _ = try await store.addSession(item, profile: .local) }
        let whole = try await store.sessions(profile: .local, since: nil).map(\.id)

        let first = try await store.sessions(profile: .local, in: RecordWindow(limit: 2))
        let position = try #require(first.last.map { RecordPosition(date: $0.startedAt, id: $0.id) })
        let rest = try await store.sessions(profile: .local, in: RecordWindow(after: position, limit: 10))
        let november = try await store.sessions(
            profile: .local,
            in: RecordWindow(since: date("2026-11-01T00:00:00Z"), before: date("2026-11-20T23:15:00Z")))

        #expect((first + rest).map(\.id) == whole)
        #expect(first.count == 2)
        #expect(november.map(\.id) == Array(whole[1...2]))
    }

    public func deletingASessionSaysWhetherItWasThere() async throws {
        let store = try await makeStore()
        let record = session(at: "2026-11-20T23:15:00Z")
        _ = try await store.addSession(record, profile: .local)

        #expect(try await store.deleteSession(id: record.id, profile: .local) == true)
        #expect(try await store.deleteSession(id: record.id, profile: .local) == false)
        #expect(try await store.session(id: record.id, profile: .local) == nil)
        #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
    }

    // MARK: - Profiles

    public func profilesNeverSeeEachOthersRecords() async throws {
        let store = try await makeStore()
        let other: ProfileID = "clinic-patient-7"
        let mine = episode(at: "2026-11-20T23:10:00Z", severity: 4)
        let mySession = session(at: "2026-11-20T23:15:00Z")
        _ = try await store.addEpisode(mine, profile: .local)
        _ = try await store.addSession(mySession, profile: .local)

        #expect(try await store.episode(id: mine.id, profile: other) == nil)
        #expect(try await store.episodes(profile: other, since: nil, region: nil).isEmpty)
        #expect(try await store.session(id: mySession.id, profile: other) == nil)
        #expect(try await store.sessions(profile: other, since: nil).isEmpty)
        var rewritten = mine
        rewritten.severity = 10
        #expect(try await store.updateEpisode(rewritten, profile: other) == nil)
        #expect(try await store.deleteEpisode(id: mine.id, profile: other) == false)
        #expect(try await store.deleteSession(id: mySession.id, profile: other) == false)

        // The other profile may hold a record with the same id (an export imported twice);
        // each profile keeps its own.
        let theirs = try await store.addEpisode(rewritten, profile: other)
        #expect(theirs.severity == 10)
        #expect(try await store.episode(id: mine.id, profile: .local)?.severity == 4)
        #expect(try await store.episodes(profile: .local, since: nil, region: nil).map(\.severity) == [4])
        #expect(try await store.episodes(profile: other, since: nil, region: nil).map(\.severity) == [10])
        #expect(try await store.sessions(profile: .local, since: nil).map(\.id) == [mySession.id])
    }

    // MARK: - Import

    public func importAddsOnlyMissingRecordsAndRepeatsAsANoOp() async throws {
        let store = try await makeStore()
        let alreadyThere = episode(at: "2026-11-01T10:00:00Z")
        let sessionAlreadyThere = session(at: "2026-11-01T11:00:00Z")
        _ = try await store.addEpisode(alreadyThere, profile: .local)
        _ = try await store.addSession(sessionAlreadyThere, profile: .local)
        let episodes = [alreadyThere, episode(at: "2026-11-02T10:00:00Z"), episode(at: "2026-11-03T10:00:00Z")]
        let sessions = [sessionAlreadyThere, session(at: "2026-11-02T11:00:00Z")]

        let first = try await store.importRecords(episodes: episodes, sessions: sessions, profile: .local)
        let second = try await store.importRecords(episodes: episodes, sessions: sessions, profile: .local)

        #expect(
            first
                == ImportSummary(episodesAdded: 2, episodesAlreadyThere: 1, sessionsAdded: 1, sessionsAlreadyThere: 1))
        #expect(
            second
                == ImportSummary(episodesAdded: 0, episodesAlreadyThere: 3, sessionsAdded: 0, sessionsAlreadyThere: 2))
        let storedEpisodes = try await store.episodes(profile: .local, since: nil, region: nil)
        #expect(Set(storedEpisodes.map(\.id)) == Set(episodes.map(\.id)))
        #expect(storedEpisodes.count == 3)
        #expect(try await store.sessions(profile: .local, since: nil).count == 2)
    }

    public func importIsAllOrNothing() async throws {
        let store = try await makeStore()
        let good = episode(at: "2026-11-02T10:00:00Z")
        let tooSevere = episode(at: "2026-11-03T10:00:00Z", severity: 11)
        let goodSession = session(at: "2026-11-02T11:00:00Z")

        await #expect(throws: (any Error).self) {
            _ = try await store.importRecords(episodes: [good, tooSevere], sessions: [goodSession], profile: .local)
        }

        #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
        #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        let retried = try await store.importRecords(episodes: [good], sessions: [goodSession], profile: .local)
        #expect(retried.episodesAdded == 1 && retried.sessionsAdded == 1)
    }

    public func importIntoANewProfileStaysInThatProfile() async throws {
        let store = try await makeStore()
        let newcomer: ProfileID = "new-account"
        let record = episode(at: "2026-11-02T10:00:00Z")

        let summary = try await store.importRecords(episodes: [record], sessions: [], profile: newcomer)

        #expect(summary.episodesAdded == 1)
        #expect(try await store.episodes(profile: newcomer, since: nil, region: nil).map(\.id) == [record.id])
        #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
    }

    // MARK: - Custom routines

    public func customRoutineReadsBackExactly() async throws {
        let store = try await makeStore()
        let full = Routine(
            id: "my-night-calves", name: "My night calves — \"gentle\" 🦵", purpose: .bedtime,
            summary: "Before bed, longer holds.", regions: ["calf", "foot"],
            items: [
                .init(
                    exerciseId: "calf-stretch-wall",
                    dose: DoseOverride(holdSeconds: 45, sets: 2, restSeconds: 10, sides: [.right, .left])),
                .init(exerciseId: "mid-trap-raise", dose: DoseOverride(repetitions: 12)),
                .init(exerciseId: "prayer-pose"),
            ],
            sources: [Source(kind: .reference, title: "Leg cramps", publisher: "NHS", url: "https://www.nhs.uk/")],
            projectDefaults: ["hold 45 s chosen by me"])
        let bare = Routine(
            id: "desk", name: "Desk", purpose: .relief, summary: "", regions: [],
            items: [.init(exerciseId: "chin-tuck")])

        for routine in [full, bare] {
            let returned = try await store.saveCustomRoutine(routine, profile: .local)
            let stored = try #require(try await store.customRoutine(id: routine.id, profile: .local))
            #expect(returned == routine)
            #expect(stored == routine)
        }
        #expect(try await store.customRoutines(profile: .local) == [full, bare])
    }

    public func aMissingCustomRoutineIsNil() async throws {
        let store = try await makeStore()

        #expect(try await store.customRoutine(id: "never-saved", profile: .local) == nil)
        #expect(try await store.customRoutines(profile: .local).isEmpty)
    }

    public func customRoutinesListInTheOrderFirstSaved() async throws {
        let store = try await makeStore()
        let zeta = routine(id: "zeta")
        let alpha = routine(id: "alpha")
        let middle = routine(id: "middle")
        for item in [zeta, alpha, middle] { _ = try await store.saveCustomRoutine(item, profile: .local) }

        #expect(try await store.customRoutines(profile: .local).map(\.id) == ["zeta", "alpha", "middle"])

        _ = try await store.deleteCustomRoutine(id: "middle", profile: .local)
        _ = try await store.deleteCustomRoutine(id: "zeta", profile: .local)
        let later = routine(id: "later")
        _ = try await store.saveCustomRoutine(later, profile: .local)
        _ = try await store.saveCustomRoutine(zeta, profile: .local)

        #expect(
            try await store.customRoutines(profile: .local).map(\.id) == ["alpha", "later", "zeta"],
            "a deleted routine saved again counts as new and goes last")
    }

    public func replacingACustomRoutineKeepsItsPlace() async throws {
        let store = try await makeStore()
        let first = routine(id: "first")
        let second = routine(id: "second", name: "Second")
        let third = routine(id: "third")
        for item in [first, second, third] { _ = try await store.saveCustomRoutine(item, profile: .local) }
        let edited = Routine(
            id: "second", name: "Second, longer", purpose: .prevention, summary: "Edited.", regions: ["hip"],
            items: [
                .init(exerciseId: "figure-four-stretch", dose: DoseOverride(holdSeconds: 60)),
                .init(exerciseId: "knee-to-chest"),
            ])

        let returned = try await store.saveCustomRoutine(edited, profile: .local)

        #expect(returned == edited)
        #expect(try await store.customRoutine(id: "second", profile: .local) == edited)
        #expect(try await store.customRoutines(profile: .local) == [first, edited, third])
    }

    public func deletingACustomRoutineSaysWhetherItWasThere() async throws {
        let store = try await makeStore()
        let kept = routine(id: "kept")
        let removed = routine(id: "removed")
        for item in [kept, removed] { _ = try await store.saveCustomRoutine(item, profile: .local) }

        #expect(try await store.deleteCustomRoutine(id: "removed", profile: .local) == true)
        #expect(try await store.deleteCustomRoutine(id: "removed", profile: .local) == false)
        #expect(try await store.deleteCustomRoutine(id: "never-saved", profile: .local) == false)
        #expect(try await store.customRoutine(id: "removed", profile: .local) == nil)
        #expect(try await store.customRoutines(profile: .local) == [kept])
    }

    public func profilesNeverSeeEachOthersCustomRoutines() async throws {
        let store = try await makeStore()
        let other: ProfileID = "clinic-patient-7"
        let mine = routine(id: "evening", name: "Mine")
        _ = try await store.saveCustomRoutine(mine, profile: .local)

        #expect(try await store.customRoutine(id: "evening", profile: other) == nil)
        #expect(try await store.customRoutines(profile: other).isEmpty)
        #expect(try await store.deleteCustomRoutine(id: "evening", profile: other) == false)

        // The same id in another profile is that profile's own routine; saving it there neither
        // replaces nor reorders the first profile's.
        let theirs = routine(id: "evening", name: "Theirs")
        let theirsFirst = routine(id: "their-first")
        _ = try await store.saveCustomRoutine(theirsFirst, profile: other)
        _ = try await store.saveCustomRoutine(theirs, profile: other)
        #expect(try await store.customRoutine(id: "evening", profile: .local) == mine)
        #expect(try await store.customRoutines(profile: .local) == [mine])
        #expect(try await store.customRoutines(profile: other) == [theirsFirst, theirs])

        #expect(try await store.deleteCustomRoutine(id: "evening", profile: other) == true)
        #expect(try await store.customRoutines(profile: .local) == [mine])
    }

    // MARK: - Helpers

    private func routine(id: String, name: String = "My routine") -> Routine {
        Routine(
            id: id, name: name, purpose: .relief, summary: "A short one.", regions: ["calf"],
            items: [.init(exerciseId: "calf-stretch-wall")])
    }

    private func episode(
        at text: String, regions: [String] = ["calf"], severity: Int = 5
    ) -> Episode {
        Episode(occurredAt: date(text), durationSeconds: 60, regions: regions, severity: severity)
    }

    private func session(at text: String, painAfter: Int? = nil) -> SessionRecord {
        let start = date(text)
        return SessionRecord(
            routineId: "night-calf", routineName: "Night calf cramp", startedAt: start,
            endedAt: start.addingTimeInterval(420), isComplete: true, stepsCompleted: 6, stepsTotal: 6,
            painAfter: painAfter)
    }
}

/// A fixed instant from ISO-8601 text such as "2026-11-20T23:10:42.123Z" (milliseconds optional).
public func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions =
        text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let parsed = formatter.date(from: text) else { preconditionFailure("not an ISO-8601 date: \(text)") }
    return parsed
}

/// Backends need only keep dates to the millisecond; everything else must come back unchanged.
public func expectSame(_ actual: Episode, _ expected: Episode, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(sameMillisecond(actual.occurredAt, expected.occurredAt), sourceLocation: sourceLocation)
    var aligned = actual
    aligned.occurredAt = expected.occurredAt
    #expect(aligned == expected, sourceLocation: sourceLocation)
}

public func expectSame(
    _ actual: SessionRecord, _ expected: SessionRecord, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(sameMillisecond(actual.startedAt, expected.startedAt), sourceLocation: sourceLocation)
    #expect(sameMillisecond(actual.endedAt, expected.endedAt), sourceLocation: sourceLocation)
    var aligned = actual
    aligned.startedAt = expected.startedAt
    aligned.endedAt = expected.endedAt
    #expect(aligned == expected, sourceLocation: sourceLocation)
}

private func sameMillisecond(_ lhs: Date, _ rhs: Date) -> Bool {
    (lhs.timeIntervalSince1970 * 1000).rounded() == (rhs.timeIntervalSince1970 * 1000).rounded()
}
