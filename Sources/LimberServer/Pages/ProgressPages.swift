import Foundation
import Hummingbird
import LimberCore

/// The forms behind the diary's "Next steps": accept a suggestion, or undo a personal dose.
/// Both go back to the diary, so reloading does not post again.
struct ProgressPages {
    let services: APIServices

    var api: ProgressController { ProgressController(services: services) }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.post("progress/{id}/accept") { _, context in
            _ = try await api.accept(try context.parameters.require("id"))
            return PageRenderer.redirect(to: "/diary?accepted=1#next-steps-heading")
        }
        router.post("progress/undo/{exerciseId}") { _, context in
            try await api.undo(try context.parameters.require("exerciseId"))
            return PageRenderer.redirect(to: "/diary?undone=1#next-steps-heading")
        }
    }
}

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

    static func load(_ services: APIServices) async throws -> NextSteps {
        let catalog = services.catalog
        let personal = try await services.store.personalDoses(profile: services.profile)
        let overrides = personal.overridesByExercise
        let suggestions = try await ProgressController(services: services).suggestions()
        func summary(_ exerciseId: String, _ override: DoseOverride?) -> String {
            guard let exercise = catalog.exercise(exerciseId) else { return "" }
            return exercise.dose.applying(override).summary(sideNoun: exercise.sideNoun)
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
