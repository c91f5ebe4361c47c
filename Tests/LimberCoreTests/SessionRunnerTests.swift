import Clocks
import Testing

@testable import LimberCore

/// Collects what the runner delivers, in order.
actor EventLog {
    private(set) var events: [SessionEvent] = []
    private(set) var times: [TestClock<Duration>.Instant] = []
    func append(_ event: SessionEvent, at time: TestClock<Duration>.Instant) {
        events.append(event)
        times.append(time)
    }
    /// When each cue was delivered, on the clock.
    var cueTimes: [(Cue, TestClock<Duration>.Instant)] {
        zip(events, times).compactMap { if case .cue(let cue, _, _) = $0 { (cue, $1) } else { nil } }
    }
    var cues: [(Cue, Duration)] {
        events.compactMap { if case .cue(let cue, _, let lateness) = $0 { (cue, lateness) } else { nil } }
    }
}

@Suite("Session runner plays a timeline on an injected clock")
struct SessionRunnerTests {
    /// Advances the test clock a second at a time so the runner can schedule its next sleep in between.
    func advance(_ clock: TestClock<Duration>, seconds: Int) async {
        for _ in 0..<seconds { await clock.advance(by: .seconds(1)) }
    }

    @Test("The full seed routine plays every cue at its exact offset and finishes")
    func fullSeedRoutine() async throws {
        let catalog = try CatalogLoader.load()
        let timeline = try TimelineCompiler(catalog: catalog).compile(try #require(catalog.routine("seed-full")))
        let clock = TestClock<Duration>()
        let log = EventLog()
        let (commands, _) = AsyncStream<SessionCommand>.makeStream()
        let runner = SessionRunner(clock: clock)
        async let outcome = runner.run(timeline, commands: commands) { await log.append($0, at: clock.now) }
        await advance(clock, seconds: timeline.totalSeconds + 1)
        let result = await outcome
        #expect(result.isComplete)
        let cues = await log.cues
        #expect(cues.map(\.0) == timeline.steps.flatMap(\.cues))
        #expect(cues.allSatisfy { $0.1 == .zero })
        #expect(result.completedSteps.count == timeline.steps.count - 1)
    }

    @Test("A pause command holds every later cue back by the time spent paused")
    func pauseCommand() async throws {
        let catalog = try CatalogLoader.load()
        let timeline = try TimelineCompiler(catalog: catalog).compile(
            Routine(
                id: "c", name: "C", purpose: .relief, summary: "C", regions: [],
                items: [.init(exerciseId: "calf-stretch-wall")]))
        let clock = TestClock<Duration>()
        let log = EventLog()
        let (commands, control) = AsyncStream<SessionCommand>.makeStream()
        let runner = SessionRunner(clock: clock)
        async let outcome = runner.run(timeline, commands: commands) { await log.append($0, at: clock.now) }
        await advance(clock, seconds: 12)
        control.yield(.pause)
        await advance(clock, seconds: 5)
        let whilePaused = await log.cues.count
        control.yield(.resume)
        await advance(clock, seconds: timeline.totalSeconds)
        let result = await outcome
        #expect(result.isComplete)
        let cues = await log.cues
        #expect(cues.count == timeline.steps.flatMap(\.cues).count)
        // Cues before the pause arrive on their moment; every one after it exactly 5 s later, on the clock.
        let zero = TestClock<Duration>.Instant(offset: .zero)
        let times = await log.cueTimes
        #expect(whilePaused > 0 && whilePaused < times.count)
        for (cue, time) in times.prefix(whilePaused) { #expect(time == zero.advanced(by: .seconds(cue.at))) }
        for (cue, time) in times.dropFirst(whilePaused) { #expect(time == zero.advanced(by: .seconds(cue.at + 5))) }
        let events = await log.events
        #expect(events.contains(.paused) && events.contains(.resumed))
    }

    @Test("Quit ends the session early and reports it incomplete")
    func quitCommand() async throws {
        let catalog = try CatalogLoader.load()
        let timeline = try TimelineCompiler(catalog: catalog).compile(try #require(catalog.routine("seed-full")))
        let clock = TestClock<Duration>()
        let (commands, control) = AsyncStream<SessionCommand>.makeStream()
        let runner = SessionRunner(clock: clock)
        async let outcome = runner.run(timeline, commands: commands) { _ in }
        await advance(clock, seconds: 50)
        control.yield(.quit)
        let result = await outcome
        #expect(!result.isComplete)
        #expect(result.reachedSeconds >= 49 && result.reachedSeconds <= 51)
    }
}
