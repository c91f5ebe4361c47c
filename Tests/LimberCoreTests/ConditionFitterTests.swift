import Testing

@testable import LimberCore

/// Saved health conditions and Limber's own routines: what to avoid is swapped out, with a note.
@Suite("Fitting routines to saved conditions")
struct ConditionFitterTests {
    let catalog: Catalog
    let fitter: ConditionFitter

    init() throws {
        catalog = try CatalogLoader.load()
        fitter = ConditionFitter(catalog: catalog)
    }

    func routine(_ id: String) throws -> Routine { try #require(catalog.routine(id)) }

    @Test("With no conditions saved, a routine plays exactly as written")
    func nothingSaved() throws {
        let fitted = try fitter.fit(try routine("back-spasm"), conditions: [])
        #expect(fitted.routine == (try routine("back-spasm")))
        #expect(fitted.swaps.isEmpty)
    }

    @Test("Osteoporosis takes the prayer pose and the floor twist out of the back routine and says what replaced them")
    func osteoporosisInTheBackRoutine() throws {
        let fitted = try fitter.fit(try routine("back-spasm"), conditions: [.osteoporosis])
        let ids = fitted.routine.items.map(\.exerciseId)
        #expect(!ids.contains("prayer-pose"))
        #expect(!ids.contains("thoracic-side-stretch"))
        #expect(ids.contains("seated-trunk-rotation"))
        let twist = try #require(fitted.swaps.first { $0.exerciseId == "thoracic-side-stretch" })
        #expect(twist.replacementId == "seated-trunk-rotation")
        #expect(twist.note.hasPrefix("Not in your routine: Thoracic side stretch"))
        #expect(twist.note.contains("osteoporosis"))
        #expect(twist.note.hasSuffix("Seated twist on a chair takes its place."))
        let prayer = try #require(fitted.swaps.first { $0.exerciseId == "prayer-pose" })
        #expect(prayer.replacementId == nil)
        #expect(prayer.note.contains("the routine is shorter"))
        // Every exercise that stays is safe with the condition.
        for id in ids { #expect(catalog.exercise(id)?.avoidance(for: [.osteoporosis]) == nil, "\(id)") }
    }

    @Test("A hip replacement leaves nothing in the hip routine, and says why instead of playing it")
    func nothingLeft() throws {
        #expect(throws: PlanningError.self) {
            try fitter.fit(try routine("relief-hip"), conditions: [.hipReplacement])
        }
    }

    @Test("A bedtime hold carries over to a replacement hold, never to a count of repetitions")
    func doseCarriesOverOnlyWhenItFits() throws {
        let fitted = try fitter.fit(try routine("bedtime-leg-cramps"), conditions: [.hipReplacement])
        let replaced = try #require(fitted.swaps.first { $0.exerciseId == "seated-hamstring-stretch" })
        let item = try #require(fitted.routine.items.first { $0.exerciseId == replaced.replacementId })
        let exercise = try #require(catalog.exercise(item.exerciseId))
        if case .hold = exercise.dose.work {
            #expect(item.dose?.holdSeconds == 10)
        } else {
            #expect(item.dose?.holdSeconds == nil)
        }
    }

    @Test("Quick relief for one region is that region's own routine, fitted to the saved conditions")
    func reliefPlanIsTheRegionsRoutine() throws {
        let planner = Planner(catalog: catalog)
        let calf = try planner.plan(PlanRequest(regions: ["calf"], side: .left))
        #expect(calf.routine.id == "relief-calf")
        #expect(calf.routine.name == (try routine("relief-calf")).name)
        #expect(calf.routine.items.allSatisfy { $0.dose?.sides == [.left] })
        let back = try planner.plan(PlanRequest(regions: ["lower-back"], conditions: [.osteoporosis]))
        #expect(!back.routine.items.map(\.exerciseId).contains("knee-to-chest"))
        let left = try #require(back.leftOut.first { $0.exerciseId == "knee-to-chest" })
        #expect(left.reason.contains("takes its place") || left.reason.contains("shorter"))
    }
}
