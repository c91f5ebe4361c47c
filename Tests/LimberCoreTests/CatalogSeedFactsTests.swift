import Testing

@testable import LimberCore

/// The six exercises of the seed article carry their facts into the bundled catalog unchanged.
@Suite("Bundled catalog keeps every seed fact")
struct CatalogSeedFactsTests {
    let catalog: Catalog

    init() throws {
        catalog = try CatalogLoader.load()
    }

    func exercise(_ id: String) throws -> Exercise {
        try #require(catalog.exercise(id), "missing exercise \(id)")
    }

    func holdSeconds(_ exercise: Exercise) -> Int? {
        if case .hold(let seconds) = exercise.dose.work { return seconds }
        return nil
    }

    @Test("The calf stretch at a wall holds 30 s on each leg, back knee straight and heel down")
    func calfStretch() throws {
        let calf = try exercise("calf-stretch-wall")
        #expect(holdSeconds(calf) == 30)
        #expect(calf.dose.sets == 1)
        #expect(calf.dose.sides == [.left, .right])
        #expect(calf.position == .standing)
        #expect(calf.equipment.contains(.wall))
        #expect(calf.regions.primary.contains("calf"))
        #expect(calf.sources.contains { $0.kind == .seed })
        let steps = calf.steps.joined(separator: " ").lowercased()
        for fact in ["straight", "heel", "bend", "flat", "toes"] {
            #expect(steps.contains(fact), "calf steps should mention \(fact)")
        }
    }

    @Test("The seated hamstring stretch holds 30 s with both legs straight out")
    func hamstringStretch() throws {
        let hamstring = try exercise("seated-hamstring-stretch")
        #expect(holdSeconds(hamstring) == 30)
        #expect(hamstring.dose.sides.isEmpty)
        #expect(hamstring.position == .sittingFloor)
        #expect(hamstring.regions.primary.contains("back-thigh"))
        #expect(hamstring.steps.joined(separator: " ").lowercased().contains("ankle"))
    }

    @Test("The mid-trap exercise is 15 raises and lowers, progressing to small hand weights")
    func midTrap() throws {
        let midTrap = try exercise("mid-trap-raise")
        guard case .repetitions(let count, let phases) = midTrap.dose.work else {
            Issue.record("mid-trap should be counted in repetitions")
            return
        }
        #expect(count == 15)
        #expect(phases.count == 2)
        #expect(midTrap.position == .lyingFaceDown)
        #expect(midTrap.equipment.contains(.pillow))
        #expect(midTrap.projectDefaults.contains("repeat.phases"), "phase timings are our choice, not the seed's")
        let progression = try #require(midTrap.progression).lowercased()
        #expect(progression.contains("weight"))
        #expect(midTrap.steps.joined(separator: " ").lowercased().contains("thumb"))
    }

    @Test("The thoracic side stretch holds 15 s three times on the right, then the left")
    func thoracicSideStretch() throws {
        let thoracic = try exercise("thoracic-side-stretch")
        #expect(holdSeconds(thoracic) == 15)
        #expect(thoracic.dose.sets == 3)
        #expect(thoracic.dose.sides == [.right, .left])
        #expect(thoracic.position == .sittingFloor)
    }

    @Test("Prayer pose is held 30 s kneeling, with a caution for knee problems")
    func prayerPose() throws {
        let prayer = try exercise("prayer-pose")
        #expect(holdSeconds(prayer) == 30)
        #expect(prayer.position == .kneeling)
        #expect(prayer.cautions.contains { $0.conditions.contains(.knee) })
    }

    @Test("The cat stretch's slow cycle count is labelled a project default")
    func catStretch() throws {
        let cat = try exercise("cat-stretch")
        guard case .repetitions(let count, let phases) = cat.dose.work else {
            Issue.record("the cat stretch should be counted in cycles")
            return
        }
        #expect(count > 0)
        #expect(phases.count == 2)
        #expect(cat.position == .handsAndKnees)
        #expect(cat.projectDefaults.contains("repeat.count"))
    }

    @Test("Playing the full seed routine takes the six exercises in the seed's order, each at its catalog dose")
    func seedRoutine() throws {
        let routine = try #require(catalog.routine("seed-full"))
        let compiler = TimelineCompiler(catalog: catalog)
        var played: [String] = []
        for step in try compiler.compile(routine).steps {
            if let id = step.exerciseId, played.last != id { played.append(id) }
        }
        #expect(
            played == [
                "calf-stretch-wall", "seated-hamstring-stretch", "mid-trap-raise", "thoracic-side-stretch",
                "prayer-pose", "cat-stretch",
            ])
        for prescription in try compiler.prescriptions(for: routine) {
            #expect(prescription.dose == prescription.exercise.dose, "\(prescription.exercise.id)")
            #expect(!prescription.isPersonal)
        }
    }

    @Test("The bedtime routine uses the Hallegraeff trial dose on both legs")
    func bedtimeRoutine() throws {
        let routine = try #require(catalog.routine("bedtime-leg-cramps"))
        let prescriptions = try TimelineCompiler(catalog: catalog).prescriptions(for: routine)
        #expect(prescriptions.map(\.exercise.id) == ["calf-stretch-wall", "seated-hamstring-stretch"])
        for prescription in prescriptions {
            #expect(prescription.dose.work == .hold(seconds: 10))
            #expect(prescription.dose.sets == 3)
            #expect(prescription.dose.restSeconds == 10)
        }
        #expect(prescriptions[0].dose.sides == [.left, .right])
        #expect(routine.sources.contains { ($0.title ?? "").contains("22341378") })
    }

    @Test("Every common cramp site has an exercise aimed at it and a quick-relief routine")
    func coverage() throws {
        let sites = [
            "foot", "calf", "front-thigh", "back-thigh", "neck", "shoulder", "lower-back", "hip", "forearm-hand",
            "upper-back",
        ]
        let covered = Set(catalog.coveredRegions.map(\.id))
        for site in sites {
            #expect(covered.contains(site), "no exercise is aimed at \(site)")
            #expect(catalog.routine("relief-\(site)") != nil, "no quick relief routine for \(site)")
        }
        #expect(catalog.exercises.count >= 14)
        #expect(catalog.routine("back-spasm") != nil)
        #expect(catalog.exercise("soleus-stretch-wall") != nil)
        let seated = try exercise("seated-towel-calf-stretch")
        #expect(seated.position != .standing)
    }

    @Test("Every exercise cites a source and every caution says something")
    func sourcesAndCautions() {
        for exercise in catalog.exercises {
            #expect(!exercise.sources.isEmpty, "\(exercise.id) cites nothing")
            #expect(exercise.cautions.allSatisfy { !$0.text.isEmpty })
        }
    }
}
