import Foundation
import Hummingbird
import LimberCore

/// The person's saved health conditions and time zone over JSON. Conditions change what
/// Limber's own routines and plans contain, and the zone which days a diary week holds, so the
/// cached timelines and pages are rebuilt at once after either changes.
struct ProfileController {
    let services: APIServices

    struct ProfileView: Codable {
        var conditions: [Condition]
        /// False until the person has saved their conditions once (even an empty list), so a
        /// client knows whether to ask.
        var conditionsSaved: Bool
        /// Every accepted condition id and how it reads, so a client can offer them.
        var acceptedConditions: [ConditionChoice]
        /// The IANA zone that decides the person's diary weeks and how dates they type are read:
        /// their own, or the server's while `timeZoneSaved` is false.
        var timeZone: String
        var timeZoneSaved: Bool
    }

    struct ConditionChoice: Codable {
        var id: Condition
        var title: String
    }

    /// A field left out stays as it was; `"timeZone": null` goes back to the server's zone.
    struct ProfileInput: Decodable {
        var conditions: [Condition]?
        var timeZone: Change<String>

        enum Change<Value> {
            case unchanged
            case set(Value?)
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case conditions, timeZone }

        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            conditions = try c.decodeUnlessNull([Condition].self, forKey: .conditions)
            timeZone = c.contains(.timeZone) ? .set(try c.decodeIfPresent(String.self, forKey: .timeZone)) : .unchanged
        }
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("profile") { _, context in try APIJSON.response(try await view(for: try services.person(context))) }
        group.put("profile") { request, context in
            let me = try services.person(context)
            let input = try await APIJSON.decode(ProfileInput.self, from: request, context: context)
            // Check everything before saving anything, so a refused zone leaves the conditions as they were.
            if case .set(let zone?) = input.timeZone {
                do { try ReminderRules.checkTimeZone(zone, field: "timeZone") } catch let error as FieldError {
                    throw Problem(error)
                }
            }
            if let conditions = input.conditions {
                try await services.store.setConditions(conditions, profile: me.profile)
            }
            if case .set(let zone) = input.timeZone { try await services.store.setTimeZone(zone, profile: me.profile) }
            me.settingsChanged()
            return try APIJSON.response(try await view(for: me))
        }
    }

    func view(for me: PersonServices) async throws -> ProfileView {
        let saved = try await services.store.conditions(profile: me.profile)
        let zone = try await services.store.timeZone(profile: me.profile)
        return ProfileView(
            conditions: saved ?? [], conditionsSaved: saved != nil,
            acceptedConditions: Condition.allCases.map { ConditionChoice(id: $0, title: $0.title) },
            timeZone: zone ?? services.defaultTimeZone.identifier, timeZoneSaved: zone != nil)
    }

    /// Stores the conditions and drops every body built without them.
    func save(_ conditions: [Condition], for me: PersonServices) async throws {
        try await services.store.setConditions(conditions, profile: me.profile)
        me.settingsChanged()
    }
}
