import Foundation
import LimberCore

/// What the diary's "Next steps" section shows: current suggestions, and the person's own doses.
struct NextSteps {
    struct Suggestion {
        var id: String
        var exerciseId: String
        var exerciseName: String
        var message: String
        var currentDose: String
        var proposedDose: String
        var canAccept: Bool
        var projectDefaultNote: String
        var sources: [SourceLine]
    }

    struct PersonalDoseLine {
        var exerciseId: String
        var exerciseName: String
        var dose: String
        var catalogDose: String
        var undoText: String
    }

    var suggestions: [Suggestion]
    var personalDoses: [PersonalDoseLine]
    var isEmpty: Bool

    /// `sessions`: every session the person has, which the diary has already read; the
    /// suggestions are worked out from them and the doses read here, as
    /// `Store.progressionSuggestions` does, without reading either again.
    static func load(for me: PersonServices, sessions: [SessionRecord]) async throws -> NextSteps {
        let catalog = me.catalog
        let personal = try await me.store.personalDoses(profile: me.profile)
        let overrides = personal.overridesByExercise
        let suggestions = ProgressionAdvisor.suggestions(sessions: sessions, catalog: catalog, personalDoses: personal)
        func summary(_ exerciseId: String, _ override: DoseOverride?) -> String {
            catalog.doseSummary(exerciseId, override: override) ?? ""
        }
        let lines = suggestions.map { suggestion in
            Suggestion(
                id: suggestion.id, exerciseId: suggestion.exerciseId, exerciseName: suggestion.exerciseName,
                message: suggestion.message,
                currentDose: summary(suggestion.exerciseId, overrides[suggestion.exerciseId]),
                proposedDose: suggestion.proposed.map { summary(suggestion.exerciseId, $0) } ?? "",
                canAccept: !suggestion.isAdviceOnly, projectDefaultNote: suggestion.projectDefaultNote ?? "",
                sources: suggestion.sources.map(SourceLine.init))
        }
        let doses = personal.compactMap { dose -> PersonalDoseLine? in
            guard let exercise = catalog.exercise(dose.exerciseId) else { return nil }
            return PersonalDoseLine(
                exerciseId: exercise.id, exerciseName: exercise.name, dose: summary(exercise.id, dose.dose),
                catalogDose: summary(exercise.id, nil),
                undoText: dose.previous == nil ? "Undo: back to Limber's dose" : "Undo: back to your previous dose")
        }
        return NextSteps(suggestions: lines, personalDoses: doses, isEmpty: lines.isEmpty && doses.isEmpty)
    }
}
