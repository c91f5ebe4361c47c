import Testing

@testable import LimberCore

@Suite("Timeline compiler lays out exact steps and cues")
struct TimelineCompilerTests {
    let catalog: Catalog
    let compiler: TimelineCompiler

    init() throws {
        catalog = try CatalogLoader.load()
        compiler = TimelineCompiler(catalog: catalog)
    }

    func single(_ id: String, _ override: DoseOverride? = nil) throws -> Timeline {
        try compiler.compile(
            Routine(
                id: "t", name: "T", purpose: .relief, summary: "T", regions: [],
                items: [.init(exerciseId: id, dose: override)]))
    }

    @Test("The calf stretch holds on the left leg, switches sides, then holds on the right")
    func calfSides() throws {
        let timeline = try single("calf-stretch-wall")
        let work = timeline.steps.filter { $0.kind == .hold || $0.kind == .switchSides }
        #expect(work.map(\.kind) == [.hold, .switchSides, .hold])
        #expect(work.map(\.side) == [.left, .right, .right])
        #expect(work[0].duration == 30)
        #expect(work[2].duration == 30)
        #expect(work[0].cues.first?.text.contains("Left leg") == true)
        #expect(work[1].cues.first?.text == "Switch to the right leg.")
    }

    @Test("The thoracic side stretch is three 15 s holds on the right, then three on the left")
    func thoracicSets() throws {
        let timeline = try single("thoracic-side-stretch")
        let holds = timeline.steps.filter { $0.kind == .hold }
        #expect(holds.map(\.side) == [.right, .right, .right, .left, .left, .left])
        #expect(holds.allSatisfy { $0.duration == 15 })
        #expect(holds.map(\.set) == [1, 2, 3, 1, 2, 3])
    }

    @Test("The mid-trap exercise is 15 counted repetitions, each with a raise and a lower")
    func midTrapRepetitions() throws {
        let timeline = try single("mid-trap-raise")
        let phases = timeline.steps.filter { $0.kind == .phase }
        #expect(phases.count == 30)
        #expect(phases.compactMap(\.rep) == (1...15).flatMap { [$0, $0] })
        let firstCues = phases.filter { $0.phase == phases[0].phase }.compactMap { $0.cues.first?.text }
        #expect(firstCues[0].contains("1. "))
        #expect(firstCues[14].hasPrefix("15. "))
    }

    @Test("Steps follow one another with no gap and the total is their exact sum")
    func exactTotal() throws {
        for routine in catalog.routines {
            let timeline = try compiler.compile(routine)
            var expected = 0
            for step in timeline.steps {
                #expect(step.start == expected, "\(routine.id) step \(step.index) starts late or early")
                for cue in step.cues {
                    #expect(cue.at >= step.start && (cue.at < step.end || step.kind == .done))
                }
                expected += step.duration
            }
            #expect(timeline.totalSeconds == expected)
            #expect(timeline.totalSeconds == (try compiler.totalSeconds(of: routine)))
            #expect(timeline.steps.last?.kind == .done)
        }
    }

    @Test("The bedtime routine takes about three minutes, as in the trial")
    func bedtimeLength() throws {
        let timeline = try compiler.compile(try #require(catalog.routine("bedtime-leg-cramps")))
        let holds = timeline.steps.filter { $0.kind == .hold }
        #expect(holds.count == 9, "3 holds on each leg for the calf, 3 for both hamstrings at once")
        #expect(holds.allSatisfy { $0.duration == 10 })
        let rests = timeline.steps.filter { $0.kind == .rest }
        #expect(rests.allSatisfy { $0.duration == 10 })
        #expect((120...300).contains(timeline.totalSeconds))
    }

    @Test("A 30 s hold says what to do, a form reminder, halfway and 3-2-1 at exact moments")
    func holdCues() throws {
        let timeline = try single("calf-stretch-wall")
        let hold = try #require(timeline.steps.first { $0.kind == .hold })
        let offsets = hold.cues.map { $0.at - hold.start }
        #expect(offsets == [0, 5, 15, 27, 28, 29])
        #expect(hold.cues.map(\.kind) == [.instruction, .form, .halfway, .countdown, .countdown, .countdown])
    }

    @Test("Each step says what comes next: the next side's hold, the next exercise by name, then the end")
    func nextUpText() throws {
        let timeline = try compiler.compile(try #require(catalog.routine("seed-full")))
        let steps = timeline.steps
        #expect(steps[0].nextUp == "Left leg · hold 30 s", "getting into the calf stretch, the first hold is next")
        #expect(steps[1].nextUp == "Switch to the right leg")
        let lastCalf = try #require(steps.last { $0.exerciseId == "calf-stretch-wall" })
        #expect(lastCalf.nextUp == "Seated hamstring stretch", "a new exercise is named, not its setup step")
        #expect(steps[steps.count - 2].nextUp == "the end")
        #expect(steps[steps.count - 1].nextUp == nil, "nothing comes after the end")
    }

    @Test("The phases of one set of repetitions share one block: skip lands after the set, back on its first phase")
    func repetitionBlockBounds() throws {
        let timeline = try compiler.compile(
            Routine(
                id: "t", name: "T", purpose: .relief, summary: "T", regions: [],
                items: [.init(exerciseId: "mid-trap-raise"), .init(exerciseId: "prayer-pose")]))
        let phases = timeline.steps.filter { $0.kind == .phase }
        let first = try #require(phases.first).index
        let after = try #require(phases.last).index + 1
        #expect(phases.count == 30)
        #expect(phases.allSatisfy { $0.blockStart == first && $0.blockEnd == after })
        #expect(timeline.steps[after].exerciseId == "prayer-pose", "skip leaves the repetitions for the next exercise")
        for step in timeline.steps where step.kind != .phase && step.kind != .done {
            #expect(step.blockStart == step.index && step.blockEnd == step.index + 1, "\(step.label) is its own block")
        }
        let done = try #require(timeline.steps.last)
        #expect(done.blockStart == done.index && done.blockEnd == done.index, "the end has nowhere further to go")
    }

    @Test("Every step but the final one counts toward done, and back has the 3 s restart window")
    func countedStepsAndRestartWindow() throws {
        let timeline = try single("calf-stretch-wall")
        #expect(timeline.steps.map(\.countsTowardDone) == [true, true, true, true, false])
        #expect(timeline.stepsTotal == 4)
        #expect(timeline.restartWindowSeconds == 3)
    }
}
