import Foundation

/// A change Limber may suggest after reading how sessions felt. It changes nothing until the
/// person accepts it, and advice-only kinds have no dose to accept.
public struct ProgressionSuggestion: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, CatalogEnum {
        case longerHold = "longer-hold"
        case extraSet = "extra-set"
        case moreRepetitions = "more-repetitions"
        case handWeights = "hand-weights"
        case easeOff = "ease-off"
        case askProfessional = "ask-professional"
    }

    /// Names the kind, the exercise and the proposal, such as `longer-hold.calf-stretch-wall.40`:
    /// the same while the proposal stays the same, different as soon as it changes.
    public var id: String
    public var exerciseId: String
    public var exerciseName: String
    public var kind: Kind
    /// Plain words for the person; says what they may do, never what it will cure.
    public var message: String
    /// The whole personal override that accepting would store; nil for advice only.
    public var proposed: DoseOverride?
    public var sources: [Source]
    /// Which numbers in the rule Limber chose itself rather than took from a source.
    public var projectDefaultNote: String?

    public init(
        id: String, exerciseId: String, exerciseName: String, kind: Kind, message: String, proposed: DoseOverride?,
        sources: [Source], projectDefaultNote: String?
    ) {
        self.id = id
        self.exerciseId = exerciseId
        self.exerciseName = exerciseName
        self.kind = kind
        self.message = message
        self.proposed = proposed
        self.sources = sources
        self.projectDefaultNote = projectDefaultNote
    }

    public var isAdviceOnly: Bool { proposed == nil }

    /// The personal dose that accepting makes, remembering the one it replaces; nil for advice only.
    public func accepted(replacing current: PersonalDose?, at now: Date) -> PersonalDose? {
        proposed.map {
            PersonalDose(
                exerciseId: exerciseId, dose: $0, previous: current?.dose, acceptedAt: now, suggestionId: id)
        }
    }
}

/// Every number the progression rules use, and where it comes from.
public enum ProgressionThresholds {
    /// Ratings of "too easy" in a row before a step up (project default, from the "3 sessions running").
    public static let sessionsRunning = 3
    /// Seconds added to a hold at each step (project default).
    public static let holdStepSeconds = 10
    /// The longest hold suggested: the top of ACSM's 10-30 s for most adults. ACSM gives 30-60 s for older
    /// adults, but Limber does not know a person's age, so it never suggests more on its own and says so.
    public static let longestHoldSeconds = 30
    /// The most holding time suggested for one muscle (each side counts as its own): ACSM's "about 60 s" in all.
    public static let mostHoldSecondsInAll = 60
    /// The most sets suggested: ACSM's "repeat 2-4 times".
    public static let mostSets = 4
    /// Rest put between sets when a set is added to a dose that has none: the Hallegraeff 2012 trial rested 10 s.
    public static let restBetweenAddedSetsSeconds = 10
    /// Repetitions added at each step (project default).
    public static let repetitionStep = 2
    /// The most repetitions suggested where a source gives a count, so a step up never passes it: the cat
    /// stretch's labelled 8-10 slow cycles (clinical facts 23), about 10 chin tucks (SIRA NSW, 33), 10-15
    /// slow pelvic rocks (NHS, 34). Exercises not listed have no sourced count; their steps stay project defaults.
    public static let mostRepetitions: [String: (count: Int, why: String)] = [
        "cat-stretch": (10, "No guideline sets a count, so Limber keeps to 8 to 10 slow rounds (a project default)."),
        "chin-tuck": (10, "Limber stops at 10, about the number of times SIRA NSW gives."),
        "pelvic-tilt": (15, "Limber stops at 15, the top of the NHS's 10 to 15 slow rocks."),
    ]
    /// Seconds taken off a hold when easing off (project default).
    public static let easeOffHoldStepSeconds = 10
    /// The shortest hold easing off goes to: the bottom of ACSM's 10-30 s.
    public static let shortestHoldSeconds = 10
    /// Repetitions taken off when easing off (project default).
    public static let easeOffRepetitionStep = 2
    /// The fewest repetitions easing off goes to (project default).
    public static let fewestRepetitions = 5
    /// A rise in pain (0-10) from before a session to after it that counts: 2 points is a
    /// clinically meaningful change on the 0-10 scale (clinical facts 25).
    public static let meaningfulPainRise = 2
    /// How many recent sessions with an exercise are read for repeated trouble (project default).
    public static let recentSessions = 3
    /// Sessions among the recent ones that went badly before asking a professional instead (project default).
    public static let troubledSessionsBeforeAskingAProfessional = 2
    /// Exercises whose next step is a small weight in each hand: the seed's own progression for the mid-trap raise.
    public static let handWeightExercises: Set<String> = ["mid-trap-raise"]
}

