import Clocks
import Testing

@testable import LimberCore

typealias TestInstant = TestClock<Duration>.Instant

/// A half-hour timeline: long calf holds on both legs, then one more hold, 1800 s exactly.
func halfHourTimeline(_ catalog: Catalog) throws -> Timeline {
    let calf = try #require(catalog.exercise("calf-stretch-wall"))
    let prayer = try #require(catalog.exercise("prayer-pose"))
    let long = Dose(
        work: .hold(seconds: 60), sets: 10, restSeconds: 30, sides: [.left, .right], setupSeconds: 10,
        switchSeconds: 5)
    let last = Dose(work: .hold(seconds: 45))
    return TimelineCompiler.compile(
        id: "half-hour", name: "Half hour",
        prescriptions: [Prescription(exercise: calf, dose: long), Prescription(exercise: prayer, dose: last)])
}

@Suite("Session engine keeps exact time through pauses, skips and backs")
struct SessionEngineTests {
    let catalog: Catalog
    let zero = TestInstant(offset: .zero)

    init() throws {
        catalog = try CatalogLoader.load()
    }

    func at(_ seconds: Double) -> TestInstant { zero.advanced(by: .milliseconds(Int(seconds * 1000))) }

    /// Ticks the engine at every deadline it asks for, as a player would, collecting what it says.
    func runToEnd(_ engine: inout SessionEngine<TestInstant>) -> [(Cue, Duration)] {
        var said: [(Cue, Duration)] = []
        var guardCount = 0
        while let deadline = engine.nextDeadline, guardCount < 100_000 {
            guardCount += 1
            for case .cue(let cue, _, let lateness) in engine.tick(at: deadline) { said.append((cue, lateness)) }
        }
        return said
    }

    @Test("A 30-minute session ends exactly on time with every cue on its moment")
    func halfHourNoDrift() throws {
        let timeline = try halfHourTimeline(catalog)
        #expect(timeline.totalSeconds == 1800)
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        var said: [(Cue, Duration)] = []
        for case .cue(let cue, _, let lateness) in engine.start(at: zero) { said.append((cue, lateness)) }
        said += runToEnd(&engine)
        #expect(engine.status == .finished)
        #expect(engine.offset(at: at(1800)) == .seconds(1800))
        let expected = timeline.steps.flatMap(\.cues)
        #expect(said.count == expected.count)
        #expect(said.map(\.0) == expected)
        #expect(said.allSatisfy { $0.1 == .zero })
    }

