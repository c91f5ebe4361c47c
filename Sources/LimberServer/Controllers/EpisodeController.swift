import Foundation
import Hummingbird
import LimberCore
import LimberStore

/// The cramp diary over JSON: list, add, read, change, delete.
struct EpisodeController {
    let services: APIServices

    /// An episode as a client sends it. A client may choose the id, which makes a retried post
    /// safe: the second one finds the first and stores nothing new.
    struct EpisodeInput: Decodable {
        var id: UUID?
        var occurredAt: Date
        var durationSeconds: Int
        var regions: [String]
        var side: Side?
        var severity: Int
        var triggers: [Trigger]?
        var wokeFromSleep: Bool?
        var relievedBy: String?
        var notes: String?

        func episode(id fallback: UUID) -> Episode {
            Episode(
                id: id ?? fallback, occurredAt: occurredAt, durationSeconds: durationSeconds, regions: regions,
                side: side, severity: severity, triggers: triggers ?? [], wokeFromSleep: wokeFromSleep ?? false,
                relievedBy: relievedBy.flatMap { $0.isEmpty ? nil : $0 }, notes: notes.flatMap { $0.isEmpty ? nil : $0 }
            )
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, occurredAt, durationSeconds, regions, side, severity, triggers, wokeFromSleep, relievedBy, notes
        }

        /// A misspelt field is refused rather than silently dropped.
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeUnlessNull(UUID.self, forKey: .id)
            occurredAt = try c.decode(Date.self, forKey: .occurredAt)
            durationSeconds = try c.decode(Int.self, forKey: .durationSeconds)
            regions = try c.decode([String].self, forKey: .regions)
            side = try c.decodeUnlessNull(Side.self, forKey: .side)
            severity = try c.decode(Int.self, forKey: .severity)
            triggers = try c.decodeUnlessNull([Trigger].self, forKey: .triggers)
            wokeFromSleep = try c.decodeUnlessNull(Bool.self, forKey: .wokeFromSleep)
            relievedBy = try c.decodeUnlessNull(String.self, forKey: .relievedBy)
            notes = try c.decodeUnlessNull(String.self, forKey: .notes)
        }
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("episodes") { request, context in
            let me = try services.person(context)
            let query = request.uri.queryParameters
            var since: Date?
            if let text = query["since"] {
                do {
                    since = try DiaryRules.parseDate(
                        String(text), field: "since", timeZone: try await me.timeZone(), now: services.clock.now())
                } catch let error as FieldError {
                    throw Problem(error)
                }
            }
            let region = query["region"].map(String.init)
            if let region, services.catalog.region(region) == nil {
                throw CatalogController.unknownRegion(region, in: services.catalog)
            }
            let page = try ListPage(query)
            let episodes = try await services.store.episodes(
                profile: me.profile, region: region, in: page.window(since: since))
            return try page.response(
                episodes, position: { RecordPosition(date: $0.occurredAt, id: $0.id) }, request: request)
        }
        group.post("episodes") { request, context in
            let me = try services.person(context)
            let input = try await APIJSON.decode(EpisodeInput.self, from: request, context: context)
            let episode = try validated(input.episode(id: UUID()))
            // One insert decides, so even retries arriving at the same moment get one 201 between them.
            let insertion = try await services.store.insertEpisode(episode, profile: me.profile)
            guard insertion.isNew else { return try APIJSON.response(insertion.value) }
            var response = try APIJSON.response(insertion.value, status: .created)
            response.headers[.location] = "/api/v1/episodes/\(insertion.value.id.uuidString.lowercased())"
            return response
        }
        group.get("episodes/{id}") { _, context in
            let id = try episodeID(context)
            guard let episode = try await services.store.episode(id: id, profile: try context.person) else {
                throw Problem.notFound("Episode \(id.uuidString.lowercased())")
            }
            return try APIJSON.response(episode)
        }
        group.put("episodes/{id}") { request, context in
            let id = try episodeID(context)
            let input = try await APIJSON.decode(EpisodeInput.self, from: request, context: context)
            if let sent = input.id, sent != id {
                throw Problem(.unprocessableContent, "id: the body's id does not match the address", field: "id")
            }
            let episode = try validated(input.episode(id: id))
            guard let saved = try await services.store.updateEpisode(episode, profile: try context.person) else {
                throw Problem.notFound("Episode \(id.uuidString.lowercased())")
            }
            return try APIJSON.response(saved)
        }
        group.delete("episodes/{id}") { _, context in
            let id = try episodeID(context)
            guard try await services.store.deleteEpisode(id: id, profile: try context.person) else {
                throw Problem.notFound("Episode \(id.uuidString.lowercased())")
            }
            return Response(status: .noContent)
        }
    }

    func validated(_ episode: Episode) throws -> Episode {
        do {
            try DiaryRules.validate(episode, catalog: services.catalog, now: services.clock.now())
        } catch {
            throw Problem(error)
        }
        return episode
    }

    private func episodeID(_ context: LimberRequestContext) throws -> UUID {
        let text = try context.parameters.require("id")
        guard let id = UUID(uuidString: text) else {
            throw Problem(.badRequest, "id: \"\(text)\" is not an episode id", field: "id")
        }
        return id
    }
}