/// Reads session ratings and pain scores and suggests, per exercise, at most one change: ask a
/// professional, ease off, or step up. Pure: the same records always give the same suggestions.
public enum ProgressionAdvisor {
    public typealias Limits = ProgressionThresholds

    /// Suggestions in order of importance (asking a professional, then easing off, then stepping
    /// up), each group in catalog order. `sessions` may come in any order.
    public static func suggestions(
        sessions: [SessionRecord], catalog: Catalog, personalDoses: [PersonalDose]
    ) -> [ProgressionSuggestion] {
        let ordered = sessions.sorted { ($0.startedAt, $0.id.uuidString) < ($1.startedAt, $1.id.uuidString) }
        let personal = Dictionary(personalDoses.map { ($0.exerciseId, $0) }, uniquingKeysWith: { _, last in last })
        var found: [(rank: Int, suggestion: ProgressionSuggestion)] = []
        for (index, exercise) in catalog.exercises.enumerated() {
            let history = ordered.filter { includes($0, exercise.id, catalog: catalog) }
            guard !history.isEmpty,
                let suggestion = suggestion(for: exercise, history: history, personal: personal[exercise.id])
            else { continue }
            found.append((priority(suggestion.kind) * catalog.exercises.count + index, suggestion))
        }
        return found.sorted { $0.rank < $1.rank }.map(\.suggestion)
    }

    // MARK: - Rules

    private static func suggestion(
        for exercise: Exercise, history: [SessionRecord], personal: PersonalDose?
    ) -> ProgressionSuggestion? {
        let current = exercise.dose.applying(personal?.dose)
        let base = personal?.dose ?? DoseOverride()
        // Ratings given before the current personal dose was accepted were about an older dose.
        let sinceAccepted = history.filter { session in personal?.acceptedAt.map { session.startedAt >= $0 } ?? true }

        if let last = history.last, let trouble = trouble(in: last, exerciseId: exercise.id) {
            let troubled = history.suffix(Limits.recentSessions).filter {
                self.trouble(in: $0, exerciseId: exercise.id) != nil
            }
            if troubled.count >= Limits.troubledSessionsBeforeAskingAProfessional {
                return askProfessional(exercise, troubled: troubled.count, trouble: trouble)
            }
            guard sinceAccepted.last == last else { return nil }
            return easeOff(exercise, current: current, base: base, trouble: trouble)
        }

        let ratings = sinceAccepted.compactMap { rating(of: exercise.id, in: $0) }
        guard ratings.count >= Limits.sessionsRunning,
            ratings.suffix(Limits.sessionsRunning).allSatisfy({ $0 == .tooEasy })
        else { return nil }
        switch current.work {
        case .hold(let seconds):
            return stepUpHold(exercise, seconds: seconds, current: current, base: base)
        case .repetitions(let count, _):
            if Limits.handWeightExercises.contains(exercise.id) { return handWeights(exercise, count: count) }
            return moreRepetitions(exercise, count: count, current: current, base: base)
        }
    }

