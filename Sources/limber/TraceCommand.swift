import ArgumentParser
import Foundation
import LimberCore

/// `limber trace`: plays a timeline through the real `SessionEngine` by a script of actions at
/// exact moments and prints where the session stands after each one, as JSON.
///
/// Hidden from help: it exists so the browser test can replay the same actions at the same
/// moments through the web player and check that both land on the same step at the same time.
/// A rule that drifts in `player.js` then fails a test.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Play a timeline through the session engine by a script and print where it stands after each action.",
        shouldDisplay: false)

    @Option(help: "A timeline as JSON, as `limber timeline --json` or /api/v1/timeline gives it; - reads stdin.")
    var timeline: String

    @Option(
        help: """
            Actions at moments in seconds, such as "start@0 pause@12.5 resume@20 skip@22 back@40 quit@60". \
            Actions: start, pause, resume, skip, back, quit, and tick (only let the time pass).
            """)
    var script: String

    /// One step of a script: what the person does, and when.
    struct Action {
        enum Kind {
            case start
            case command(SessionCommand)
            /// Nothing but time passing, as a player's timer ticks.
            case tick
        }

        var name: String
        var kind: Kind
        var seconds: Double

        /// The words a script may use, in the order the help gives them.
        static let kinds: [(name: String, kind: Kind)] = [
            ("start", .start), ("pause", .command(.pause)), ("resume", .command(.resume)), ("skip", .command(.skip)),
            ("back", .command(.back)), ("quit", .command(.quit)), ("tick", .tick),
        ]
    }

    /// Where the session stands after an action, with the names and numbers the web player exposes.
    struct Point: Encodable {
        var action: String
        var at: Double
        var stepIndex: Int
        var offset: Double
        var status: String
        var completed: [Int]
        var skipped: [Int]
    }

    func validate() throws {
        _ = try Self.actions(in: script)
        if timeline != "-", let problem = FileCheck.problemReading(timeline) {
            throw ValidationError("timeline: \(timeline): \(problem)")
        }
    }

    func run() throws {
        let data =
            timeline == "-"
            ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: timeline))
        let decoded: Timeline
        do { decoded = try JSONDecoder().decode(Timeline.self, from: data) } catch {
            throw UserError("timeline: \(timeline) is not a timeline as /api/v1/timeline gives it")
        }
        // Only an origin: every action happens at an exact offset from it, so the trace does not
        // depend on how fast this process runs.
        let origin = ContinuousClock.now
        var engine = SessionEngine<ContinuousClock.Instant>(timeline: decoded)
        var points: [Point] = []
        for action in try Self.actions(in: script) {
            let now = origin.advanced(by: .seconds(action.seconds))
            switch action.kind {
            case .start: _ = engine.start(at: now)
            case .command(let command): _ = engine.apply(command, at: now)
            case .tick: _ = engine.tick(at: now)
            }
            points.append(
                Point(
                    action: action.name, at: action.seconds, stepIndex: engine.stepIndex,
                    offset: engine.offset(at: now).inSeconds, status: Self.name(engine.status),
                    completed: engine.completedSteps.sorted(), skipped: engine.skippedSteps.sorted()))
        }
        try printJSON(points)
    }

    /// The script's actions in order; the moments may not go backwards, as time does not.
    static func actions(in script: String) throws -> [Action] {
        var actions: [Action] = []
        for word in script.split(whereSeparator: \.isWhitespace) {
            let parts = word.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, let kind = Action.kinds.first(where: { $0.name == parts[0] })?.kind,
                let seconds = Double(parts[1]), seconds.isFinite, seconds >= 0
            else {
                let names = Action.kinds.map(\.name).joined(separator: ", ")
                throw ValidationError("script: \(word) is not ACTION@SECONDS; use one of \(names), such as skip@12.5")
            }
            if let last = actions.last, seconds < last.seconds {
                throw ValidationError(
                    "script: \(word) comes before \(last.name)@\(last.seconds); keep the moments in order")
            }
            actions.append(Action(name: String(parts[0]), kind: kind, seconds: seconds))
        }
        guard !actions.isEmpty else { throw ValidationError("script: give at least one action, such as start@0") }
        return actions
    }

    /// The engine's status by name, as the web player's own; its "stopped" is the engine's finished after a quit.
    static func name(_ status: SessionEngine<ContinuousClock.Instant>.Status) -> String {
        switch status {
        case .ready: "ready"
        case .running: "running"
        case .paused: "paused"
        case .finished: "finished"
        }
    }
}
