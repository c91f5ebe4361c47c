import ArgumentParser
import Foundation
import LimberCore

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions", abstract: "List the places on the body Limber has stretches for.")

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let catalog = try options.loadCatalog()
        let regions = catalog.coveredRegions
        if options.json { return try printJSON(regions) }
        let width = regions.map(\.id.count).max() ?? 0
        for region in regions {
            let count = catalog.exercises(for: region.id).count
            print("\(pad(region.id, width))  \(region.name) (\(count) exercise\(count == 1 ? "" : "s"))")
        }
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the exercises, or those for one region.")

    @OptionGroup var options: CatalogOptions

    @Option(help: "Only exercises that may help this region, such as calf or lower-back.")
    var region: String?

    func run() throws {
        let catalog = try options.loadCatalog()
        var exercises = catalog.exercises
        if let region {
            guard catalog.region(region) != nil else {
                throw UserError(PlanningError.unsupportedRegion(region, supported: catalog.coveredRegions.map(\.id)))
            }
            exercises = catalog.exercises(for: region)
        }
        if options.json { return try printJSON(exercises) }
        let width = exercises.map(\.id.count).max() ?? 0
        for exercise in exercises {
            print("\(pad(exercise.id, width))  \(exercise.name): \(exercise.dose.summary(sideNoun: exercise.sideNoun))")
        }
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one exercise: cautions, steps, dose and sources.")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The exercise id, as `limber list` prints it.")
    var id: String

    @Flag(help: "Print the exercise's figure as an SVG image instead.")
    var svg = false

    @Option(
        help:
            "With --svg, the pose to draw: setup, hold, or a repetition phase's name (default: the stretch, or the first phase)."
    )
    var step: String?

    @Option(help: "With --svg, the side to draw (the other side is mirrored).")
    var side: Side?

    func validate() throws {
        if !svg, step != nil { throw ValidationError("--step: only with --svg, which draws one pose") }
        if !svg, side != nil { throw ValidationError("--side: only with --svg, which draws one pose") }
    }

    func run() async throws {
        let catalog = try options.loadCatalog()
        guard let exercise = catalog.exercise(id) else {
            throw UserError(
                "exercise: no exercise has the id \"\(id)\"; run `limber list` to see them all")
        }
        if options.json { return try printJSON(exercise) }
        if svg {
            guard let renderer = FigureRenderer(exercise) else {
                throw UserError("exercise: \(exercise.id) has no figure to draw")
            }
            let steps = renderer.figure.keyframes.map(\.step)
            let step = self.step ?? renderer.figure.workingStep
            guard steps.contains(step) else {
                throw UserError(
                    "--step: \(exercise.id) has no pose \"\(step)\"; use one of \(steps.joined(separator: ", "))")
            }
            return print(renderer.svg(step: step, side: side, standalone: true))
        }
        let personalDoses = try await storeOptions.existingPersonalDoses()
        print(ExerciseText.render(exercise, catalog: catalog, personalDose: personalDoses[exercise.id]))
        let braille = BrailleSupport.isAvailable(environment: ProcessInfo.processInfo.environment)
        if let figure = ExerciseText.figure(exercise, braille: braille) { print("\n" + figure) }
    }
}

struct RoutinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routines", abstract: "List the routines: Limber's own, then yours (made here or on the web).")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storeOptions: StoreOptions

    /// Each routine as `limber start` plays it: fitted to the saved conditions, timed with the
    /// person's own doses.
    func run() async throws {
        let catalog = try options.loadCatalog()
        let entries = try await storeOptions.existingLibrary(catalog: catalog).all(
            conditions: try await storeOptions.existingConditions())
        if options.json { return try printJSON(entries.map(\.routine)) }
        let compiler = TimelineCompiler(catalog: catalog, personalDoses: try await storeOptions.existingPersonalDoses())
        let width = entries.map(\.routine.id.count).max() ?? 0
        for (index, entry) in entries.enumerated() {
            if entry.isCustom && (index == 0 || !entries[index - 1].isCustom) { print("\nYour own:") }
            let routine = entry.routine
            // One of the person's own that a later catalog broke is listed, not allowed to hide the rest.
            let time = (try? compiler.totalSeconds(of: routine)).map(formatDuration) ?? "cannot be timed"
            let label = routine.purposeLabel.map { "\($0), " } ?? ""
            print("\(pad(routine.id, width))  \(routine.name) (\(label)\(time))")
        }
    }
}

struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Print a routine's exact timeline of steps and cues.")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The routine id, as `limber routines` prints it.")
    var routineID: String

    func run() async throws {
        let catalog = try options.loadCatalog()
        // The timeline `limber start` plays: fitted to the saved conditions, with the person's doses.
        let library = try await storeOptions.existingLibrary(catalog: catalog)
        let fitted = try await library.playable(routineID, conditions: try await storeOptions.existingConditions())
        let compiler = TimelineCompiler(catalog: catalog, personalDoses: try await storeOptions.existingPersonalDoses())
        let timeline: Timeline
        do { timeline = try compiler.compile(fitted.routine) } catch { throw UserError(error) }
        if options.json { return try printJSON(timeline) }
        for swap in fitted.swaps { print(swap.note) }
        print(TimelineText.render(timeline))
    }
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
