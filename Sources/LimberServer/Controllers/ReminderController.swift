import Foundation
import Hummingbird
import LimberCore

/// Reminders over JSON: list, add and delete. The reminders page adds through `save` too, so both
/// check a reminder the same way.
struct ReminderController {
    let services: APIServices

    /// A reminder as a client sends it. A client may choose the id, which makes a retried post
    /// safe: the second one finds the first and stores nothing new.
    struct ReminderInput: Decodable {
        var id: UUID?
        var routineId: String
        var weekdays: [Int]
        var hour: Int
        var minute: Int
        var timeZone: String

        enum CodingKeys: String, CodingKey, CaseIterable { case id, routineId, weekdays, hour, minute, timeZone }

        /// A misspelt field is refused rather than silently dropped.
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeUnlessNull(UUID.self, forKey: .id)
            routineId = try c.decode(String.self, forKey: .routineId)
            weekdays = try c.decode([Int].self, forKey: .weekdays)
            hour = try c.decode(Int.self, forKey: .hour)
            minute = try c.decode(Int.self, forKey: .minute)
            timeZone = try c.decode(String.self, forKey: .timeZone)
        }
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("reminders") { _, context in
            try APIJSON.response(try await services.store.reminders(profile: try context.person))
        }
        group.post("reminders") { request, context in
            let input = try await APIJSON.decode(ReminderInput.self, from: request, context: context)
            let reminder = Reminder(
                id: input.id ?? UUID(), routineId: input.routineId, weekdays: input.weekdays, hour: input.hour,
                minute: input.minute, timeZone: input.timeZone)
            let (saved, isNew): (Reminder, Bool)
            do {
                (saved, isNew) = try await save(reminder, for: try context.person)
            } catch let error as FieldError {
                throw Problem(error)
            }
            guard isNew else { return try APIJSON.response(saved) }
            var response = try APIJSON.response(saved, status: .created)
            response.headers[.location] = "/api/v1/reminders/\(saved.id.uuidString.lowercased())"
            return response
        }
        group.delete("reminders/{id}") { _, context in
            let text = try context.parameters.require("id")
            guard let id = UUID(uuidString: text) else {
                throw Problem(.badRequest, "id: \"\(text)\" is not a reminder id", field: "id")
            }
            guard try await services.store.deleteReminder(id: id, profile: try context.person) else {
                throw Problem.notFound("Reminder \(id.uuidString.lowercased())")
            }
            return Response(status: .noContent)
        }
    }

    /// Checks and stores a reminder; `isNew` is false when one with its id was already stored,
    /// which is then returned unchanged. A reminder the rules refuse throws their `FieldError`,
    /// naming its JSON field, for the API and the page to word as their clients need.
    func save(_ reminder: Reminder, for person: ProfileID) async throws -> (reminder: Reminder, isNew: Bool) {
        let existing = try await services.store.reminders(profile: person).first(where: { $0.id == reminder.id })
        let customIDs = Set(try await services.store.customRoutines(profile: person).map(\.id))
        // A body the document refuses is refused even on a retry; a retry of a stored reminder
        // whose routine has since gone still gets what was stored.
        let refusal = Result { () throws(FieldError) in
            try ReminderRules.validate(reminder, catalog: services.catalog, customRoutineIDs: customIDs)
        }
        if case .failure(let error) = refusal, error.rule == .value || existing == nil { throw error }
        if let existing { return (existing, false) }
        var sorted = reminder
        sorted.weekdays.sort()
        return (try await services.store.addReminder(sorted, profile: person), true)
    }
}
