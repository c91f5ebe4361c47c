import Hummingbird
import LimberCore

/// The home page with the body map, and a page for every region and exercise.
struct CatalogPages {
    let services: APIServices
    let pages: PageRenderer

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("/") { request, context in try await home(for: try services.person(context)).response(to: request) }
        router.get("regions/{id}") { request, context in
            try await region(try context.parameters.require("id"), for: try services.person(context))
                .response(to: request)
        }
        router.get("exercises/{id}") { request, context in
            try await exercise(try context.parameters.require("id"), for: try services.person(context))
                .response(to: request)
        }
    }

    /// The page everyone opens first. It shows only the catalog and the times of the built-in
    /// routines, so it is rendered once for each set of personal doses.
    func home(for me: PersonServices) async throws -> CachedBody {
        struct Context {
            var title = "Where does it hurt?"
            var regions: [RegionLink]
            var routines: [RoutineLink]
        }
        let catalog = services.catalog
        return try await pages.kept(.home, "home", for: me) { personal in
            let compiler = TimelineCompiler(catalog: catalog, personalDoses: personal.overrides)
            let regions = catalog.coveredRegions.map {
                RegionLink(
                    id: $0.id, name: $0.name, about: $0.about, exerciseCount: catalog.exercises(for: $0.id).count)
            }
            let routines = catalog.routines.filter { !$0.id.hasPrefix("relief-") }.map { routine in
                let fitted = (try? me.fitted(routine, conditions: personal.conditions).routine) ?? routine
                return RoutineLink(fitted, isCustom: false, compiler: compiler)
            }
            return Context(regions: regions, routines: routines)
        }
    }

    func region(_ id: String, for me: PersonServices) async throws -> CachedBody {
        struct Context {
            var title: String
            var region: Region
            var isSided: Bool
            var exercises: [ExerciseCard]
            var cautions: [String]
            var reliefTotal: String
        }
        let catalog = services.catalog
        guard let region = catalog.region(id), catalog.coveredRegions.contains(where: { $0.id == id }) else {
            throw Problem.notFound("The region \"\(id)\"")
        }
        let exercises = catalog.exercises(for: id)
        return try await pages.kept(.region(id), "region", for: me) { personal in
            let compiler = TimelineCompiler(catalog: catalog, personalDoses: personal.overrides)
            let conditions = personal.conditions
            let plan = try? services.planner.plan(
                PlanRequest(regions: [id], conditions: Condition.allCases.filter(conditions.contains)))
            // The planner times the catalog's doses; the player plays the person's, so time those.
            let reliefSeconds = plan.flatMap { try? compiler.totalSeconds(of: $0.routine) }
            // The cautions for everyone, and those for the conditions the person saved.
            let cautions = Caution.sharedLines(for: exercises, conditions: conditions)
            return Context(
                title: region.name, region: region, isSided: region.isSided,
                exercises: exercises.map { ExerciseCard($0, regionID: id, compiler: compiler) },
                cautions: cautions,
                reliefTotal: reliefSeconds.map { formatDuration($0) } ?? "")
        }
    }

    func exercise(_ id: String, for me: PersonServices) async throws -> CachedBody {
        struct Context {
            var title: String
            var exercise: Exercise
            var regionNames: String
            // Optional, not empty: Mustache shows a section for an empty string, so an empty one would leave a
            // heading or a label with nothing after it.
            var muscles: String?
            var position: String
            var equipment: String?
            var dose: String
            var isPersonalDose: Bool
            var catalogDose: String
            var cautions: [String]
            var progression: String?
            var projectDefaults: String?
            var sources: [SourceLine]
            var figure: FigureView?
        }
        let catalog = services.catalog
        guard let exercise = catalog.exercise(id) else { throw Problem.notFound("The exercise \"\(id)\"") }
        let names = (exercise.regions.primary + exercise.regions.secondary).compactMap(catalog.region).map(\.name)
        return try await pages.kept(.exercise(id), "exercise", for: me) { personal in
            let prescription = TimelineCompiler(catalog: catalog, personalDoses: personal.overrides)
                .prescription(exercise)
            return Context(
                title: exercise.name, exercise: exercise, regionNames: names.joined(separator: ", "),
                muscles: exercise.muscles.isEmpty ? nil : exercise.muscles.joined(separator: ", "),
                position: exercise.position.title,
                equipment: exercise.equipment.isEmpty
                    ? nil
                    : exercise.equipment.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") }
                        .joined(separator: ", "),
                dose: prescription.dose.summary(sideNoun: exercise.sideNoun),
                isPersonalDose: prescription.isPersonal,
                catalogDose: exercise.dose.summary(sideNoun: exercise.sideNoun),
                cautions: exercise.cautions.map(\.displayLine),
                progression: exercise.progression,
                projectDefaults: exercise.projectDefaultsSentence,
                sources: exercise.sources.map(SourceLine.init),
                figure: FigureView(exercise, figures: services.figures))
        }
    }
}

/// An exercise's figure on its page: the starting position as an image, and the working pose drawn
/// inline so the page can play the movement.
struct FigureView {
    var startURL: String
    var startAlt: String
    var workLabel: String
    var movingFigure: String
    var demoJSON: String
    var proportionsSource = BodyProportions.source
    var rangeSource = JointRange.source

    init?(_ exercise: Exercise, figures: FigureImages) {
        guard let figure = exercise.figure, let moving = figures.movingFigure(exercise.id),
            let demo = figures.demoJSON(exercise.id), let renderer = FigureRenderer(exercise)
        else { return nil }
        startURL = FigureImages.url(exercise, step: "setup", side: figure.drawnSide)
        startAlt = renderer.title(step: "setup", side: figure.drawnSide)
        workLabel = Figure.poseName(figure.workingStep)
        movingFigure = moving
        demoJSON = demo
    }
}
