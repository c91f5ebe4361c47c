import ArgumentParser
import Foundation
import LimberCore
import LimberStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a guided session: a routine by id, or one planned for where it hurts.",
        discussion: """
            Keys: space pauses and resumes, n (or →) skips, b (or ←) goes back, q quits and saves what was done.
            """)

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "A routine id, as `limber routines` prints it.")
    var routineID: String?

    @Option(name: .customLong("region"), help: "Plan a session for this region instead; repeat for more.")
    var regions: [String] = []

    @Option(help: "The side that hurts: left or right.")
    var side: Side?

    @Option(help: "relief (now), prevention (regularly) or bedtime.")
    var goal: Goal = .relief

    @Flag(help: "Speak the cues (needs espeak-ng on Linux or say on macOS).")
    var voice = false

    @Flag(help: "No bell at each new step.")
    var quiet = false

    @Flag(name: .customLong("no-save"), help: "Do not save a session record.")
    var noSave = false

    @Flag(help: "Skip the warning-sign questions asked before a relief session.")
    var skipCheck = false

    @Option(
        name: .customLong("answer"),
        help: "Answer a warning-sign question without a terminal, such as cramp-over-10-minutes=no. Repeatable.")
    var answers: [String] = []

    @Flag(help: "None of the warning signs apply: every question not answered with --answer is a no.")
    var noneApply = false

    func validate() throws {
        if routineID == nil && regions.isEmpty {
            throw ValidationError("routine: give a routine id or --region, for example `limber start --region calf`")
        }
        if routineID != nil && !regions.isEmpty {
            throw ValidationError("routine: give a routine id or --region, not both")
        }
    }

    /// A session in named steps: choose the routine and compile it, ask the warning-sign check,
    /// say what changed and what to take care with, play it, save what was done at once, then ask
    /// the ratings and pain and save them too.
    func run() async throws {
        let catalog = try catalogSource.load()
        let conditions = try await storeOptions.existingConditions()
        let (routine, changes) = try await chooseRoutine(catalog, conditions: conditions)
        // Open the database before the session, so a problem with it shows before any effort is lost.
        let store = noSave ? nil : try await storeOptions.openStore().store
        let timeline = try await compile(routine, catalog: catalog, store: store)
        let isInteractive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        // Relief means a spasm is happening now: the moment to ask whether it needs a doctor instead.
        if routine.purpose == .relief && !skipCheck { try askSafetyCheck(routine, isInteractive: isInteractive) }
        sayBeforeTheStart(changes, timeline: timeline, catalog: catalog, conditions: conditions)
        var painBefore: Int?
        if isInteractive {
            Prompts.say("\(timeline.routineName): \(formatDuration(timeline.totalSeconds)).")
            Prompts.say("Stop if anything hurts more than mild tension.")
            painBefore = Prompts.pain("How much does it hurt right now?")
        }
        let played = await play(timeline, catalog: catalog, isInteractive: isInteractive)
        let done = timeline.steps.filter { played.outcome.completedSteps.contains($0.index) }
        var record = SessionRecord(
            routineId: timeline.routineId, routineName: timeline.routineName, startedAt: played.startedAt,
            endedAt: played.endedAt, isComplete: played.outcome.isEveryStepDone, stepsCompleted: done.count,
            stepsSkipped: played.outcome.skippedSteps.count, stepsTotal: timeline.stepsTotal, painBefore: painBefore)
        // Saved before any question is asked: once the watcher has stopped, a second Ctrl-C or a
        // closed terminal at a prompt ends the process, and what was done must already be on disk.
        if let store { record = try await store.addSession(record, profile: storeOptions.person) }
        if isInteractive && played.caughtSignal == nil {
            try await askAfterwards(&record, done: done, outcome: played.outcome, store: store)
        }
        if let store {
            print(
                "Saved: \(record.stepsDescription)\(record.isComplete ? "" : ", marked incomplete"). "
                    + "See `limber history`.")
            try await ProgressText.printSuggestions(
                for: Set(done.compactMap(\.exerciseId)), store: store, person: storeOptions.person, catalog: catalog)
        }
        if let caughtSignal = played.caughtSignal { Foundation.exit(128 + caughtSignal) }
    }

    /// The routine's timeline with the person's own doses.
    private func compile(_ routine: Routine, catalog: Catalog, store: (any Store)?) async throws -> Timeline {
        var store = store
        if store == nil { store = try await storeOptions.openExistingStore() }
        let personalDoses = try await store?.personalDoseOverrides(profile: storeOptions.person) ?? [:]
        do {
            return try TimelineCompiler(catalog: catalog, personalDoses: personalDoses).compile(routine)
        } catch { throw UserError(error) }
    }

    /// The warning-sign questions, from `--answer`/`--none-apply` or asked a screen at a time;
    /// exits (3 or 4) unless the session may start. Without a terminal and without answers it
    /// refuses: a check nobody answered must not pass.
    private func askSafetyCheck(_ routine: Routine, isInteractive: Bool) throws {
        let content = try SafetyChecklist.content()
        var given = try SafetyChecklist.parseAnswers(answers, content: content)
        if given.isEmpty && !noneApply {
            guard isInteractive else {
                throw UserError(
                    "check: there is no terminal to ask the warning-sign questions in; answer them with "
                        + "--answer ID=yes|no (`limber safety` lists every question with its id), "
                        + "add --none-apply if none of them apply, or --skip-check")
            }
            let size = RawTerminal.shared.size
            given = SafetyChecklist.ask(content.flags(for: routine.regions), columns: size.columns, rows: size.rows)
        }
        let verdict = SafetyCheck.evaluate(given, content: content, regions: routine.regions, noneApply: noneApply)
        if verdict.level != .selfCare || !verdict.regionAdvice.isEmpty { SafetyChecklist.show(verdict) }
        try SafetyChecklist.exitUnlessStartable(verdict)
    }

    /// What the saved conditions changed, and every caution that concerns this person, before the
    /// start: in a routine of their own too, where an exercise to avoid may remain. The same lines
    /// as the web player's "Before you start", each caution once.
    private func sayBeforeTheStart(
        _ changes: [String], timeline: Timeline, catalog: Catalog, conditions: Set<Condition>
    ) {
        for change in changes { Prompts.say(change) }
        let exercises = timeline.steps.compactMap(\.exerciseId).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        for caution in Caution.sharedLines(for: exercises.compactMap(catalog.exercise), conditions: conditions) {
            Prompts.say("Take care: \(caution)", continuationIndent: "  ")
        }
    }

    /// What playing a session gave: the engine's outcome, when it ran, and a signal that ended it.
    private struct Played {
        var outcome: SessionOutcome
        var startedAt: Date
        var endedAt: Date
        var caughtSignal: Int32?
    }

    /// Plays the timeline full-screen in a terminal, or as plain timestamped lines, with keys,
    /// voice and bell as asked; the terminal is restored however it ends.
    private func play(_ timeline: Timeline, catalog: Catalog, isInteractive: Bool) async -> Played {
        // Printed lines wait in a buffer when stdout is a pipe, and the session's own lines are
        // written straight to the file handle: send these first, so they come out in order.
        fflush(nil)
        var speaker: Speaker?
        if voice {
            speaker = Speaker(environment: ProcessInfo.processInfo.environment)
            if speaker == nil { FileHandle.standardError.write(Data((Speaker.missingMessage + "\n").utf8)) }
        }
        let (commands, control) = AsyncStream<SessionCommand>.makeStream()
        // SIGHUP is the terminal closing: stop and save as `q` does, with no one left to answer questions.
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM, SIGHUP]) { _ in control.yield(.quit) }
        let isFullScreen = isInteractive && RawTerminal.shared.enter()
        let keys = KeyReader()
        if isFullScreen { keys.start { control.yield($0) } }
        var figures: [String: BrailleFigure] = [:]
        if BrailleSupport.isAvailable(environment: ProcessInfo.processInfo.environment) {
            for id in Set(timeline.steps.compactMap(\.exerciseId)) {
                if let exercise = catalog.exercise(id) { figures[id] = BrailleFigure(exercise) }
            }
        }
        let display = SessionDisplay(
            timeline: timeline, mode: isFullScreen ? .fullScreen : .plainLines, speaker: speaker, ringsBell: !quiet,
            figures: figures)
        let startedAt = Date()
        let outcome = await SessionRunner(clock: ContinuousClock()).run(
            timeline, commands: commands, progressEvery: isFullScreen ? .milliseconds(250) : nil
        ) { event in
            await display.handle(event)
        }
        keys.stop()
        RawTerminal.shared.restore()
        speaker?.stop()
        let endedAt = Date()
        return Played(outcome: outcome, startedAt: startedAt, endedAt: endedAt, caughtSignal: signals.stop())
    }

    /// How it went, a rating for each exercise done and the pain now; saved onto the record.
    private func askAfterwards(
        _ record: inout SessionRecord, done: [TimelineStep], outcome: SessionOutcome, store: (any Store)?
    ) async throws {
        print(
            outcome.isEveryStepDone
                ? "Well done: the whole routine is finished."
                : outcome.isComplete
                    ? "Finished, skipping \(outcome.skippedSteps.count) of \(record.stepsTotal) steps."
                    : "Stopped early.")
        var asked: Set<String> = []
        for step in done {
            guard let id = step.exerciseId, let name = step.exerciseName, asked.insert(id).inserted else { continue }
            if let difficulty = Prompts.difficulty(of: name) {
                record.ratings.append(.init(exerciseId: id, difficulty: difficulty))
            }
        }
        record.painAfter = Prompts.pain("How much does it hurt now?")
        if let store, !record.ratings.isEmpty || record.painAfter != nil {
            record = try await store.updateSession(record, profile: storeOptions.person) ?? record
        }
    }

    /// The routine to play, fitted to the saved conditions, and what that changed, in sentences.
    /// A routine id may name one of Limber's own or one the person made, here or on the web.
    private func chooseRoutine(_ catalog: Catalog, conditions: Set<Condition>) async throws -> (Routine, [String]) {
        if let routineID {
            let fitted = try await storeOptions.existingLibrary(catalog: catalog).playable(
                routineID, conditions: conditions)
            return (fitted.routine, fitted.swaps.map(\.note))
        }
        return try plan(catalog, conditions: conditions)
    }

    /// The routine planned for `--region`, and what the conditions left out of it.
    private func plan(_ catalog: Catalog, conditions: Set<Condition>) throws -> (Routine, [String]) {
        do {
            let plan = try Planner(catalog: catalog).plan(
                PlanRequest(
                    regions: regions, side: side, goal: goal, conditions: Condition.allCases.filter(conditions.contains)
                ))
            return (plan.routine, plan.leftOut.map(\.note))
        } catch {
            throw UserError(error)
        }
    }
}
