import Hummingbird
import LimberCore

/// The warning signs over JSON, and their evaluation, so any client asks the same questions and
/// reaches the same verdict as the web page and the terminal.
struct SafetyController {
    let safety: SafetyContent
    let catalog: Catalog

    /// A misspelt region would quietly ask only the general questions, so it is refused instead.
    func checkRegions(_ regions: [String], field: String) throws {
        for region in regions where catalog.region(region) == nil {
            let error = PlanningError.unsupportedRegion(region, supported: catalog.coveredRegions.map(\.id))
            throw Problem(.badRequest, error.description, field: field)
        }
    }

    struct CheckRequest: Decodable {
        var answers: [String: Bool]
        var regions: [String]?
        /// The person said none of the signs apply: every question without an answer is a no.
        /// Without it, unanswered questions leave the check incomplete.
        var noneApply: Bool

        enum CodingKeys: String, CodingKey, CaseIterable { case answers, regions, noneApply }

        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            answers = try c.decode([String: Bool].self, forKey: .answers)
            regions = try c.decodeUnlessNull([String].self, forKey: .regions)
            noneApply = try c.decodeUnlessNull(Bool.self, forKey: .noneApply) ?? false
        }
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) throws {
        // The warning signs for everyone, and for each region alone, never change while the
        // server runs: encoded once. Several regions at once are put together per request.
        @Sendable func content(for regions: [String]) -> SafetyContent {
            var content = safety
            if !regions.isEmpty {
                content.redFlags = safety.flags(for: regions)
                content.regionAdvice = safety.advice(for: regions)
            }
            return content
        }
        let everyone = try CachedBody(json: content(for: []))
        let byRegion = try Dictionary(
            uniqueKeysWithValues: catalog.regions.map { ($0.id, try CachedBody(json: content(for: [$0.id]))) })
        group.get("safety") { request, _ in
            let regions = request.uri.queryParameters.getAll("region").map { String($0) }
            try checkRegions(regions, field: "region")
            if regions.isEmpty { return everyone.response(to: request) }
            if regions.count == 1, let body = byRegion[regions[0]] { return body.response(to: request) }
            return try APIJSON.response(content(for: regions))
        }
        group.post("safety/check") { request, context in
            let body = try await APIJSON.decode(CheckRequest.self, from: request, context: context)
            try checkRegions(body.regions ?? [], field: "regions")
            let verdict = SafetyCheck.evaluate(
                body.answers, content: safety, regions: body.regions ?? [], noneApply: body.noneApply)
            if let unknown = verdict.unknownIDs.first {
                throw Problem(
                    .badRequest, "answers: \"\(unknown)\" is not a question Limber asks; GET /api/v1/safety lists them",
                    field: "answers.\(unknown)")
            }
            return try APIJSON.response(verdict)
        }
    }
}