    private static func stepUpHold(
        _ exercise: Exercise, seconds: Int, current: Dose, base: DoseOverride
    ) -> ProgressionSuggestion? {
        let easyRun = "\(exercise.name) has felt too easy in your last \(Limits.sessionsRunning) sessions with it."
        let acsm =
            "ACSM gives holds of 10 to 30 seconds for most adults, done 2 to 4 times to about "
            + "\(Limits.mostHoldSecondsInAll) seconds in all for each muscle. It gives 30 to 60 seconds for older "
            + "adults; Limber cannot tell your age, so it never suggests more than \(Limits.longestHoldSeconds) "
            + "seconds on its own: ask a physiotherapist before holding longer."
        // A longer hold, as long as every set together stays within about a minute for the muscle.
        let longer = min(
            seconds + Limits.holdStepSeconds, Limits.longestHoldSeconds, Limits.mostHoldSecondsInAll / current.sets,
            DoseLimits.holdSeconds.upperBound)
        if longer > seconds {
            var proposed = base
            proposed.holdSeconds = longer
            return make(
                .longerHold, exercise, value: "\(longer)",
                message: easyRun + " You may hold it for \(longer) seconds instead of \(seconds). "
                    + "Stretch only to mild tension, never to pain.",
                proposed: proposed, current: current, sources: [Reference.acsm],
                note: "The \(Limits.holdStepSeconds)-second step and the run of \(Limits.sessionsRunning) sessions "
                    + "are Limber's own choices (project defaults). " + acsm)
        }
        let sets = current.sets + 1
        guard sets <= min(Limits.mostSets, DoseLimits.sets.upperBound),
            sets * seconds <= Limits.mostHoldSecondsInAll
        else { return nil }
        var proposed = base
        proposed.sets = sets
        var rest = ""
        var sources = [Reference.acsm]
        var note = "The run of \(Limits.sessionsRunning) sessions is Limber's own choice (a project default). " + acsm
        if current.restSeconds == 0 {
            proposed.restSeconds = Limits.restBetweenAddedSetsSeconds
            rest = ", resting \(Limits.restBetweenAddedSetsSeconds) seconds between"
            sources.append(Reference.hallegraeff)
            note += " The \(Limits.restBetweenAddedSetsSeconds)-second rest follows the Hallegraeff 2012 trial."
        }
        return make(
            .extraSet, exercise, value: "\(sets)",
            message: easyRun + " \(seconds) seconds is as long as Limber suggests holding it, so you may do it "
                + "\(times(sets)) instead of \(times(current.sets))\(rest).",
            proposed: proposed, current: current, sources: sources, note: note)
    }

    private static func moreRepetitions(
        _ exercise: Exercise, count: Int, current: Dose, base: DoseOverride
    ) -> ProgressionSuggestion? {
        let ceiling = Limits.mostRepetitions[exercise.id]?.count ?? DoseLimits.repetitions.upperBound
        let more = min(count + Limits.repetitionStep, ceiling, DoseLimits.repetitions.upperBound)
        guard more > count else { return nil }
        var proposed = base
        proposed.repetitions = more
        return make(
            .moreRepetitions, exercise, value: "\(more)",
            message: "\(exercise.name) has felt too easy in your last \(Limits.sessionsRunning) sessions with it. "
                + "You may do \(more) repetitions instead of \(count), still slowly and in a comfortable range.",
            proposed: proposed, current: current,
            sources: [Reference.acsm]
                + exercise.sources.filter { $0.doseFields.contains("repeat.count") }.map {
                    Source(kind: $0.kind, title: $0.title, publisher: $0.publisher, url: $0.url)
                },
            note: "Adding \(Limits.repetitionStep) repetitions after \(Limits.sessionsRunning) sessions running is "
                + "Limber's own choice (a project default)."
                + (Limits.mostRepetitions[exercise.id].map { " " + $0.why } ?? ""))
    }

