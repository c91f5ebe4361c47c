/// A routine compiled into exact steps and cues. Every front end plays this and nothing else, so
/// the terminal, the web player and any later app keep the same time and move by the same rules.
///
/// Decoding needs every field: a timeline is compiled on request and never stored, so there is no
/// older one to read, and filling a missing field in here would be a second copy of the compiler.
public struct Timeline: Codable, Sendable, Hashable {
    public var routineId: String
    public var routineName: String
    /// The exact length of the whole session, in seconds.
    public var totalSeconds: Int
    /// Seconds into a block within which `back` goes to the previous block instead of restarting
    /// this one. It travels with the timeline so every player goes back the same way.
    public var restartWindowSeconds: Int
    public var steps: [TimelineStep]

    public init(
        routineId: String, routineName: String, totalSeconds: Int, restartWindowSeconds: Int, steps: [TimelineStep]
    ) {
        self.routineId = routineId
        self.routineName = routineName
        self.totalSeconds = totalSeconds
        self.restartWindowSeconds = restartWindowSeconds
        self.steps = steps
    }

    /// The number of steps a session record counts: "7 of 12 steps".
    public var stepsTotal: Int { steps.count(where: \.countsTowardDone) }

    /// The index of the step running at an offset, in seconds from the start.
    public func stepIndex(at offset: Int) -> Int {
        // Steps are sorted by start; the last step whose start is at or before the offset runs.
        var low = 0
        var high = steps.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if steps[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// One stretch of time in a session: getting into position, a hold, one phase of a repetition,
/// a rest, a change of side, or the end.
public struct TimelineStep: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case setup
        case hold
        case phase
        case rest
        case switchSides = "switch-sides"
        case done
    }

    public var index: Int
    /// Seconds from the start of the session.
    public var start: Int
    /// Seconds; zero only for the final `done` step.
    public var duration: Int
    public var kind: Kind
    /// Steps with the same block move together under skip and back: the phases of one set of
    /// repetitions form one block, every other step is a block of its own.
    public var block: Int
    /// The first step of this step's block: where `back` restarts it.
    public var blockStart: Int
    /// The first step after this step's block: where `skip` lands. The final step, which has
    /// nothing after it, names itself.
    public var blockEnd: Int
    /// What comes after this step, as players show it after "Next:"; nil for the final step.
    public var nextUp: String?
    /// Whether a session record counts this step among its steps; the final `done` step is not one.
    public var countsTowardDone: Bool
    public var exerciseId: String?
    public var exerciseName: String?
    public var side: Side?
    /// 1-based set number and the number of sets, for holds, phases and rests.
    public var set: Int?
    public var sets: Int?
    /// 1-based repetition number and count, for phases.
    public var rep: Int?
    public var reps: Int?
    public var phase: String?
    /// A short line for the screen: "Left leg · hold 2 of 3".
    public var label: String
    public var cues: [Cue]
    /// How the exercise's figure moves during this step; nil when it has no figure.
    public var figure: [FigureMove]?

    public var end: Int { start + duration }

    public init(
        index: Int, start: Int, duration: Int, kind: Kind, block: Int, blockStart: Int, blockEnd: Int,
        nextUp: String?, countsTowardDone: Bool, exerciseId: String? = nil, exerciseName: String? = nil,
        side: Side? = nil, set: Int? = nil, sets: Int? = nil, rep: Int? = nil, reps: Int? = nil,
        phase: String? = nil, label: String, cues: [Cue], figure: [FigureMove]? = nil
    ) {
        self.index = index
        self.start = start
        self.duration = duration
        self.kind = kind
        self.block = block
        self.blockStart = blockStart
        self.blockEnd = blockEnd
        self.nextUp = nextUp
        self.countsTowardDone = countsTowardDone
        self.exerciseId = exerciseId
        self.exerciseName = exerciseName
        self.side = side
        self.set = set
        self.sets = sets
        self.rep = rep
        self.reps = reps
        self.phase = phase
        self.label = label
        self.cues = cues
        self.figure = figure
    }
}

/// Something to say or show at an exact moment.
public struct Cue: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// What to do now; spoken at the start of a step.
        case instruction
        /// A short form reminder during a hold.
        case form
        case halfway
        /// 3, 2, 1 before the end of a hold or rest; players may beep instead of speaking.
        case countdown
        /// A repetition count with what to do.
        case repetition
        case done
    }

    /// Seconds from the start of the session.
    public var at: Int
    public var text: String
    public var kind: Kind

    public init(at: Int, text: String, kind: Kind) {
        self.at = at
        self.text = text
        self.kind = kind
    }
}
