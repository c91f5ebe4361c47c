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

/// Progression as both the CLI and the server use it: suggestions from the stored sessions, and
/// accepting or undoing one. The rules themselves are `ProgressionAdvisor`'s.
extension Store {
    /// The profile's personal doses by exercise id, as `TimelineCompiler` takes them.
    public func personalDoseOverrides(profile: ProfileID) async throws -> [String: DoseOverride] {
        try await personalDoses(profile: profile).overridesByExercise
    }

    public func progressionSuggestions(catalog: Catalog, profile: ProfileID) async throws -> [ProgressionSuggestion] {
        ProgressionAdvisor.suggestions(
            sessions: try await sessions(profile: profile, since: nil), catalog: catalog,
            personalDoses: try await personalDoses(profile: profile))
    }

    /// Stores the dose a current suggestion proposes. Accepting it again finds it already stored
    /// and changes nothing, so a retried request never steps up twice.
    public func acceptSuggestion(
        id: String, catalog: Catalog, profile: ProfileID, now: Date
    ) async throws -> SuggestionAcceptance {
        let doses = try await personalDoses(profile: profile)
        if let stored = doses.first(where: { $0.suggestionId == id }) { return .alreadyAccepted(stored) }
        let suggestions = ProgressionAdvisor.suggestions(
            sessions: try await sessions(profile: profile, since: nil), catalog: catalog, personalDoses: doses)
        guard let suggestion = suggestions.first(where: { $0.id == id }) else { return .notFound }
        let current = doses.first { $0.exerciseId == suggestion.exerciseId }
        guard let accepted = suggestion.accepted(replacing: current, at: now) else { return .adviceOnly(suggestion) }
        try await savePersonalDose(accepted, profile: profile)
        return .accepted(accepted)
    }

    /// Goes back one step: to the personal dose before the last accepted change, or to the catalog's.
    public func undoPersonalDose(exerciseId: String, profile: ProfileID) async throws -> PersonalDoseUndo {
        guard let current = try await personalDoses(profile: profile).first(where: { $0.exerciseId == exerciseId })
        else { return .nothingToUndo }
        if let previous = current.undone {
            try await savePersonalDose(previous, profile: profile)
            return .restored(previous)
        }
        _ = try await deletePersonalDose(exerciseId: exerciseId, profile: profile)
        return .removed
    }
}