    private static func handWeights(_ exercise: Exercise, count: Int) -> ProgressionSuggestion {
        ProgressionSuggestion(
            id: "\(ProgressionSuggestion.Kind.handWeights.rawValue).\(exercise.id)", exerciseId: exercise.id,
            exerciseName: exercise.name, kind: .handWeights,
            message: "\(exercise.name) has felt too easy in your last \(Limits.sessionsRunning) sessions with it. "
                + "You may now hold a small, light weight in each hand while you do it, the next step the original "
                + "article gives. Later, go heavier only in small steps (about 2 to 10 percent more), and only once "
                + "you could easily do one or two more than \(count).",
            proposed: nil, sources: [Source(kind: .seed), Reference.acsm],
            projectDefaultNote: "The run of \(Limits.sessionsRunning) sessions is Limber's own choice "
                + "(a project default).")
    }

    private static func easeOff(
        _ exercise: Exercise, current: Dose, base: DoseOverride, trouble: Trouble
    ) -> ProgressionSuggestion? {
        var proposed = base
        let value: String
        let change: String
        let shorter = { (seconds: Int) in max(seconds - Limits.easeOffHoldStepSeconds, Limits.shortestHoldSeconds) }
        let fewer = { (count: Int) in max(count - Limits.easeOffRepetitionStep, Limits.fewestRepetitions) }
        switch current.work {
        case .hold(let seconds) where shorter(seconds) < seconds:
            proposed.holdSeconds = shorter(seconds)
            (value, change) = (
                "hold-\(shorter(seconds))", "hold it for \(shorter(seconds)) seconds instead of \(seconds)"
            )
        case .repetitions(let count, _) where fewer(count) < count:
            proposed.repetitions = fewer(count)
            (value, change) = ("reps-\(fewer(count))", "do \(fewer(count)) repetitions instead of \(count)")
        default:
            // Nothing shorter or fewer is left within the floors: take a set away, if there is one to spare.
            guard current.sets > 1 else { return nil }
            let sets = current.sets - 1
            proposed.sets = sets
            (value, change) = ("sets-\(sets)", "do it \(times(sets)) instead of \(times(current.sets))")
        }
        var message =
            "\(trouble.lastTime(exercise.name)) You may \(change). Go only as far as mild tension; stop if it hurts."
        if Limits.handWeightExercises.contains(exercise.id) {
            message += " If you have been holding weights, try it without them first."
        }
        return make(
            .easeOff, exercise, value: value, message: message, proposed: proposed, current: current,
            sources: [Reference.acsm] + (trouble.painRose ? [Reference.painScale] : []),
            note: "Easing off by \(Limits.easeOffHoldStepSeconds) seconds, one set or \(Limits.easeOffRepetitionStep) "
                + "repetitions is Limber's own choice (a project default).")
    }

    private static func askProfessional(_ exercise: Exercise, troubled: Int, trouble: Trouble) -> ProgressionSuggestion
    {
        ProgressionSuggestion(
            id: "\(ProgressionSuggestion.Kind.askProfessional.rawValue).\(exercise.id)", exerciseId: exercise.id,
            exerciseName: exercise.name, kind: .askProfessional,
            message: "\(exercise.name) has been too hard, or your pain was higher afterwards, in \(troubled) of your "
                + "last \(Limits.recentSessions) sessions with it. It may be worth asking a doctor or physiotherapist "
                + "about it before you carry on. Until then, do only what feels comfortable, or leave it out.",
            proposed: nil,
            sources: [Reference.acsm, Reference.mayoStretches] + (trouble.painRose ? [Reference.painScale] : []),
            projectDefaultNote: "Asking after \(Limits.troubledSessionsBeforeAskingAProfessional) of the last "
                + "\(Limits.recentSessions) sessions is Limber's own choice (a project default).")
    }

