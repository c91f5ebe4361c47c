import Foundation
import Hummingbird
import LimberCore

/// The short warning-sign checklist before a relief session. Its one-tap default is "none of
/// these", an explicit answer; "check my answers" answers every question shown (ticked yes, the
/// rest no); a post with neither is an unanswered check and starts nothing. An urgent answer stops
/// the session and says what to do now; a see-a-doctor answer lets the session go on with the
/// advice shown beside the player. The first time, it also asks about health conditions.
struct SafetyCheckPages {
    let services: APIServices
    let pages: PageRenderer
    let safety: SafetyContent

    /// The player address without the check's own parameters.
    struct PlayQuery {
        var routine: String?
        var regions: [String]
        var side: String?
        var goal: String?

        init(_ query: Parameters) {
            routine = query["routine"].map(String.init)
            regions = query.getAll("region").map { String($0) }
            side = query["side"].map(String.init)
            goal = query["goal"].map(String.init)
        }

        init(form: CheckForm) {
            routine = form.routine.flatMap { $0.isEmpty ? nil : $0 }
            regions = (form.regions ?? []).filter { !$0.isEmpty }
            side = form.side
            goal = form.goal.flatMap { $0.isEmpty ? nil : $0 }
        }

        var string: String {
            var parts: [(String, String)] = []
            if let routine { parts.append(("routine", routine)) }
            for region in regions { parts.append(("region", region)) }
            if let side, !side.isEmpty { parts.append(("side", side)) }
            if let goal { parts.append(("goal", goal)) }
            // Only unreserved characters stay as they are, so a value can never break the query apart.
            let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return parts.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }
                .joined(separator: "&")
        }
    }

    struct CheckForm: Decodable {
        var routine: String?
        var regions: [String]?
        var side: String?
        var goal: String?
        var choice: String?
        var flags: [String]?
        /// Present only the first time, when the page asks about health conditions.
        var askedConditions: String?
        var conditions: [String]?
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.post("play/check") { request, context in
            let form = try await FormBody.decode(CheckForm.self, from: request, context: context)
            return try await evaluate(form, for: try services.person(context))
        }
    }

    /// The regions a session is for: the routine's own, or those asked for.
    func regions(for query: PlayQuery, me: PersonServices) async throws -> [String] {
        if let id = query.routine, let routine = try await me.routine(id: id) { return routine.regions }
        return query.regions
    }

    /// True when the session is for a spasm happening now, so the check comes first.
    func needsCheck(_ query: PlayQuery, for me: PersonServices) async throws -> Bool {
        if let id = query.routine { return try await me.routine(id: id)?.purpose == .relief }
        return (query.goal ?? Goal.relief.rawValue) == Goal.relief.rawValue
    }

    struct Question {
        var id: String
        var question: String
    }

    struct ConditionChoice {
        var id: String
        var title: String
    }

    /// What the check form shows: on its own page, or at the top of the player.
    struct CheckContext {
        var routine: String
        var regions: [String]
        /// The session's regions, comma-separated, for the player's script to send to the API.
        var checkedRegions: String
        var side: String
        var goal: String
        var urgent: [Question]
        var seeDoctor: [Question]
        var regionAdvice: [String]
        var askConditions: Bool
        var conditions: [ConditionChoice]
        /// A caution for the person's saved conditions must be read before the start, so the
        /// player's one-tap start is not offered.
        var mustReadFirst = false
    }

    func checkContext(_ query: PlayQuery, for me: PersonServices) async throws -> CheckContext {
        let regions = try await regions(for: query, me: me)
        let flags = safety.flags(for: regions)
        func questions(_ level: AdviceLevel) -> [Question] {
            flags.filter { $0.level == level }.map { Question(id: $0.id, question: $0.question) }
        }
        return CheckContext(
            routine: query.routine ?? "", regions: query.regions, checkedRegions: regions.joined(separator: ","),
            side: query.side ?? "", goal: query.goal ?? "", urgent: questions(.urgent),
            seeDoctor: questions(.seeDoctor),
            regionAdvice: safety.advice(for: regions).map(\.message),
            askConditions: try await services.store.conditions(profile: me.profile) == nil,
            conditions: Condition.allCases.map { ConditionChoice(id: $0.rawValue, title: $0.shortTitle) })
    }

    /// The check on a page of its own: shown again, with `error`, after a post that answered nothing.
    func checklist(
        _ query: PlayQuery, title: String, error: String? = nil, for me: PersonServices
    ) async throws
        -> Response
    {
        struct Context {
            var title: String
            var routineName: String
            var check: CheckContext
            var error: String
            var hasError: Bool
        }
        return pages.page(
            "safety-check",
            Context(
                title: "Before you start", routineName: title, check: try await checkContext(query, for: me),
                error: error ?? "", hasError: error != nil),
            status: error == nil ? .ok : .badRequest)
    }

    func evaluate(_ form: CheckForm, for me: PersonServices) async throws -> Response {
        let query = PlayQuery(form: form)
        let regions = try await regions(for: query, me: me)
        if form.askedConditions != nil {
            let chosen: [Condition]
            do { chosen = try Condition.parse(form.conditions ?? []) } catch let error as FieldError {
                throw Problem(error)
            }
            try await ProfileController(services: services).save(chosen, for: me)
        }
        // "None of these apply" answers everything no; "check my answers" answers every question
        // shown, ticked yes and the rest no. Anything else answered nothing, and passes nothing.
        var answers: [String: Bool] = [:]
        switch form.choice {
        case "none":
            break
        case "check":
            for flag in safety.flags(for: regions) { answers[flag.id] = false }
        default:
            let name = try await me.routine(id: query.routine ?? "")?.name ?? "Quick relief"
            return try await checklist(
                query, title: name,
                error:
                    "Nothing was answered. Press \"None of these apply: start\", or tick what applies and press \"Check my answers\".",
                for: me)
        }
        for id in form.flags ?? [] { answers[id] = true }
        let verdict = SafetyCheck.evaluate(answers, content: safety, regions: regions, noneApply: form.choice == "none")
        if !verdict.unknownIDs.isEmpty {
            throw Problem(
                .badRequest, "flags: \(verdict.unknownIDs.joined(separator: ", ")) are not questions Limber asks")
        }
        if !verdict.canStartSession {
            struct Reason {
                var question: String
                var message: String
                var sources: String
            }
            struct Context {
                var title: String
                var reasons: [Reason]
            }
            let stopping = verdict.reasons.filter { $0.level == .urgent || $0.stopsSession }
            let reasons = stopping.map {
                Reason(
                    question: $0.question, message: $0.message,
                    sources: $0.sources.map(\.citation).joined(separator: "; "))
            }
            let isUrgent = verdict.level == .urgent
            return pages.page(
                "safety-stop",
                Context(title: isUrgent ? "Please get help now" : "Stretching is not the answer here", reasons: reasons)
            )
        }
        var location = "/play?" + query.string + "&checked=" + Self.checkedStamp(at: services.clock.now())
        let advice = verdict.reasons.map(\.id)
        if !advice.isEmpty { location += "&advice=" + advice.joined(separator: ",") }
        return PageRenderer.redirect(to: location)
    }

    /// How long an answered check lets the player open without asking again: long enough to get
    /// into position and back from the settings, short enough that a reload, the browser's history
    /// or a bookmark days later asks again. 15 minutes is a project default.
    static let checkLasts = 15 * 60

    /// The `checked=` value a passed check adds to the player's address: when it passed.
    static func checkedStamp(at now: Date) -> String { String(Int(now.timeIntervalSince1970)) }

    /// True when `checked=` names a check passed within `checkLasts` (and not in the future,
    /// beyond a minute of clock difference).
    static func isFresh(_ stamp: String?, at now: Date) -> Bool {
        guard let stamp, let passed = Int(stamp) else { return false }
        let seconds = Int(now.timeIntervalSince1970) - passed
        return (-60...checkLasts).contains(seconds)
    }

    /// The advice shown for the session's regions whatever the answers.
    func regionAdvice(_ query: PlayQuery, for me: PersonServices) async throws -> [String] {
        safety.advice(for: try await regions(for: query, me: me)).map(\.message)
    }

    /// The see-a-doctor messages named in `?advice=`, for the player to show beside the session.
    func advice(_ parameters: Parameters) -> [String] {
        guard let ids = parameters["advice"] else { return [] }
        return ids.split(separator: ",").compactMap { safety.flag(String($0)) }.filter { $0.level == .seeDoctor }
            .map(\.message)
    }
}
