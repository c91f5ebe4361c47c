import Foundation
import Hummingbird
import LimberCore

/// The routines page, each routine's page, the form to make or change your own, and the player.
struct RoutinePages {
    let services: APIServices
    let pages: PageRenderer
    let safetyCheck: SafetyCheckPages

    var api: RoutineController { RoutineController(services: services) }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("routines") { request, context in
            try await list(saved: request.uri.queryParameters["saved"] != nil, for: try services.person(context))
        }
        router.get("routines/new") { _, _ in form(routine: nil, error: nil) }
        router.post("routines") { request, context in try await submit(request, context: context, id: nil) }
        router.get("routines/{id}") { _, context in
            try await detail(try context.parameters.require("id"), for: try services.person(context))
        }
        router.get("routines/{id}/edit") { _, context in
            let id = try context.parameters.require("id")
            guard let routine = try await services.store.customRoutine(id: id, profile: try context.person) else {
                throw Problem.notFound("Your routine \"\(id)\"")
            }
            return form(routine: routine, error: nil)
        }
        router.post("routines/{id}/edit") { request, context in
            try await submit(request, context: context, id: try context.parameters.require("id"))
        }
        router.post("routines/{id}/delete") { _, context in
            _ = try await services.store.deleteCustomRoutine(
                id: try context.parameters.require("id"), profile: try context.person)
            return PageRenderer.redirect(to: "/routines")
        }
        router.get("play") { request, context in
            try await player(request.uri.queryParameters, for: try services.person(context))
        }
    }

    func list(saved: Bool, for me: PersonServices) async throws -> Response {
        struct Context {
            var title = "Routines"
            var builtIn: [RoutineLink]
            var custom: [RoutineLink]
            var saved: Bool
        }
        let compiler = try await me.makeCompiler()
        let links = try await me.allRoutines().map {
            RoutineLink($0.routine, isCustom: $0.isCustom, compiler: compiler)
        }
        return pages.page(
            "routines",
            Context(builtIn: links.filter { !$0.isCustom }, custom: links.filter(\.isCustom), saved: saved))
    }

    func detail(_ id: String, for me: PersonServices) async throws -> Response {
        struct Item {
            var exerciseId: String
            var name: String
            var dose: String
            var isPersonal: Bool
            var figureURL: String?
        }
        struct Context {
            var title: String
            var routine: Routine
            var isCustom: Bool
            var totalText: String
            var items: [Item]
            var sources: [SourceLine]
            var projectDefaults: [String]
        }
        guard let routine = try await me.routine(id: id) else { throw Problem.notFound("The routine \"\(id)\"") }
        let prescriptions = try await me.makeCompiler().prescriptions(for: routine)
        return pages.page(
            "routine",
            Context(
                title: routine.name, routine: routine, isCustom: services.catalog.routine(id) == nil,
                totalText: formatDuration(prescriptions.reduce(0) { $0 + $1.dose.totalSeconds }),
                items: prescriptions.map {
                    Item(
                        exerciseId: $0.exercise.id, name: $0.exercise.name,
                        dose: $0.dose.summary(sideNoun: $0.exercise.sideNoun), isPersonal: $0.isPersonal,
                        figureURL: FigureImages.thumbnailURL($0.exercise))
                },
                sources: routine.sources.map(SourceLine.init), projectDefaults: routine.projectDefaults))
    }

    // MARK: - Making your own

    /// One row per catalog exercise: include it, where in the order, and its dose.
    struct FormRow: Decodable {
        var id: String
        var include: String?
        var order: String?
        var amount: String?
        var sets: String?
    }

    struct RoutineForm: Decodable {
        var name: String?
        var purpose: String?
        /// Keyed by a row name rather than an index: the form decoder reads maps inside arrays only by key.
        var rows: [String: FormRow]?
    }

    func form(routine: Routine?, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        struct Row {
            var index: Int
            var id: String
            var name: String
            var included: Bool
            var order: String
            var amount: String
            var amountLabel: String
            var amountMax: Int
            var sets: String
            var defaultDose: String
        }
        struct Purpose {
            var value: String
            var selected: Bool
        }
        struct Context {
            var title: String
            var action: String
            var name: String
            var purposes: [Purpose]
            var rows: [Row]
            var error: String
            var hasError: Bool
            var setsMax: Int
        }
        let items = routine?.items ?? []
        let rows = services.catalog.exercises.enumerated().map { index, exercise -> Row in
            let position = items.firstIndex { $0.exerciseId == exercise.id }
            let item = position.map { items[$0] }
            let dose = exercise.dose.applying(item?.dose)
            let isHold: Bool
            let amount: Int
            switch dose.work {
            case .hold(let seconds): (isHold, amount) = (true, seconds)
            case .repetitions(let count, _): (isHold, amount) = (false, count)
            }
            return Row(
                index: index, id: exercise.id, name: exercise.name, included: position != nil,
                order: position.map { String($0 + 1) } ?? "", amount: String(amount),
                amountLabel: isHold ? "Hold (seconds)" : "Repetitions",
                amountMax: isHold ? DoseLimits.holdSeconds.upperBound : DoseLimits.repetitions.upperBound,
                sets: String(dose.sets), defaultDose: exercise.dose.summary(sideNoun: exercise.sideNoun))
        }
        let purpose = routine?.purpose ?? .prevention
        return pages.page(
            "routine-form",
            Context(
                title: routine == nil ? "Make your own routine" : "Change \(routine!.name)",
                action: routine.map { "/routines/\($0.id)/edit" } ?? "/routines", name: routine?.name ?? "",
                purposes: Goal.allCases.map { Purpose(value: $0.rawValue, selected: $0 == purpose) }, rows: rows,
                error: error ?? "", hasError: error != nil, setsMax: DoseLimits.sets.upperBound),
            status: status)
    }

    func submit(_ request: Request, context: LimberRequestContext, id: String?) async throws -> Response {
        let posted = try await FormBody.decode(RoutineForm.self, from: request, context: context)
        let draft = routine(from: posted, id: id ?? "")
        do {
            let input = RoutineController.RoutineInput(
                name: draft.name, purpose: draft.purpose, summary: nil, items: draft.items)
            _ = try await api.save(
                input, id: id ?? "my-" + UUID().uuidString.prefix(8).lowercased(), for: try services.person(context))
        } catch let error as FieldError {
            // Show the form again with what was typed and the reason, naming the field by its label.
            return form(routine: draft, error: error.renamed(labels(for: draft)).description, status: .badRequest)
        }
        return PageRenderer.redirect(to: "/routines?saved=1")
    }

    /// The form's labels for a routine's fields: the rules say `items[1].dose.holdSeconds`, the
    /// form shows "Hold (seconds) for Calf stretch at a wall".
    func labels(for draft: Routine) -> [String: String] {
        var labels = ["name": "Name", "purpose": "What it is for", "items": "Exercises"]
        for (index, item) in draft.items.enumerated() {
            let name = services.catalog.exercise(item.exerciseId)?.name ?? item.exerciseId
            labels["items[\(index)].dose.holdSeconds"] = "Hold (seconds) for \(name)"
            labels["items[\(index)].dose.repetitions"] = "Repetitions for \(name)"
            labels["items[\(index)].dose.sets"] = "Sets of \(name)"
            labels["items[\(index)].exerciseId"] = name
        }
        return labels
    }

    /// What the form describes, with numbers that do not parse kept out so the rules can name them.
    func routine(from form: RoutineForm, id: String) -> Routine {
        let rows = (form.rows.map { Array($0.values) } ?? []).filter { $0.include == "on" }
            .sorted { (Int($0.order ?? "") ?? .max) < (Int($1.order ?? "") ?? .max) }
        let items = rows.map { row -> Routine.Item in
            var override = DoseOverride()
            if let exercise = services.catalog.exercise(row.id), let amount = row.amount.flatMap({ Int($0) }) {
                switch exercise.dose.work {
                case .hold(let seconds) where amount != seconds: override.holdSeconds = amount
                case .repetitions(let count, _) where amount != count: override.repetitions = amount
                default: break
                }
                if let sets = row.sets.flatMap({ Int($0) }), sets != exercise.dose.sets { override.sets = sets }
            }
            return Routine.Item(exerciseId: row.id, dose: override.isEmpty ? nil : override)
        }
        return Routine(
            id: id, name: form.name ?? "", purpose: form.purpose.flatMap(Goal.init(rawValue:)) ?? .prevention,
            summary: "Your own routine.", regions: [], items: items)
    }

    // MARK: - Player

    func player(_ query: Parameters, for me: PersonServices) async throws -> Response {
        struct ExerciseSteps {
            var id: String
            var name: String
            var steps: [String]
        }
        struct Context {
            var title: String
            var routineName: String
            var timelineUrl: String
            var handoutUrl: String
            var totalText: String
            var cautions: [String]
            var swaps: [String]
            var advice: [String]
            var exercises: [ExerciseSteps]
            var figures: [PlayerFigure]
            var conditionsText: String
            var settingsUrl: String
            var doctorNote: String
            /// The warning-sign check, shown above the player until it is answered.
            var check: SafetyCheckPages.CheckContext?
        }
        let timeline = try await api.timeline(for: query, for: me)
        let check = SafetyCheckPages.PlayQuery(query)
        var checkForm: SafetyCheckPages.CheckContext?
        let checked = query["checked"].map(String.init)
        if !SafetyCheckPages.isFresh(checked, at: services.clock.now()),
            try await safetyCheck.needsCheck(check, for: me)
        {
            checkForm = try await safetyCheck.checkContext(check, for: me)
        }
        // The player's own query, encoded once, names the timeline and the way back from the settings.
        let url = "/api/v1/timeline?" + check.string
        let exerciseIDs = timeline.steps.compactMap(\.exerciseId).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let conditions = try await me.conditions()
        let exercises = exerciseIDs.compactMap(services.catalog.exercise)
        // Cautions for everyone and for the person's saved conditions, before the start: in their
        // own routine an exercise to avoid may still be there, and its caution must be read first.
        let cautions = Caution.sharedLines(for: exercises, conditions: conditions)
        let swaps = try await swapNotes(for: query, conditions: conditions, me: me)
        // What the saved conditions changed, or a caution only for them, is read before the start.
        checkForm?.mustReadFirst =
            !swaps.isEmpty
            || exercises.contains { exercise in
                exercise.cautions(for: conditions).contains { !$0.conditions.isEmpty }
            }
        // Back from the settings to this same player; a check passed here still counts there.
        let here = "/play?" + check.string + (checked.map { "&checked=\($0)" } ?? "")
        let settingsUrl = "/settings?back=" + (here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let saved = Condition.allCases.filter(conditions.contains).map(\.title)
        return pages.page(
            "play",
            Context(
                title: timeline.routineName, routineName: timeline.routineName, timelineUrl: url,
                handoutUrl: "/handout?" + check.string,
                totalText: formatDuration(timeline.totalSeconds), cautions: cautions,
                swaps: swaps,
                advice: safetyCheck.advice(query) + (try await safetyCheck.regionAdvice(check, for: me)),
                exercises: exercises.map { ExerciseSteps(id: $0.id, name: $0.name, steps: $0.steps) },
                figures: exercises.compactMap { exercise in
                    services.figures.movingFigure(exercise.id).map { PlayerFigure(id: exercise.id, html: $0) }
                },
                conditionsText: saved.isEmpty
                    ? "No health conditions saved." : "Fitted to \(saved.joined(separator: ", ")).",
                settingsUrl: settingsUrl,
                doctorNote:
                    "Stop if it hurts. A cramp that lasts more than 10 minutes, or comes with swelling, weakness or numbness, needs a doctor.",
                check: checkForm))
    }

    /// What the person's conditions changed in the routine being played, in plain sentences.
    func swapNotes(for query: Parameters, conditions: Set<Condition>, me: PersonServices) async throws -> [String] {
        guard !conditions.isEmpty else { return [] }
        if let id = query["routine"].map(String.init) {
            // The routine as written: `me.routine(id:)` is already fitted, so has no swaps left.
            guard let builtIn = services.catalog.routine(id) else { return [] }
            return try me.fitted(builtIn, conditions: conditions).swaps.map(\.note)
        }
        let request = try api.planRequest(from: query, conditions: conditions)
        return ((try? api.makePlan(request).leftOut) ?? []).map(\.note)
    }
}

/// One exercise's moving figure in the player, shown while its steps play.
struct PlayerFigure {
    var id: String
    var html: String
}