    /// A suggestion that proposes a dose, or none when the dose would not change or would leave `DoseLimits`.
    private static func make(
        _ kind: ProgressionSuggestion.Kind, _ exercise: Exercise, value: String, message: String,
        proposed: DoseOverride, current: Dose, sources: [Source], note: String
    ) -> ProgressionSuggestion? {
        let dose = exercise.dose.applying(proposed)
        guard dose != current, isWithinLimits(dose) else { return nil }
        return ProgressionSuggestion(
            id: "\(kind.rawValue).\(exercise.id).\(value)", exerciseId: exercise.id, exerciseName: exercise.name,
            kind: kind, message: message, proposed: proposed, sources: sources, projectDefaultNote: note)
    }

    private static func isWithinLimits(_ dose: Dose) -> Bool {
        let amountFits: Bool
        switch dose.work {
        case .hold(let seconds): amountFits = DoseLimits.holdSeconds.contains(seconds)
        case .repetitions(let count, _): amountFits = DoseLimits.repetitions.contains(count)
        }
        return amountFits && DoseLimits.sets.contains(dose.sets) && DoseLimits.restSeconds.contains(dose.restSeconds)
    }

    // MARK: - Reading sessions

    /// What went wrong for an exercise in one session, if anything.
    private struct Trouble {
        var wasTooHard: Bool
        var painRise: Int?

        var painRose: Bool { painRise != nil }

        func lastTime(_ name: String) -> String {
            switch (wasTooHard, painRise) {
            case (true, let rise?):
                return "\(name) felt too hard last time, and your pain was \(rise) points higher afterwards."
            case (true, nil):
                return "\(name) felt too hard last time."
            case (false, let rise):
                return "Your pain was \(rise ?? 0) points higher after your last session with \(name) than before it."
            }
        }
    }

    private static func trouble(in session: SessionRecord, exerciseId: String) -> Trouble? {
        let wasTooHard = rating(of: exerciseId, in: session) == .tooHard
        var painRise: Int?
        if let before = session.painBefore, let after = session.painAfter, after - before >= Limits.meaningfulPainRise {
            painRise = after - before
        }
        guard wasTooHard || painRise != nil else { return nil }
        return Trouble(wasTooHard: wasTooHard, painRise: painRise)
    }

    private static func rating(of exerciseId: String, in session: SessionRecord) -> Difficulty? {
        session.ratings.last { $0.exerciseId == exerciseId }?.difficulty
    }

    /// A session included an exercise when it rated it, or finished a built-in routine that has it.
    /// Custom and planned routines are not in the catalog, so only their ratings say what was done.
    private static func includes(_ session: SessionRecord, _ exerciseId: String, catalog: Catalog) -> Bool {
        if session.ratings.contains(where: { $0.exerciseId == exerciseId }) { return true }
        guard session.isComplete, let routine = catalog.routine(session.routineId) else { return false }
        return routine.items.contains { $0.exerciseId == exerciseId }
    }

    private static func priority(_ kind: ProgressionSuggestion.Kind) -> Int {
        switch kind {
        case .askProfessional: return 0
        case .easeOff: return 1
        case .longerHold, .extraSet, .moreRepetitions, .handWeights: return 2
        }
    }

    private static func times(_ sets: Int) -> String {
        switch sets {
        case 1: return "once"
        case 2: return "twice"
        default: return "\(sets) times"
        }
    }

    /// The sources the rules rest on, cited as the catalog cites them.
    enum Reference {
        static let acsm = Source(
            kind: .reference,
            title: "ACSM's Guidelines for Exercise Testing and Prescription (flexibility and strength training)",
            publisher: "American College of Sports Medicine")
        static let hallegraeff = Source(
            kind: .reference,
            title: "Hallegraeff et al. 2012, stretching before sleep reduces night leg cramps (PMID 22341378)",
            publisher: "PubMed")
        static let mayoStretches = Source(
            kind: .reference, title: "A guide to basic stretches", publisher: "Mayo Clinic")
        static let painScale = Source(
            kind: .reference,
            title:
                "Farrar et al. 2001, a change of 2 points or 30 % on the 0-10 pain rating scale is clinically meaningful",
            publisher: "PubMed")
    }
}
