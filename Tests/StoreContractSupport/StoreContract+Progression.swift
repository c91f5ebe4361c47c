import Foundation
import LimberCore
import LimberStore
import Testing

/// The contract for accepting and undoing a progression suggestion.
///
/// The story in every check: the person already holds the calf stretch for 20 s (their own dose,
/// stepped down from 10 s before), and three sessions running felt too easy, so Limber suggests
/// holding it for 30 s.
extension StoreContract {
    public static let longerHold = "longer-hold.calf-stretch-wall.30"
    public static let acceptedAt = date("2026-11-25T10:00:00Z")
    public static let holdTwenty = PersonalDose(
        exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 20), previous: DoseOverride(holdSeconds: 10))
    /// What accepting `longerHold` over `holdTwenty` stores.
    public static let holdThirty = PersonalDose(
        exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 30), previous: DoseOverride(holdSeconds: 20),
        acceptedAt: acceptedAt, suggestionId: longerHold)

    public func acceptingStoresTheProposedDose() async throws {
        let (store, catalog) = try await makeStoreReadyToStepUp()
        #expect(
            try await store.progressionSuggestions(catalog: catalog, profile: .local).map(\.id) == [Self.longerHold])

        let outcome = try await accept(Self.longerHold, store, catalog)

        #expect(outcome == .accepted(Self.holdThirty))
        #expect(try await store.personalDoses(profile: .local) == [Self.holdThirty])
        #expect(try await store.personalDoseOverrides(profile: .local)["calf-stretch-wall"]?.holdSeconds == 30)
        #expect(
            try await store.acceptSuggestion(id: Self.longerHold, catalog: catalog, profile: "someone-else", now: .now)
                == .notFound, "another profile's sessions suggest nothing for this one")
        #expect(try await store.personalDoses(profile: "someone-else").isEmpty)
    }

    public func acceptingAgainChangesNothing() async throws {
        let (store, catalog) = try await makeStoreReadyToStepUp()
        _ = try await accept(Self.longerHold, store, catalog)

        let again = try await store.acceptSuggestion(
            id: Self.longerHold, catalog: catalog, profile: .local, now: Self.acceptedAt.addingTimeInterval(60))

        #expect(again == .alreadyAccepted(Self.holdThirty))
        #expect(try await store.personalDoses(profile: .local) == [Self.holdThirty], "no second step")
    }

    public func unknownAndAdviceOnlySuggestionsChangeNothing() async throws {
        let (store, catalog) = try await makeStoreReadyToStepUp()

        #expect(try await accept("longer-hold.calf-stretch-wall.40", store, catalog) == .notFound)
        #expect(try await store.personalDoses(profile: .local) == [Self.holdTwenty])

        // Two sessions that then felt too hard: Limber advises asking a professional instead.
        for day in 23...24 {
            _ = try await store.addSession(Self.session(on: day, rating: .tooHard), profile: .local)
        }
        let advice = try #require(try await store.progressionSuggestions(catalog: catalog, profile: .local).first)
        #expect(advice.isAdviceOnly)
        #expect(try await accept(advice.id, store, catalog) == .adviceOnly(advice))
        #expect(try await store.personalDoses(profile: .local) == [Self.holdTwenty])
    }

    public func undoGoesBackOneStepThenToTheCatalog() async throws {
        let (store, catalog) = try await makeStoreReadyToStepUp()
        _ = try await accept(Self.longerHold, store, catalog)

        let first = try await store.undoPersonalDose(exerciseId: "calf-stretch-wall", profile: .local)
        let restored = PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 20))
        #expect(first == .restored(restored))
        #expect(try await store.personalDoses(profile: .local) == [restored])

        let second = try await store.undoPersonalDose(exerciseId: "calf-stretch-wall", profile: .local)
        #expect(second == .removed, "only one step is remembered, so the catalog's dose applies again")
        #expect(try await store.personalDoses(profile: .local).isEmpty)

        #expect(try await store.undoPersonalDose(exerciseId: "calf-stretch-wall", profile: .local) == .nothingToUndo)
        #expect(try await store.undoPersonalDose(exerciseId: "chin-tuck", profile: .local) == .nothingToUndo)
    }

    /// A double tap, or a retried request racing the first: one of them accepts and the other finds
    /// it done, so the person is told of one change and the API answers 201 once.
    public func twoAcceptsAtOnceStepUpOnce() async throws {
        let (store, catalog) = try await makeStoreReadyToStepUp()
        // Whether the two overlap depends on scheduling, so the check runs many rounds; without
        // one transaction per accept, most rounds had both report `.accepted`.
        for _ in 0..<Self.rounds {
            async let first = accept(Self.longerHold, store, catalog)
            async let second = accept(Self.longerHold, store, catalog)
            let outcomes = try await [first, second]

            #expect(outcomes.filter { $0 == .accepted(Self.holdThirty) }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 == .alreadyAccepted(Self.holdThirty) }.count == 1, "\(outcomes)")
            #expect(try await store.personalDoses(profile: .local) == [Self.holdThirty])
            if outcomes.filter({ $0 == .accepted(Self.holdThirty) }).count != 1 { return }
            try await store.savePersonalDose(Self.holdTwenty, profile: .local)
        }
    }

    /// Accepting in one tab while undoing in another: the two run one after the other, in either
    /// order, and what each reports is what is stored; neither change is half lost.
    public func acceptAndUndoAtOnceLeaveAConsistentState() async throws {
        let (store, catalog) = try await makeStoreReadyToStepUp()
        let holdTwentyAlone = PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 20))
        let holdTenAlone = PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 10))
        // Accept first: 20 s steps up to 30 s, and the undo takes it back to 20 s.
        let acceptFirst = Outcome(
            accept: .accepted(Self.holdThirty), undo: .restored(holdTwentyAlone), stored: [holdTwentyAlone])
        // Undo first: 20 s goes back to 10 s, and the 30 s suggestion, made for 20 s, is gone.
        let undoFirst = Outcome(accept: .notFound, undo: .restored(holdTenAlone), stored: [holdTenAlone])
        for _ in 0..<Self.rounds {
            async let accepted = accept(Self.longerHold, store, catalog)
            async let undone = store.undoPersonalDose(exerciseId: "calf-stretch-wall", profile: .local)
            let outcome = Outcome(
                accept: try await accepted, undo: try await undone,
                stored: try await store.personalDoses(profile: .local))

            #expect(outcome == acceptFirst || outcome == undoFirst, "\(outcome)")
            if outcome != acceptFirst && outcome != undoFirst { return }
            try await store.savePersonalDose(Self.holdTwenty, profile: .local)
        }
    }

    // MARK: - Helpers

    private static let rounds = 40

    private struct Outcome: Equatable {
        var accept: SuggestionAcceptance
        var undo: PersonalDoseUndo
        var stored: [PersonalDose]
    }

    private func makeStoreReadyToStepUp() async throws -> (any Store, Catalog) {
        let store = try await makeStore()
        return (store, try await Self.prepareToStepUp(store))
    }

    /// Stores `holdTwenty` and three too-easy sessions with the calf stretch; returns the catalog
    /// whose rules then suggest `longerHold`.
    public static func prepareToStepUp(_ store: any Store) async throws -> Catalog {
        try await store.savePersonalDose(Self.holdTwenty, profile: .local)
        for day in 20...22 {
            _ = try await store.addSession(session(on: day, rating: .tooEasy), profile: .local)
        }
        return try CatalogLoader.load()
    }

    private static func session(on day: Int, rating: Difficulty) -> SessionRecord {
        let start = date("2026-11-\(day)T21:00:00Z")
        return SessionRecord(
            routineId: "night-calf", routineName: "Night calf cramp", startedAt: start,
            endedAt: start.addingTimeInterval(420), isComplete: true, stepsCompleted: 6, stepsTotal: 6,
            ratings: [.init(exerciseId: "calf-stretch-wall", difficulty: rating)])
    }

    private func accept(_ id: String, _ store: any Store, _ catalog: Catalog) async throws -> SuggestionAcceptance {
        try await store.acceptSuggestion(id: id, catalog: catalog, profile: .local, now: Self.acceptedAt)
    }
}
