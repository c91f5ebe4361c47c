import Foundation
import Hummingbird
import LimberCore

/// Session records: the web player saves one at the end of every session.
struct SessionController {
    let services: APIServices

    struct SessionInput: Decodable {
        var id: UUID?
        var routineId: String
        var routineName: String
        var startedAt: Date
        var endedAt: Date
        var isComplete: Bool
        var stepsCompleted: Int
        var stepsTotal: Int
        var ratings: [SessionRecord.Rating]?
        var painBefore: Int?
        var painAfter: Int?
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("sessions") { _, _ in
            try APIJSON.response(try await services.store.sessions(profile: services.profile, since: nil))
        }
        group.post("sessions") { request, context in
            let input = try await APIJSON.decode(SessionInput.self, from: request, context: context)
            let record = SessionRecord(
                id: input.id ?? UUID(), routineId: input.routineId, routineName: input.routineName,
                startedAt: input.startedAt, endedAt: input.endedAt, isComplete: input.isComplete,
                stepsCompleted: input.stepsCompleted, stepsTotal: input.stepsTotal, ratings: input.ratings ?? [],
                painBefore: input.painBefore, painAfter: input.painAfter)
            do {
                try DiaryRules.validate(record)
            } catch let error as FieldError {
                throw Problem(error)
            }
            for (index, rating) in record.ratings.enumerated() where services.catalog.exercise(rating.exerciseId) == nil
            {
                throw Problem(
                    .badRequest, "ratings[\(index)].exerciseId: no exercise has the id \"\(rating.exerciseId)\"",
                    field: "ratings[\(index)].exerciseId")
            }
            let saved = try await services.store.addSession(record, profile: services.profile)
            return try APIJSON.response(saved, status: .created)
        }
    }
}