    @Test("A 5 s pause delays every later cue by exactly 5 s")
    func pauseShiftsLaterCues() throws {
        let timeline = try halfHourTimeline(catalog)
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        let paused = engine.pause(at: at(100.25))
        #expect(paused.last == .paused)
        #expect(engine.nextDeadline == nil, "nothing falls due while paused")
        _ = engine.resume(at: at(105.25))
        let next = try #require(engine.nextDeadline)
        let nextCue = try #require(timeline.steps.flatMap(\.cues).first { $0.at > 100 })
        #expect(next == at(Double(nextCue.at) + 5))
        let events = engine.tick(at: next)
        #expect(
            events.contains { if case .cue(let cue, _, .zero) = $0 { return cue == nextCue } else { return false } })
        _ = runToEnd(&engine)
        #expect(engine.status == .finished)
        #expect(engine.offset(at: at(1805.25)) == .seconds(1800))
    }

    @Test("Skip lands on the start of the next step and its cues play at once")
    func skipLandsOnBoundary() throws {
        let timeline = try halfHourTimeline(catalog)
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        _ = engine.tick(at: at(3))
        let events = engine.skip(at: at(3.5))
        let step = timeline.steps[1]
        #expect(events.first == .stepStarted(step))
        #expect(engine.stepIndex == 1)
        #expect(engine.offset(at: at(3.5)) == .seconds(step.start))
        #expect(
            events.contains { if case .cue(let cue, _, _) = $0 { return cue.at == step.start } else { return false } })
        #expect(!engine.completedSteps.contains(0), "a skipped step is not counted as done")
    }

    @Test("Back restarts the current step, or goes to the previous one right after a step begins")
    func backLandsOnBoundary() throws {
        let timeline = try halfHourTimeline(catalog)
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        let firstHold = timeline.steps[1]
        _ = engine.tick(at: at(Double(firstHold.start) + 20))
        #expect(engine.stepIndex == 1)
        _ = engine.back(at: at(Double(firstHold.start) + 20))
        #expect(engine.stepIndex == 1)
        let restartedAt = Double(firstHold.start) + 20
        #expect(engine.offset(at: at(restartedAt)) == .seconds(firstHold.start))
        _ = engine.back(at: at(restartedAt + 1))
        #expect(engine.stepIndex == 0)
        #expect(engine.offset(at: at(restartedAt + 1)) == .zero)
    }

    @Test("Skip moves past a whole set of repetitions, not one phase at a time")
    func skipRepetitionBlock() throws {
        let timeline = try TimelineCompiler(catalog: catalog).compile(
            Routine(
                id: "m", name: "M", purpose: .relief, summary: "M", regions: [],
                items: [.init(exerciseId: "mid-trap-raise"), .init(exerciseId: "prayer-pose")]))
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        let firstPhase = try #require(timeline.steps.first { $0.kind == .phase })
        _ = engine.tick(at: at(Double(firstPhase.start) + 1))
        _ = engine.skip(at: at(Double(firstPhase.start) + 1))
        #expect(timeline.steps[engine.stepIndex].exerciseId == "prayer-pose")
    }

    @Test("Quitting keeps the steps that were done")
    func quitKeepsProgress() throws {
        let timeline = try halfHourTimeline(catalog)
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        _ = engine.tick(at: at(75))
        let events = engine.quit(at: at(75))
        #expect(events.last == .finished(completed: false))
        #expect(engine.completedSteps == [0, 1], "the setup and the first 60 s hold ran in full")
        #expect(engine.skippedSteps.isEmpty, "the step it stopped in was stopped, not skipped")
        #expect(engine.status == .finished)
    }

    @Test("A skipped step is counted as skipped, and a session run to the end past it is not every step done")
    func skippedStepsAreCounted() throws {
        let timeline = try halfHourTimeline(catalog)
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        _ = engine.tick(at: at(3))
        _ = engine.skip(at: at(3))
        #expect(engine.skippedSteps == [0])
        _ = engine.quit(at: at(4))
        #expect(engine.skippedSteps == [0], "the step it quit in is not skipped")
        #expect(engine.completedSteps.isEmpty)

        var toTheEnd = SessionEngine<TestInstant>(timeline: timeline)
        _ = toTheEnd.start(at: zero)
        _ = toTheEnd.skip(at: at(1))
        _ = runToEnd(&toTheEnd)
        let steps = timeline.steps.filter { $0.kind != .done }.count
        #expect(toTheEnd.status == .finished)
        #expect(toTheEnd.skippedSteps == [0])
        #expect(toTheEnd.completedSteps.count + toTheEnd.skippedSteps.count == steps)
    }

    @Test("Back reads the restart window from the timeline: 5 s into a hold, a 10 s window goes to the step before")
    func restartWindowFromTimeline() throws {
        var timeline = try halfHourTimeline(catalog)
        let hold = timeline.steps[1]
        var standard = SessionEngine<TestInstant>(timeline: timeline)
        _ = standard.start(at: zero)
        _ = standard.back(at: at(Double(hold.start) + 5))
        #expect(standard.stepIndex == 1, "past the 3 s window, back restarts the hold")

        timeline.restartWindowSeconds = 10
        var wide = SessionEngine<TestInstant>(timeline: timeline)
        _ = wide.start(at: zero)
        _ = wide.back(at: at(Double(hold.start) + 5))
        #expect(wide.stepIndex == 0, "within a 10 s window, back goes to getting into position")
        #expect(wide.offset(at: at(Double(hold.start) + 5)) == .zero)
    }

    @Test("Skip lands where the timeline says the block ends, and a step the timeline does not count is never done")
    func skipAndCountingFollowTheTimeline() throws {
        var timeline = try halfHourTimeline(catalog)
        timeline.steps[0].blockEnd = 3
        timeline.steps[1].countsTowardDone = false
        var engine = SessionEngine<TestInstant>(timeline: timeline)
        _ = engine.start(at: zero)
        _ = engine.skip(at: at(1))
        #expect(engine.stepIndex == 3)
        #expect(engine.skippedSteps == [0, 2], "step 1 is passed over but not counted")
        _ = engine.tick(at: at(1 + Double(timeline.steps[3].duration)))
        #expect(engine.completedSteps == [3])
    }
}
