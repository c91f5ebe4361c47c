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
}
