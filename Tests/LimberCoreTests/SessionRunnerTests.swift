import Clocks
import Testing

@testable import LimberCore

/// Collects what the runner delivers, in order, with the clock's time at each delivery.
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

    func count(where matches: (SessionEvent) -> Bool) -> Int { events.filter(matches).count }
}

/// Moves a test clock only once the runner has caught up, so a busy machine cannot make the
/// runner see a later time than the one being tested.
struct ClockDriver {
    let clock: TestClock<Duration>
    let log: EventLog
    let zero = TestClock<Duration>.Instant(offset: .zero)

    func at(_ seconds: Int) -> TestClock<Duration>.Instant { zero.advanced(by: .seconds(seconds)) }

    /// Waits for the runner, nudging the clock by zero while waiting: a test clock only wakes a
    /// sleep whose deadline is already due when it is advanced, and a runner on a busy machine may
    /// start that sleep just after the clock reached its deadline.
    func waitUntil(_ condition: @Sendable (EventLog) async -> Bool) async {
        while !(await condition(log)) { await clock.advance(by: .zero) }
    }

    /// Advances to each moment in turn, waiting after each until that many cues have arrived.
    func play(cueMoments: [Int], shift: Int = 0, alreadySaid: Int = 0) async {
        var said = alreadySaid
        for moment in Set(cueMoments).sorted() {
            await clock.advance(to: at(moment + shift))
            said += cueMoments.filter { $0 == moment }.count
            let expected = said
            await waitUntil { await $0.cueTimes.count >= expected }
        }
    }
}

func isCue(_ event: SessionEvent) -> Bool { if case .cue = event { true } else { false } }

@Suite("Session runner plays a timeline on an injected clock", .timeLimit(.minutes(1)))
struct SessionRunnerTests {
    func compile(_ ids: [String]) throws -> Timeline {
        let catalog = try CatalogLoader.load()
        return try TimelineCompiler(catalog: catalog).compile(
            Routine(
                id: "t", name: "T", purpose: .relief, summary: "T", regions: [],
                items: ids.map { .init(exerciseId: $0) }))
    }

    @Test("The full seed routine plays every cue at its exact offset and finishes")
    func fullSeedRoutine() async throws {
        let catalog = try CatalogLoader.load()
        let timeline = try TimelineCompiler(catalog: catalog).compile(try #require(catalog.routine("seed-full")))
        let clock = TestClock<Duration>()
        let log = EventLog()
        let driver = ClockDriver(clock: clock, log: log)
        let (commands, _) = AsyncStream<SessionCommand>.makeStream()
        async let outcome = SessionRunner(clock: clock).run(timeline, commands: commands) {
            await log.append($0, at: clock.now)
        }
        let cues = timeline.steps.flatMap(\.cues)
        await driver.play(cueMoments: cues.map(\.at))
        await clock.advance(to: driver.at(timeline.totalSeconds))
        let result = await outcome
        #expect(result.isComplete)
        let times = await log.cueTimes
        #expect(times.map(\.0) == cues)
        for (cue, time) in times { #expect(time == driver.at(cue.at), "\(cue.text) at \(cue.at) s") }
        #expect(result.completedSteps.count == timeline.steps.count - 1)
    }

    @Test("A pause command holds every later cue back by exactly the time spent paused")
    func pauseCommand() async throws {
        let timeline = try compile(["calf-stretch-wall"])
        let clock = TestClock<Duration>()
        let log = EventLog()
        let driver = ClockDriver(clock: clock, log: log)
        let (commands, control) = AsyncStream<SessionCommand>.makeStream()
        async let outcome = SessionRunner(clock: clock).run(timeline, commands: commands) {
            await log.append($0, at: clock.now)
        }
        let cues = timeline.steps.flatMap(\.cues)
        let before = cues.filter { $0.at <= 12 }.map(\.at)
        await driver.play(cueMoments: before)
        await clock.advance(to: driver.at(12))
        control.yield(.pause)
        await driver.waitUntil { await $0.events.contains(.paused) }
        await clock.advance(to: driver.at(17))
        #expect(await log.cueTimes.count == before.count, "nothing is said while paused")
        control.yield(.resume)
        await driver.waitUntil { await $0.events.contains(.resumed) }
        await driver.play(cueMoments: cues.filter { $0.at > 12 }.map(\.at), shift: 5, alreadySaid: before.count)
        await clock.advance(to: driver.at(timeline.totalSeconds + 5))
        let result = await outcome
        #expect(result.isComplete)
        let times = await log.cueTimes
        #expect(times.count == cues.count)
        for (cue, time) in times {
            #expect(time == driver.at(cue.at + (cue.at > 12 ? 5 : 0)), "\(cue.text) at \(cue.at) s")
        }
    }

    @Test("Quit ends the session early and reports how far it got")
    func quitCommand() async throws {
        let catalog = try CatalogLoader.load()
        let timeline = try TimelineCompiler(catalog: catalog).compile(try #require(catalog.routine("seed-full")))
        let clock = TestClock<Duration>()
        let log = EventLog()
        let driver = ClockDriver(clock: clock, log: log)
        let (commands, control) = AsyncStream<SessionCommand>.makeStream()
        async let outcome = SessionRunner(clock: clock).run(timeline, commands: commands) {
            await log.append($0, at: clock.now)
        }
        await driver.play(cueMoments: timeline.steps.flatMap(\.cues).map(\.at).filter { $0 <= 50 })
        await clock.advance(to: driver.at(50))
        control.yield(.quit)
        let result = await outcome
        #expect(!result.isComplete)
        #expect(result.reachedSeconds == 50)
        #expect(await log.events.last == .finished(completed: false))
    }
}
