import Foundation
import Hummingbird
import LimberCore
import LimberStore

/// Progression: suggestions read from the session ratings, accepting one as a personal dose, and
/// undoing it. A suggestion changes nothing until it is accepted.
struct ProgressController {
    let services: APIServices

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("progress") { _, context in
            try APIJSON.response(try await suggestions(for: try services.person(context)))
        }
        group.post("progress/{id}/accept") { _, context in
            let id = try context.parameters.require("id")
            switch try await accept(id, for: try services.person(context)) {
            case .accepted(let dose):
                return try APIJSON.response(dose, status: .created)
            case .alreadyAccepted(let dose):
                return try APIJSON.response(dose)
            case .adviceOnly, .notFound:
                // `accept` has already thrown for these.
                throw Problem.notFound("The suggestion \"\(id)\"")
            }
        }
        group.get("personal-doses") { _, context in
            try APIJSON.response(try await services.store.personalDoses(profile: try context.person))
        }
        group.delete("personal-doses/{exerciseId}") { _, context in
            try await undo(try context.parameters.require("exerciseId"), for: try services.person(context))
            return Response(status: .noContent)
        }
    }

    // MARK: - Shared with the pages

    func suggestions(for me: PersonServices) async throws -> [ProgressionSuggestion] {
        try await services.store.progressionSuggestions(catalog: services.catalog, profile: me.profile)
    }

    /// Accepts a current suggestion; throws a problem for an unknown or advice-only one.
    func accept(_ id: String, for me: PersonServices) async throws -> SuggestionAcceptance {
        let outcome = try await services.store.acceptSuggestion(
            id: id, catalog: services.catalog, profile: me.profile, now: services.clock.now())
        me.settingsChanged()
        switch outcome {
        case .accepted, .alreadyAccepted:
            return outcome
        case .adviceOnly(let suggestion):
            throw Problem(
                .unprocessableContent,
                "\"\(suggestion.id)\" is advice only and has no dose to accept: \(suggestion.message)", field: "id")
        case .notFound:
            throw Problem(
                .notFound, "No current suggestion has the id \"\(id)\"; GET /api/v1/progress lists them.", field: "id")
        }
    }

    /// Goes back to the dose before the last accepted change; throws 404 when there is none.
    func undo(_ exerciseId: String, for me: PersonServices) async throws {
        let outcome = try await services.store.undoPersonalDose(exerciseId: exerciseId, profile: me.profile)
        me.settingsChanged()
        if outcome == .nothingToUndo {
            throw Problem(
                .notFound, "\"\(exerciseId)\" has no personal dose to undo.", field: "exerciseId")
        }
    }
}
