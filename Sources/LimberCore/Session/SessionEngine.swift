/// Something a player has to act on: show a new step, say a cue, or end.
public enum SessionEvent: Sendable, Hashable {
    case stepStarted(TimelineStep)
    /// A cue that fell due; `lateness` is how long after its moment it was delivered.
    case cue(Cue, stepIndex: Int, lateness: Duration)
    case paused
    case resumed
    /// The session ended: every step done, or the person quit.
    case finished(completed: Bool)
    /// Where the session stands, sent by a runner asked for regular progress so a display can redraw.
    case progress(offset: Duration, stepIndex: Int, isPaused: Bool)
}

/// The state of a guided session as a pure value: it is told the time and answers with events.
///
/// Cue moments are absolute offsets into the timeline. The engine maps "now" to an offset through
/// one anchor (the instant the offset was last set), so a long session never accumulates error;
/// a pause only moves the anchor, which shifts every later cue by exactly the time spent paused.
public struct SessionEngine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    public enum Status: Sendable, Hashable {
        case ready, running, paused, finished
    }

    public let timeline: Timeline
    public private(set) var status: Status = .ready
    /// The step the session is in.
    public private(set) var stepIndex = 0
    /// Counted steps whose whole time ran (not skipped); a quit session is saved with these.
    public private(set) var completedSteps: Set<Int> = []

    /// Steps the session has moved past without their whole time running: passed over by skip.
    /// The step it stands in is not among them (a quit stops it, it does not skip it), nor are the
    /// steps after it, which were never reached; after `back`, steps ahead count as not reached again.
    public var skippedSteps: Set<Int> {
        let passed = timeline.steps[..<stepIndex].filter { $0.countsTowardDone && !completedSteps.contains($0.index) }
        return Set(passed.map(\.index))
    }

    private var anchorInstant: Instant?
    private var anchorOffset: Duration = .zero
    /// The next step whose start has not been announced, and the next cue not yet said.
    private var nextStep = 0
    private var nextCue = 0
    private let cues: [(cue: Cue, step: Int)]

    public init(timeline: Timeline) {
        self.timeline = timeline
        cues = timeline.steps.flatMap { step in step.cues.map { ($0, step.index) } }
            .enumerated().sorted { ($0.element.cue.at, $0.offset) < ($1.element.cue.at, $1.offset) }.map(\.element)
    }

    /// Where in the timeline the session is at an instant.
    public func offset(at now: Instant) -> Duration {
        guard status == .running, let anchorInstant else { return anchorOffset }
        return min(anchorOffset + anchorInstant.duration(to: now), .seconds(timeline.totalSeconds))
    }

    /// The instant something next falls due, or nil when nothing will until a command comes.
    public var nextDeadline: Instant? {
        guard status == .running, let anchorInstant else { return nil }
        var next = Duration.seconds(timeline.totalSeconds)
        if nextStep < timeline.steps.count { next = min(next, .seconds(timeline.steps[nextStep].start)) }
        if nextCue < cues.count { next = min(next, .seconds(cues[nextCue].cue.at)) }
        return anchorInstant.advanced(by: next - anchorOffset)
    }

    /// The instant the running session reaches a timeline offset; nil while paused or stopped.
    public func instant(atOffset offset: Duration) -> Instant? {
        guard status == .running, let anchorInstant else { return nil }
        return anchorInstant.advanced(by: offset - anchorOffset)
    }

    public mutating func start(at now: Instant) -> [SessionEvent] {
        guard status == .ready else { return [] }
        status = .running
        anchorInstant = now
        anchorOffset = .zero
        return tick(at: now)
    }

    /// Delivers everything due by `now`, in timeline order.
    public mutating func tick(at now: Instant) -> [SessionEvent] {
        guard status == .running else { return [] }
        let offset = offset(at: now)
        var events: [SessionEvent] = []
        while true {
            let stepDue = nextStep < timeline.steps.count && .seconds(timeline.steps[nextStep].start) <= offset
            let cueDue = nextCue < cues.count && .seconds(cues[nextCue].cue.at) <= offset
            // A step is announced before its own cues.
            if stepDue && (!cueDue || cues[nextCue].step >= nextStep) {
                if nextStep > 0 && stepIndex == nextStep - 1 && timeline.steps[stepIndex].countsTowardDone {
                    completedSteps.insert(stepIndex)
                }
                stepIndex = nextStep
                events.append(.stepStarted(timeline.steps[nextStep]))
                nextStep += 1
            } else if cueDue {
                let (cue, step) = cues[nextCue]
                events.append(.cue(cue, stepIndex: step, lateness: offset - .seconds(cue.at)))
                nextCue += 1
            } else {
                break
            }
        }
        if offset >= .seconds(timeline.totalSeconds) && nextStep >= timeline.steps.count {
            anchorOffset = .seconds(timeline.totalSeconds)
            anchorInstant = nil
            status = .finished
            events.append(.finished(completed: true))
        }
        return events
    }

    public mutating func pause(at now: Instant) -> [SessionEvent] {
        guard status == .running else { return [] }
        var events = tick(at: now)
        guard status == .running else { return events }
        anchorOffset = offset(at: now)
        anchorInstant = nil
        status = .paused
        events.append(.paused)
        return events
    }

    public mutating func resume(at now: Instant) -> [SessionEvent] {
        guard status == .paused else { return [] }
        status = .running
        anchorInstant = now
        return [.resumed] + tick(at: now)
    }

    public mutating func togglePause(at now: Instant) -> [SessionEvent] {
        status == .paused ? resume(at: now) : pause(at: now)
    }

    /// Jumps to the start of the next block: the next step, or past the rest of a set of repetitions.
    public mutating func skip(at now: Instant) -> [SessionEvent] {
        guard status == .running || status == .paused else { return [] }
        var events = tick(at: now)
        guard status != .finished else { return events }
        events += jump(to: timeline.steps[stepIndex].blockEnd, at: now)
        return events
    }

    /// Restarts the current block, or goes to the previous one when the current block began less than
    /// the timeline's restart window ago.
    public mutating func back(at now: Instant) -> [SessionEvent] {
        guard status == .running || status == .paused else { return [] }
        var events = tick(at: now)
        guard status != .finished else { return events }
        let current = timeline.steps[stepIndex].blockStart
        let intoBlock = offset(at: now) - .seconds(timeline.steps[current].start)
        let isJustBegun = intoBlock < .seconds(timeline.restartWindowSeconds)
        let target = isJustBegun && current > 0 ? timeline.steps[current - 1].blockStart : current
        events += jump(to: target, at: now)
        return events
    }

    /// Ends the session early; what was done so far stays in `completedSteps`.
    public mutating func quit(at now: Instant) -> [SessionEvent] {
        guard status != .finished else { return [] }
        var events = tick(at: now)
        guard status != .finished else { return events }
        anchorOffset = offset(at: now)
        anchorInstant = nil
        status = .finished
        events.append(.finished(completed: false))
        return events
    }

    /// Does what the person asked for at `now`.
    public mutating func apply(_ command: SessionCommand, at now: Instant) -> [SessionEvent] {
        switch command {
        case .togglePause: togglePause(at: now)
        case .pause: pause(at: now)
        case .resume: resume(at: now)
        case .skip: skip(at: now)
        case .back: back(at: now)
        case .quit: quit(at: now)
        }
    }

    // MARK: - Moving around

    /// Goes to a step the compiler named as a block's start or end, so every player lands on the same one.
    private mutating func jump(to index: Int, at now: Instant) -> [SessionEvent] {
        let target = min(index, timeline.steps.count - 1)
        let start = timeline.steps[target].start
        anchorOffset = .seconds(start)
        if status == .running { anchorInstant = now }
        nextStep = target
        stepIndex = target
        nextCue = cues.firstIndex { $0.step >= target } ?? cues.count
        guard status == .running else {
            // While paused, show where the session now stands; its cues play on resume.
            nextStep = target + 1
            return [.stepStarted(timeline.steps[target])]
        }
        return tick(at: now)
    }
}
