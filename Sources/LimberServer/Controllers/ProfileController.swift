import Hummingbird
import LimberCore

/// The person's saved health conditions over JSON. Saving them changes what Limber's own
/// routines and plans contain, so the cached timelines and pages are rebuilt at once.
struct ProfileController {
    let services: APIServices

    struct ProfileView: Codable {
        var conditions: [Condition]
        /// False until the person has saved their conditions once (even an empty list), so a
        /// client knows whether to ask.
        var conditionsSaved: Bool
        /// Every accepted condition id and how it reads, so a client can offer them.
        var acceptedConditions: [ConditionChoice]
    }

    struct ConditionChoice: Codable {
        var id: Condition
        var title: String
    }

    struct ProfileInput: Decodable {
        var conditions: [Condition]

        enum CodingKeys: String, CodingKey, CaseIterable { case conditions }

        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            conditions = try c.decode([Condition].self, forKey: .conditions)
        }
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("profile") { _, _ in try APIJSON.response(try await view()) }
        group.put("profile") { request, context in
            let input = try await APIJSON.decode(ProfileInput.self, from: request, context: context)
            try await save(input.conditions)
            return try APIJSON.response(try await view())
        }
    }

    func view() async throws -> ProfileView {
        let saved = try await services.store.conditions(profile: services.profile)
        return ProfileView(
            conditions: saved ?? [], conditionsSaved: saved != nil,
            acceptedConditions: Condition.allCases.map { ConditionChoice(id: $0, title: $0.title) })
    }

    /// Stores the conditions and drops every body built without them.
    func save(_ conditions: [Condition]) async throws {
        try await services.store.setConditions(conditions, profile: services.profile)
        services.doses.invalidate()
    }
}
