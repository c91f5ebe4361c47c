/// An exercise with the dose it will be done at, after routine and personal overrides.
public struct Prescription: Sendable, Hashable {
    public var exercise: Exercise
    public var dose: Dose
    /// True when the person's own dose changed what the routine would otherwise give.
    public var isPersonal: Bool

    public init(exercise: Exercise, dose: Dose, isPersonal: Bool = false) {
        self.exercise = exercise
        self.dose = dose
        self.isPersonal = isPersonal
    }
}

/// Turns a routine into a timeline with absolute offsets. Pure: the same routine always gives the
/// same timeline, so a test, the terminal and the browser can all check it.
public struct TimelineCompiler: Sendable {
    public let catalog: Catalog
    /// The person's own doses by exercise id, applied after a routine's overrides.
    public let personalDoses: [String: DoseOverride]

    public init(catalog: Catalog, personalDoses: [String: DoseOverride] = [:]) {
        self.catalog = catalog
        self.personalDoses = personalDoses
    }

    /// Resolves each item of a routine to its exercise and final dose.
    public func prescriptions(for routine: Routine) throws(PlanningError) -> [Prescription] {
        try routine.items.map { item throws(PlanningError) in
            guard let exercise = catalog.exercise(item.exerciseId) else {
                throw .unknownExercise(item.exerciseId)
            }
            return prescription(exercise, routineDose: item.dose)
        }
    }

    /// One exercise at its final dose: the catalog's, then the person's own, then the routine's.
    /// A routine's dose wins because it is deliberate: the bedtime routine keeps the trial's
    /// 10 s holds even after someone has moved their everyday calf stretch up to 40 s.
    public func prescription(_ exercise: Exercise, routineDose: DoseOverride? = nil) -> Prescription {
        let withoutPersonal = exercise.dose.applying(routineDose)
        let dose = exercise.dose.applying(personalDoses[exercise.id]).applying(routineDose)
        return Prescription(exercise: exercise, dose: dose, isPersonal: dose != withoutPersonal)
    }

    public func compile(_ routine: Routine) throws(PlanningError) -> Timeline {
        Self.compile(id: routine.id, name: routine.name, prescriptions: try prescriptions(for: routine))
    }

    /// The exact number of seconds a routine takes.
    public func totalSeconds(of routine: Routine) throws(PlanningError) -> Int {
        try prescriptions(for: routine).reduce(0) { $0 + $1.dose.totalSeconds }
    }

    /// Project default, not from a source: a `back` pressed within 3 s of a block's start goes to
    /// the block before, so a second quick press steps further back instead of restarting the
    /// same block again and again; later, one press restarts what is being done.
    public static let restartWindowSeconds = 3

    public static func compile(id: String, name: String, prescriptions: [Prescription]) -> Timeline {
        var builder = StepBuilder()
        for (n, prescription) in prescriptions.enumerated() {
            builder.add(prescription, isFirst: n == 0)
        }
        builder.append(
            kind: .done, duration: 0, label: "Done",
            cues: [(0, "That is the whole routine. Well done; get up slowly.", .done)])
        builder.linkSteps()
        builder.addFigureMoves(prescriptions)
        return Timeline(
            routineId: id, routineName: name, totalSeconds: builder.now, restartWindowSeconds: restartWindowSeconds,
            steps: builder.steps)
    }
}

/// Lays steps end to end; every offset is the sum of whole seconds before it, so the total is exact.
private struct StepBuilder {
    var steps: [TimelineStep] = []
    var now = 0
    /// The block the next step joins; `newBlock()` starts another.
    var block = 0
    var isInRepetitionBlock = false

    typealias CueSpec = (offset: Int, text: String, kind: Cue.Kind)

    mutating func append(
        kind: TimelineStep.Kind, duration: Int, exercise: Exercise? = nil, side: Side? = nil,
        set: (Int, Int)? = nil, rep: (Int, Int)? = nil, phase: String? = nil, label: String, cues: [CueSpec]
    ) {
        // Each step is its own block, except consecutive phases of one set of repetitions.
        let joinsBlock = kind == .phase && isInRepetitionBlock
        if !steps.isEmpty && !joinsBlock { block += 1 }
        isInRepetitionBlock = kind == .phase
        let index = steps.count
        // Where the block ends and what comes next are known once every step is laid: `linkSteps()`.
        steps.append(
            TimelineStep(
                index: index, start: now, duration: duration, kind: kind, block: block,
                blockStart: joinsBlock ? steps[index - 1].blockStart : index, blockEnd: index, nextUp: nil,
                countsTowardDone: kind != .done, exerciseId: exercise?.id, exerciseName: exercise?.name, side: side,
                set: set?.0, sets: set?.1, rep: rep?.0, reps: rep?.1, phase: phase, label: label,
                cues: cues.map { Cue(at: now + $0.offset, text: $0.text, kind: $0.kind) }))
        now += duration
    }

    /// Fills in what each step needs from the steps after it, walking back from the end so a block's
    /// end is known before its earlier steps ask for it.
    mutating func linkSteps() {
        for index in steps.indices.reversed() {
            guard index + 1 < steps.count else { continue }
            let step = steps[index]
            let next = steps[index + 1]
            steps[index].blockEnd = next.block == step.block ? next.blockEnd : next.index
            steps[index].nextUp = Self.nextUp(after: step, next: next)
        }
    }

