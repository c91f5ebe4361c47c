import Foundation
import Hummingbird
import LimberCore
import LimberStore

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
        /// Optional for clients written before skips were counted; absent means none skipped.
        var stepsSkipped: Int?
        var stepsTotal: Int
        var ratings: [SessionRecord.Rating]?
        var painBefore: Int?
        var painAfter: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, routineId, routineName, startedAt, endedAt, isComplete, stepsCompleted, stepsSkipped, stepsTotal,
                ratings,
                painBefore, painAfter
        }

        /// A misspelt field is refused rather than silently dropped.
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeUnlessNull(UUID.self, forKey: .id)
            routineId = try c.decode(String.self, forKey: .routineId)
            routineName = try c.decode(String.self, forKey: .routineName)
            startedAt = try c.decode(Date.self, forKey: .startedAt)
            endedAt = try c.decode(Date.self, forKey: .endedAt)
            isComplete = try c.decode(Bool.self, forKey: .isComplete)
            stepsCompleted = try c.decode(Int.self, forKey: .stepsCompleted)
            stepsSkipped = try c.decodeUnlessNull(Int.self, forKey: .stepsSkipped)
            stepsTotal = try c.decode(Int.self, forKey: .stepsTotal)
            ratings = try c.decodeUnlessNull([SessionRecord.Rating].self, forKey: .ratings)
            painBefore = try c.decodeIfPresent(Int.self, forKey: .painBefore)
            painAfter = try c.decodeIfPresent(Int.self, forKey: .painAfter)
        }
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("sessions") { request, context in
            let page = try ListPage(request.uri.queryParameters)
            let sessions = try await services.store.sessions(profile: try context.person, in: page.window())
            return try page.response(
                sessions, position: { RecordPosition(date: $0.startedAt, id: $0.id) }, request: request)
        }
        group.post("sessions") { request, context in
            let input = try await APIJSON.decode(SessionInput.self, from: request, context: context)
            let record = SessionRecord(
                id: input.id ?? UUID(), routineId: input.routineId, routineName: input.routineName,
                startedAt: input.startedAt, endedAt: input.endedAt, isComplete: input.isComplete,
                stepsCompleted: input.stepsCompleted, stepsSkipped: input.stepsSkipped ?? 0,
                stepsTotal: input.stepsTotal,
                ratings: input.ratings ?? [],
                painBefore: input.painBefore, painAfter: input.painAfter)
            do {
                try DiaryRules.validate(record, now: services.clock.now())
            } catch let error as FieldError {
                throw Problem(error)
            }
            for (index, rating) in record.ratings.enumerated() where services.catalog.exercise(rating.exerciseId) == nil
            {
                throw Problem(
                    .badRequest, "ratings[\(index)].exerciseId: no exercise has the id \"\(rating.exerciseId)\"",
                    field: "ratings[\(index)].exerciseId")
            }
            // A retried post (same id) finds the first and stores nothing new.
            let insertion = try await services.store.insertSession(record, profile: try context.person)
            return try APIJSON.response(insertion.value, status: insertion.isNew ? .created : .ok)
        }
    }
}
