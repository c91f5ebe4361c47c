import Foundation
import LimberCore

/// What accepting a progression suggestion did.
public enum SuggestionAcceptance: Sendable, Hashable {
    /// The proposed dose is now the person's own.
    case accepted(PersonalDose)
    /// The same suggestion was accepted before; nothing changed.
    case alreadyAccepted(PersonalDose)
    /// The suggestion is advice only; there is no dose to accept.
    case adviceOnly(ProgressionSuggestion)
    /// No current suggestion has that id.
    case notFound
}

/// What undoing a personal dose did.
public enum PersonalDoseUndo: Sendable, Hashable {
    /// The dose before the last accepted change applies again.
    case restored(PersonalDose)
    /// The catalog's dose applies again.
    case removed
    /// The exercise had no personal dose.
    case nothingToUndo
}

/// Progression as both the CLI and the server use it: suggestions from the stored sessions.
/// Accepting and undoing are `Store` requirements, because each must read and write in one
/// transaction; the rules themselves are `ProgressionAdvisor`'s.
extension Store {
    /// The profile's personal doses by exercise id, as `TimelineCompiler` takes them.
    public func personalDoseOverrides(profile: ProfileID) async throws -> [String: DoseOverride] {
        try await personalDoses(profile: profile).overridesByExercise
    }

    /// For showing only: accepting reads sessions and doses again in its own transaction, so a
    /// list that is out of date by the time the person taps accept does no harm.
    public func progressionSuggestions(catalog: Catalog, profile: ProfileID) async throws -> [ProgressionSuggestion] {
        ProgressionAdvisor.suggestions(
            sessions: try await sessions(profile: profile, since: nil), catalog: catalog,
            personalDoses: try await personalDoses(profile: profile))
    }
}

// What accepting and undoing decide, given the profile's records as a backend read them inside its
// transaction. Kept apart from any database so that every backend decides the same way and only
// the reading and writing around it are its own. Public for the backends in other modules.
extension SuggestionAcceptance {
    /// `.accepted(dose)` asks the caller to store `dose`; every other outcome changes nothing.
    public static func deciding(
        id: String, catalog: Catalog, sessions: [SessionRecord], personalDoses: [PersonalDose], now: Date
    ) -> SuggestionAcceptance {
        if let stored = personalDoses.first(where: { $0.suggestionId == id }) { return .alreadyAccepted(stored) }
        let suggestions = ProgressionAdvisor.suggestions(
            sessions: sessions, catalog: catalog, personalDoses: personalDoses)
        guard let suggestion = suggestions.first(where: { $0.id == id }) else { return .notFound }
        let current = personalDoses.first { $0.exerciseId == suggestion.exerciseId }
        guard let accepted = suggestion.accepted(replacing: current, at: now) else { return .adviceOnly(suggestion) }
        return .accepted(accepted)
    }
}

extension PersonalDoseUndo {
    /// `.restored(dose)` asks the caller to store `dose`, `.removed` to delete the exercise's dose.
    public static func deciding(current: PersonalDose?) -> PersonalDoseUndo {
        guard let current else { return .nothingToUndo }
        return current.undone.map { .restored($0) } ?? .removed
    }
}