    /// Adds each exercise step's figure moves, from the final dose so a personal or routine dose moves
    /// the figure in time with it.
    mutating func addFigureMoves(_ prescriptions: [Prescription]) {
        var doses: [String: (Figure, Dose)] = [:]
        for prescription in prescriptions {
            if let figure = prescription.exercise.figure {
                doses[prescription.exercise.id] = (figure, prescription.dose)
            }
        }
        for index in steps.indices {
            guard let id = steps[index].exerciseId, let (figure, dose) = doses[id] else { continue }
            let previousSide = index > 0 ? steps[index - 1].side : nil
            steps[index].figure = FigureMotion.moves(
                for: steps[index], figure: figure, dose: dose, previousSide: previousSide)
        }
    }

    /// "Next:" names the exercise when it changes, and otherwise the next step's own label.
    private static func nextUp(after step: TimelineStep, next: TimelineStep) -> String {
        if next.kind == .done { return "the end" }
        if next.exerciseId != step.exerciseId, let name = next.exerciseName { return name }
        return next.label
    }

    mutating func add(_ prescription: Prescription, isFirst: Bool) {
        let exercise = prescription.exercise
        let dose = prescription.dose
        let noun = exercise.sideNoun
        // Without a setup step, the first instruction has to say which exercise this is.
        var introduction = ""
        if dose.setupSeconds > 0 {
            var text = "\(isFirst ? "First" : "Next"): \(exercise.name). Get into position"
            if let first = dose.sides.first { text += ", \(first.rawValue) \(noun) first" }
            append(
                kind: .setup, duration: dose.setupSeconds, exercise: exercise, side: dose.sides.first,
                label: "Get ready: \(exercise.name)",
                cues: [(0, text + ".", .instruction)] + countdown(dose.setupSeconds))
        } else {
            introduction = "\(exercise.name). "
        }

        let sides: [Side?] = dose.sides.isEmpty ? [nil] : dose.sides
        for (sideIndex, side) in sides.enumerated() {
            if sideIndex > 0, dose.switchSeconds > 0, let side {
                append(
                    kind: .switchSides, duration: dose.switchSeconds, exercise: exercise, side: side,
                    label: "Switch to the \(side.rawValue) \(noun)",
                    cues: [(0, "Switch to the \(side.rawValue) \(noun).", .instruction)])
            }
            let sidePrefix = side.map { "\($0.title) \(noun)" }
            for set in 1...dose.sets {
                if set > 1, dose.restSeconds > 0 {
                    append(
                        kind: .rest, duration: dose.restSeconds, exercise: exercise, side: side,
                        set: (set, dose.sets), label: "Rest \(dose.restSeconds) s",
                        cues: [(0, "Rest for \(dose.restSeconds) seconds.", .instruction)]
                            + countdown(dose.restSeconds))
                }
                switch dose.work {
                case .hold(let seconds):
                    addHold(
                        seconds: seconds, exercise: exercise, side: side, sidePrefix: sidePrefix, set: set,
                        sets: dose.sets, formCueIndex: sideIndex + set - 1, introduction: introduction)
                case .repetitions(let count, let phases):
                    isInRepetitionBlock = false
                    addRepetitions(
                        count: count, phases: phases, exercise: exercise, side: side, sidePrefix: sidePrefix,
                        set: set, sets: dose.sets, introduction: introduction)
                }
                introduction = ""
            }
        }
    }

    private mutating func addHold(
        seconds: Int, exercise: Exercise, side: Side?, sidePrefix: String?, set: Int, sets: Int,
        formCueIndex: Int, introduction: String
    ) {
        let which = sets > 1 ? "Hold \(set) of \(sets)" : "Hold"
        let instruction = [sidePrefix, "\(which) for \(seconds) seconds"].compactMap { $0 }.joined(separator: ". ")
        var cues: [CueSpec] = [(0, introduction + instruction + ".", .instruction)]
        // Form and halfway cues only where they fit between the instruction and the countdown.
        if seconds >= 15, !exercise.cues.isEmpty {
            cues.append((5, exercise.cues[formCueIndex % exercise.cues.count], .form))
        }
        if seconds >= 20 {
            cues.append((seconds / 2, "Halfway.", .halfway))
        }
        cues += countdown(seconds)
        let label = [sidePrefix, sets > 1 ? "hold \(set) of \(sets)" : "hold \(seconds) s"]
            .compactMap { $0 }.joined(separator: " · ")
        append(
            kind: .hold, duration: seconds, exercise: exercise, side: side, set: (set, sets), label: label, cues: cues)
    }

    private mutating func addRepetitions(
        count: Int, phases: [Dose.Phase], exercise: Exercise, side: Side?, sidePrefix: String?, set: Int,
        sets: Int, introduction: String
    ) {
        for rep in 1...count {
            for (p, phase) in phases.enumerated() {
                let say = phase.cue ?? phase.name.prefix(1).uppercased() + phase.name.dropFirst()
                var text = p == 0 ? "\(rep). \(say)" : say
                if rep == 1, p == 0 {
                    let opening = [sidePrefix, sets > 1 ? "Set \(set) of \(sets)" : nil, "\(count) repetitions"]
                        .compactMap { $0 }.joined(separator: ". ")
                    text = introduction + opening + ". " + text
                }
                let label = [sidePrefix, "rep \(rep) of \(count)", phase.name].compactMap { $0 }
                    .joined(separator: " · ")
                append(
                    kind: .phase, duration: phase.seconds, exercise: exercise, side: side, set: (set, sets),
                    rep: (rep, count), phase: phase.name, label: label,
                    cues: [(0, text, p == 0 ? .repetition : .instruction)])
            }
        }
    }

    /// "3", "2", "1" in the last three seconds of anything six seconds or longer.
    private func countdown(_ seconds: Int) -> [CueSpec] {
        guard seconds >= 6 else { return [] }
        return [(seconds - 3, "3", .countdown), (seconds - 2, "2", .countdown), (seconds - 1, "1", .countdown)]
    }
}
