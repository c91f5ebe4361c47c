import Testing

@testable import LimberCore

@Suite("Planner picks stretches that fit the person")
struct PlannerTests {
    let catalog: Catalog
    let planner: Planner

    init() throws {
        catalog = try CatalogLoader.load()
        planner = Planner(catalog: catalog)
    }

    func exercises(_ plan: Plan) -> [Exercise] {
        plan.routine.items.compactMap { catalog.exercise($0.exerciseId) }
    }

    @Test("A calf cramp gets calf stretches, each with the reason it was chosen")
    func calfRelief() throws {
        let plan = try planner.plan(PlanRequest(regions: ["calf"]))
        #expect(!plan.chosen.isEmpty)
        #expect(exercises(plan).allSatisfy { $0.covers("calf") })
        #expect(plan.chosen.allSatisfy { !$0.reasons.isEmpty })
        #expect(plan.chosen[0].reasons[0].contains("calf"))
        #expect(plan.totalSeconds == (try TimelineCompiler(catalog: catalog).totalSeconds(of: plan.routine)))
    }

    @Test("A left calf cramp stretches only the left leg")
    func sideIsHonoured() throws {
        let plan = try planner.plan(PlanRequest(regions: ["calf"], side: .left))
        let prescriptions = try TimelineCompiler(catalog: catalog).prescriptions(for: plan.routine)
        for prescription in prescriptions where !prescription.exercise.dose.sides.isEmpty {
            #expect(prescription.dose.sides == [.left])
        }
    }

    @Test("An unsupported region is refused with the list of supported ones")
    func unsupportedRegion() {
        #expect {
            try planner.plan(PlanRequest(regions: ["elbow"]))
        } throws: { error in
            guard case PlanningError.unsupportedRegion("elbow", let supported) = error else { return false }
            return supported.contains("calf") && "\(error)".contains("calf") && "\(error)".contains("elbow")
        }
    }

    @Test("A budget too small for any exercise gets an explanation with the shortest option")
    func tinyBudget() {
        let tiny = Catalog(
            version: 1, regions: catalog.regions,
            exercises: catalog.exercises.map { exercise in
                var long = exercise
                long.dose.setupSeconds = 120
                return long
            }, routines: [])
        #expect {
            try Planner(catalog: tiny).plan(PlanRequest(regions: ["calf"], minutes: 1))
        } throws: { error in
            guard case PlanningError.budgetTooSmall(60, let shortest, _) = error else { return false }
            return shortest > 60 && "\(error)".contains("too short")
        }
    }

    @Test("A budget keeps the whole routine within the minutes given")
    func budgetIsKept() throws {
        let plan = try planner.plan(PlanRequest(regions: ["lower-back", "calf"], goal: .prevention, minutes: 3))
        #expect(plan.totalSeconds <= 180)
        #expect(!plan.chosen.isEmpty)
    }

    @Test("No floor work leaves out floor exercises and says why")
    func standingOnly() throws {
        let plan = try planner.plan(PlanRequest(regions: ["calf", "back-thigh"], standingOnly: true))
        #expect(exercises(plan).allSatisfy { !$0.position.isFloorWork })
        #expect(plan.leftOut.contains { $0.exerciseId == "seated-towel-calf-stretch" && $0.reason.contains("floor") })
    }

    @Test("No equipment leaves out stretches that need a towel")
    func noEquipment() throws {
        let plan = try planner.plan(PlanRequest(regions: ["calf"], goal: .prevention, noEquipment: true))
        #expect(exercises(plan).allSatisfy { $0.equipment.allSatisfy(\.isEverydayFurniture) })
        #expect(plan.leftOut.contains { $0.reason.contains("towel") })
    }

    @Test("A caution to avoid an exercise leaves it out; others are shown as warnings")
    func conditions() throws {
        let request = PlanRequest(regions: ["lower-back"], goal: .prevention, conditions: [.osteoporosis])
        let plan = try planner.plan(request)
        for exercise in exercises(plan) {
            #expect(!exercise.cautions.contains { $0.action == .avoid && $0.conditions.contains(.osteoporosis) })
        }
        #expect(plan.leftOut.contains { $0.exerciseId == "knee-to-chest" })
        let knee = try planner.plan(PlanRequest(regions: ["lower-back"], goal: .prevention, conditions: [.knee]))
        if knee.chosen.contains(where: { $0.exerciseId == "prayer-pose" }) {
            #expect(knee.cautions.contains { $0.exerciseId == "prayer-pose" && $0.condition == .knee })
        } else {
            #expect(knee.leftOut.contains { $0.exerciseId == "prayer-pose" })
        }
    }

    @Test("Bedtime plans use the trial's 10 s x 3 dose with 10 s rest")
    func bedtimeDose() throws {
        let plan = try planner.plan(PlanRequest(regions: ["calf"], goal: .bedtime))
        let prescriptions = try TimelineCompiler(catalog: catalog).prescriptions(for: plan.routine)
        for prescription in prescriptions {
            if case .hold = prescription.exercise.dose.work {
                #expect(prescription.dose.work == .hold(seconds: 10))
                #expect(prescription.dose.sets == 3)
                #expect(prescription.dose.restSeconds == 10)
            }
        }
        #expect(plan.chosen.contains { $0.reasons.contains { $0.contains("Hallegraeff") } })
    }

    @Test("Asking for nothing is refused")
    func noRegion() {
        #expect(throws: PlanningError.noRegion) { try planner.plan(PlanRequest(regions: [])) }
    }
}
