import ArgumentParser
import LimberCore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Make a routine for where it hurts, and print its timeline.")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("region"), help: "Where the cramp or spasm is; repeat for more than one.")
    var regions: [String] = []

    @Option(help: "The side that hurts: left or right.")
    var side: Side?

    @Option(help: "relief (now), prevention (regularly) or bedtime.")
    var goal: Goal = .relief

    @Option(help: "The most time you have, in minutes.")
    var minutes: Int?

    @Flag(help: "No floor work: only exercises done standing or on a chair.")
    var standingOnly = false

    @Flag(help: "Nothing beyond a wall, chair, bed or pillow.")
    var noEquipment = false

    @Option(
        name: .customLong("caution"),
        help: """
            A condition to plan around: \(Condition.acceptedValues). Repeat for more than one. Those saved with \
            `limber profile` count too.
            """)
    var conditions: [Condition] = []

    func validate() throws {
        if regions.isEmpty {
            throw ValidationError("--region: name at least one region, for example --region calf")
        }
    }

    func run() async throws {
        let catalog = try options.loadCatalog()
        let saved = try await storeOptions.existingConditions()
        let request = PlanRequest(
            regions: regions, side: side, goal: goal, minutes: minutes, standingOnly: standingOnly,
            noEquipment: noEquipment,
            conditions: Condition.allCases.filter { conditions.contains($0) || saved.contains($0) })
        let personalDoses = try await storeOptions.existingPersonalDoses()
        let plan: Plan
        let timeline: Timeline
        do {
            plan = try Planner(catalog: catalog).plan(request)
            // Timed with the person's own doses, as `limber start --region` plays it.
            timeline = try TimelineCompiler(catalog: catalog, personalDoses: personalDoses).compile(plan.routine)
        } catch {
            throw UserError(error)
        }
        if options.json {
            struct Output: Encodable {
                var plan: Plan
                var timeline: Timeline
            }
            return try printJSON(Output(plan: plan, timeline: timeline))
        }
        print(PlanText.render(plan))
        print("")
        // The plan's first line already names the routine and its time.
        print(TimelineText.render(timeline, heading: "Step by step (\(timeline.steps.count) steps):"))
    }
}
