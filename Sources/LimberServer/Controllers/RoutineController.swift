import Foundation
import Hummingbird
import LimberCore

/// Routines: built-in ones read-only, the profile's own ones made, changed and deleted here;
/// plus planning and compiled timelines, which the web player plays.
struct RoutineController {
    let services: APIServices

    /// A routine with what a client needs beside it.
    struct RoutineView: Encodable {
        var routine: Routine
        var isBuiltIn: Bool
        var totalSeconds: Int

        enum ExtraKeys: String, CodingKey { case isBuiltIn, totalSeconds }

        func encode(to encoder: any Encoder) throws {
            try routine.encode(to: encoder)
            var container = encoder.container(keyedBy: ExtraKeys.self)
            try container.encode(isBuiltIn, forKey: .isBuiltIn)
            try container.encode(totalSeconds, forKey: .totalSeconds)
        }
    }

    /// What a client sends to make or change a routine; the server chooses the id.
    struct RoutineInput: Decodable {
        var name: String
        var purpose: Goal?
        var summary: String?
        var items: [Routine.Item]

        init(name: String, purpose: Goal?, summary: String?, items: [Routine.Item]) {
            self.name = name
            self.purpose = purpose
            self.summary = summary
            self.items = items
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case name, purpose, summary, items }

        /// A misspelt field is refused rather than silently dropped.
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            purpose = try c.decodeUnlessNull(Goal.self, forKey: .purpose)
            summary = try c.decodeUnlessNull(String.self, forKey: .summary)
            items = try c.decode([Routine.Item].self, forKey: .items)
        }
    }

    struct PlanResponse: Encodable {
        var plan: Plan
        var timeline: Timeline
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("routines") { _, context in
            let me = try services.person(context)
            let compiler = try await me.makeCompiler()
            return try APIJSON.response(
                try await me.allRoutines().map {
                    try view($0.routine, isBuiltIn: !$0.isCustom, compiler: compiler)
                })
        }
        group.get("routines/{id}") { _, context in
            let me = try services.person(context)
            return try APIJSON.response(try await view(try await existing(context, for: me), isBuiltIn: nil, for: me))
        }
        group.post("routines") { request, context in
            let me = try services.person(context)
            let input = try await APIJSON.decode(RoutineInput.self, from: request, context: context)
            let id = "my-" + UUID().uuidString.prefix(8).lowercased()
            let saved = try await saveOrRefuse(input, id: id, for: me)
            var response = try APIJSON.response(try await view(saved, isBuiltIn: false, for: me), status: .created)
            response.headers[.location] = "/api/v1/routines/\(id)"
            return response
        }
        group.put("routines/{id}") { request, context in
            let me = try services.person(context)
            let routine = try await existing(context, for: me)
            guard services.catalog.routine(routine.id) == nil else { throw builtInIsReadOnly(routine.id) }
            let input = try await APIJSON.decode(RoutineInput.self, from: request, context: context)
            return try APIJSON.response(
                try await view(try await saveOrRefuse(input, id: routine.id, for: me), isBuiltIn: false, for: me))
        }
        group.delete("routines/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard services.catalog.routine(id) == nil else { throw builtInIsReadOnly(id) }
            guard try await services.store.deleteCustomRoutine(id: id, profile: try context.person) else {
                throw Problem.notFound("Routine \"\(id)\"")
            }
            return Response(status: .noContent)
        }
        group.get("routines/{id}/timeline") { request, context in
            try await timelineBody(routineID: try context.parameters.require("id"), for: try services.person(context))
                .response(to: request)
        }
        group.get("timeline") { request, context in
            try await timelineBody(for: request.uri.queryParameters, for: try services.person(context))
                .response(to: request)
        }
        group.post("plan") { request, context in
            let me = try services.person(context)
            var planRequest = try await APIJSON.decode(PlanRequest.self, from: request, context: context)
            planRequest.conditions = merged(planRequest.conditions, try await me.conditions())
            let plan = try makePlan(planRequest, names: Self.jsonNames)
            return try APIJSON.response(PlanResponse(plan: plan, timeline: try await compile(plan.routine, for: me)))
        }
    }

    // MARK: - Shared with the pages

    /// The timeline for `?routine=ID`, or for a plan from `?region=R&side=S&goal=G`.
    func timeline(for query: Parameters, for me: PersonServices) async throws -> Timeline {
        let conditions = try await me.conditions()
        if let id = query["routine"].map(String.init) {
            guard let routine = try await me.routine(id: id) else { throw Problem.notFound("Routine \"\(id)\"") }
            return try await compile(routine, for: me)
        }
        return try await compile(try makePlan(try planRequest(from: query, conditions: conditions)).routine, for: me)
    }

    /// The encoded timeline for the same queries as `timeline(for:)`. The player asks for one
    /// every time it opens, so a built-in routine's or a plan's is encoded once per set of doses.
    func timelineBody(for query: Parameters, for me: PersonServices) async throws -> CachedBody {
        if let id = query["routine"].map(String.init) { return try await timelineBody(routineID: id, for: me) }
        // The saved conditions are part of the request, so each set of them has its own body.
        let request = try planRequest(from: query, conditions: try await me.conditions())
        return try await me.doses.body(for: .planTimeline(request)) { personal in
            try CachedBody(json: compile(try makePlan(request).routine, with: compiler(personal.overrides)))
        }
    }

    func timelineBody(routineID id: String, for me: PersonServices) async throws -> CachedBody {
        if let routine = services.catalog.routine(id) {
            return try await me.doses.body(for: .routineTimeline(id)) { personal in
                let fitted = try me.fitted(routine, conditions: personal.conditions)
                return try CachedBody(json: compile(fitted.routine, with: compiler(personal.overrides)))
            }
        }
        guard let routine = try await me.routine(id: id) else { throw Problem.notFound("Routine \"\(id)\"") }
        return try CachedBody(json: try await compile(routine, for: me))
    }

    private func compiler(_ overrides: [String: DoseOverride]) -> TimelineCompiler {
        TimelineCompiler(catalog: services.catalog, personalDoses: overrides)
    }

    /// A plan asked for in a query; `conditions` are the person's saved ones.
    func planRequest(from query: Parameters, conditions: Set<Condition>) throws -> PlanRequest {
        let regions = query.getAll("region").map { String($0) }
        guard !regions.isEmpty else {
            // Either parameter alone is optional in the document, which cannot say "one of the two".
            throw Problem(.unprocessableContent, "Give ?routine=ID or at least one ?region=R.", field: "region")
        }
        var side: Side?
        if let text = query["side"].map(String.init), !text.isEmpty {
            guard let value = Side(rawValue: text) else {
                throw Problem(.badRequest, "side: \"\(text)\" is not accepted; use left or right", field: "side")
            }
            side = value
        }
        var goal = Goal.relief
        if let text = query["goal"].map(String.init) {
            guard let value = Goal(rawValue: text) else {
                throw Problem(
                    .badRequest, "goal: \"\(text)\" is not accepted; use \(Goal.acceptedValues)", field: "goal")
            }
            goal = value
        }
        return PlanRequest(regions: regions, side: side, goal: goal, conditions: merged([], conditions))
    }

    /// The conditions a request names and the saved ones, once each, in a fixed order (so equal
    /// requests make equal cache keys).
    func merged(_ asked: [Condition], _ saved: Set<Condition>) -> [Condition] {
        Condition.allCases.filter { asked.contains($0) || saved.contains($0) }
    }

    /// The planner's fields as a JSON body names them; a query names them as the planner does.
    static let jsonNames = ["region": "regions", "exercise": "exerciseId"]

    /// A plan, or the planner's refusal naming the field as the request did: `names` renames the
    /// planner's field (`region`) to the request's (`regions` in a JSON body).
    func makePlan(_ request: PlanRequest, names: [String: String] = [:]) throws -> Plan {
        do {
            return try services.planner.plan(request)
        } catch {
            // A budget too small or nothing suitable: the request is well-formed, the catalog has nothing for it.
            let isUnprocessable: Bool
            switch error {
            case .budgetTooSmall, .nothingSuitable: isUnprocessable = true
            default: isUnprocessable = false
            }
            throw Problem(
                isUnprocessable ? .unprocessableContent : .badRequest, error.description(naming: names),
                field: error.field.map { names[$0] ?? $0 } ?? (names["region"] ?? "region"))
        }
    }

    /// The routine as the person will play it, with their own doses.
    func compile(_ routine: Routine, for me: PersonServices) async throws -> Timeline {
        try compile(routine, with: try await me.makeCompiler())
    }

    func compile(_ routine: Routine, with compiler: TimelineCompiler) throws -> Timeline {
        do {
            return try compiler.compile(routine)
        } catch {
            throw Problem(.unprocessableContent, error.description)
        }
    }

    func view(_ routine: Routine, isBuiltIn: Bool?, for me: PersonServices) async throws -> RoutineView {
        try view(routine, isBuiltIn: isBuiltIn, compiler: try await me.makeCompiler())
    }

    func view(_ routine: Routine, isBuiltIn: Bool?, compiler: TimelineCompiler) throws -> RoutineView {
        RoutineView(
            routine: routine, isBuiltIn: isBuiltIn ?? (services.catalog.routine(routine.id) != nil),
            totalSeconds: try compile(routine, with: compiler).totalSeconds)
    }

    /// As `save`, with a refusal as the API's problem, naming the JSON field.
    private func saveOrRefuse(_ input: RoutineInput, id: String, for me: PersonServices) async throws -> Routine {
        do {
            return try await save(input, id: id, for: me)
        } catch let error as FieldError {
            throw Problem(error)
        }
    }

    /// Checks and stores a routine made or changed by a person. A routine the rules refuse throws
    /// their `FieldError`, named as its JSON is (`items[1].dose.holdSeconds`).
    func save(_ input: RoutineInput, id: String, for me: PersonServices) async throws -> Routine {
        // The name is checked as sent, so its length is the one the document limits, and stored trimmed.
        var routine = Routine(
            id: id, name: input.name,
            purpose: input.purpose ?? .prevention,
            summary: input.summary ?? "Your own routine.",
            regions: Array(
                Set(input.items.compactMap { services.catalog.exercise($0.exerciseId)?.regions.primary.first })
            ).sorted(),
            items: input.items)
        try CustomRoutineRules.validate(routine, catalog: services.catalog)
        routine.name = routine.name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await services.store.saveCustomRoutine(routine, profile: me.profile)
    }

    private func existing(_ context: LimberRequestContext, for me: PersonServices) async throws -> Routine {
        let id = try context.parameters.require("id")
        guard let routine = try await me.routine(id: id) else { throw Problem.notFound("Routine \"\(id)\"") }
        return routine
    }

    private func builtInIsReadOnly(_ id: String) -> Problem {
        Problem(
            .forbidden, "\"\(id)\" is a built-in routine and cannot be changed; make your own routine instead.",
            field: "id")
    }

}
