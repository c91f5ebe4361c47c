/// What a person can do during a session.
public enum SessionCommand: Sendable, Hashable {
    case togglePause
    case pause
    case resume
    case skip
    case back
    case quit
}

/// How a session ended, for the session record.
public struct SessionOutcome: Sendable, Hashable {
    /// The session ran to its end, with or without skips; `isEveryStepDone` says whether none was skipped.
    public var isComplete: Bool
    public var completedSteps: Set<Int>
    /// Steps passed over with skip; see `SessionEngine.skippedSteps`.
    public var skippedSteps: Set<Int>
    /// The timeline offset reached, in seconds.
    public var reachedSeconds: Double

    /// What a session record calls complete: the end reached and nothing skipped on the way.
    public var isEveryStepDone: Bool { isComplete && skippedSteps.isEmpty }
}

/// Plays a timeline on a clock: sleeps until the next absolute deadline, delivers what fell due,
/// and obeys commands the moment they arrive. The clock is injected, so tests run a half-hour
/// session in microseconds on a test clock and the terminal uses the real one.
public struct SessionRunner<C: Clock>: Sendable where C.Duration == Duration, C: Sendable {
    public let clock: C

    public init(clock: C) {
        self.clock = clock
    }

    private enum Input: Sendable {
        case command(SessionCommand)
        case deadline(generation: Int)
        case commandsEnded
    }

    /// Runs the session to its end or until `quit`, calling `onEvent` for every event in order.
    /// With `progressEvery`, it also sends `.progress` at each multiple of that interval of
    /// timeline time, and after every command, so a countdown display stays current.
    public func run(
        _ timeline: Timeline, commands: AsyncStream<SessionCommand>, progressEvery: Duration? = nil,
        onEvent: @Sendable (SessionEvent) async -> Void
    ) async -> SessionOutcome {
        var engine = SessionEngine<C.Instant>(timeline: timeline)
        let (inputs, sink) = AsyncStream<Input>.makeStream()
        let forwarder = Task {
            for await command in commands { sink.yield(.command(command)) }
            sink.yield(.commandsEnded)
        }
        var timer: Task<Void, Never>?
        var generation = 0
        let clock = self.clock

        // One timer at a time, always aimed at the engine's next absolute deadline; a command
        // replaces it, and a stale wake-up is recognised by its generation and ignored.
        func schedule() {
            timer?.cancel()
            generation += 1
            var next = engine.nextDeadline
            if let interval = progressEvery, interval > .zero {
                let reached = engine.offset(at: clock.now)
                let ticks = Int((reached / interval).rounded(.down)) + 1
                if let progress = engine.instant(atOffset: interval * ticks), next.map({ progress < $0 }) ?? true {
                    next = progress
                }
            }
            guard let deadline = next else { return }
            let current = generation
            timer = Task {
                do {
                    try await clock.sleep(until: deadline, tolerance: .zero)
                    sink.yield(.deadline(generation: current))
                } catch {}
            }
        }

        var isComplete = false
        for event in engine.start(at: clock.now) {
            if case .finished(let completed) = event { isComplete = completed }
            await onEvent(event)
        }
        schedule()
        loop: for await input in inputs where engine.status != .finished {
            let events: [SessionEvent]
            switch input {
            case .deadline(let fired):
                guard fired == generation else { continue }
                events = engine.tick(at: clock.now)
            case .command(let command):
                events = engine.apply(command, at: clock.now)
            case .commandsEnded:
                // Nobody can resume or quit any more: a paused session ends here, a running one plays on.
                guard engine.status == .paused else { continue }
                events = engine.quit(at: clock.now)
            }
            for event in events {
                if case .finished(let completed) = event { isComplete = completed }
                await onEvent(event)
            }
            if engine.status == .finished { break loop }
            if progressEvery != nil {
                await onEvent(
                    .progress(
                        offset: engine.offset(at: clock.now), stepIndex: engine.stepIndex,
                        isPaused: engine.status == .paused))
            }
            schedule()
        }
        timer?.cancel()
        forwarder.cancel()
        sink.finish()
        return SessionOutcome(
            isComplete: isComplete,
            completedSteps: engine.completedSteps,
            skippedSteps: engine.skippedSteps,
            reachedSeconds: engine.offset(at: clock.now).inSeconds)
    }
}
