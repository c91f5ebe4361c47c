import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("limber start in a real pseudo-terminal", .serialized, .timeLimit(.minutes(3)))
struct TerminalSessionTests {
    /// `limber start` in a real terminal, at its first question: by default the tiny catalog's
    /// 2 s routine.
    func startSession(
        _ database: TestDatabase,
        arguments: [String] = ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--quiet", "--skip-check"],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (PseudoTerminal, Process) {
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(try CLI.executable, arguments: arguments, environment: database.environment)
        #expect(
            terminal.waitFor("How much does it hurt right now?", seconds: 20), sourceLocation: sourceLocation)
        return (terminal, process)
    }

    @Test("The full-screen session shows the countdown, asks the questions and saves the record")
    func guidedSessionIsSaved() throws {
        let database = TestDatabase()
        let (terminal, process) = try startSession(database)
        terminal.type("4\r")
        // The countdown is drawn in block digits; the 2 s hold shows a "2" made of full blocks.
        #expect(terminal.waitFor("Left leg · hold 2 s", seconds: 10))
        #expect(terminal.waitFor("█████", seconds: 5))
        #expect(terminal.waitFor("s left", seconds: 5))
        #expect(terminal.waitFor("Tiny calf stretch: 1 too easy", seconds: 20))
        terminal.type("3\r")
        #expect(terminal.waitFor("How much does it hurt now?", seconds: 5))
        terminal.type("2\r")
        #expect(terminal.waitFor("Saved:", seconds: 10))
        terminal.wait(for: process)
        #expect(process.terminationStatus == 0)
        // The alternate screen was left and the cursor shown again.
        #expect(terminal.screen.contains("\u{1B}[?1049l"))

        let sessions = try database.history().sessions
        #expect(sessions.count == 1)
        let session = try #require(sessions.first)
        #expect(session["isComplete"] as? Bool == true)
        #expect(session["painBefore"] as? Int == 4)
        #expect(session["painAfter"] as? Int == 2)
        let ratings = session["ratings"] as? [[String: Any]]
        #expect(ratings?.first?["difficulty"] as? String == "too-hard")
    }

    @Test("q quits at once, restores the terminal and saves the session as incomplete")
    func quitSavesIncomplete() throws {
        let database = TestDatabase()
        let (terminal, process) = try startSession(database, arguments: ["start", "seed-full", "--quiet"])
        terminal.type("\r")
        #expect(terminal.waitFor("Get ready: Calf stretch at a wall", seconds: 10))
        terminal.type("q")
        #expect(terminal.waitFor("Stopped early.", seconds: 10))
        #expect(terminal.screen.contains("\u{1B}[?25h"))
        terminal.type("\r\r\r\r\r\r\r")
        #expect(terminal.waitFor("marked incomplete", seconds: 10))
        terminal.wait(for: process)
        let session = try #require(try database.history().sessions.first)
        #expect(session["isComplete"] as? Bool == false)
    }

    @Test("SIGTERM during a session restores the terminal and keeps what was done")
    func sigtermRestoresTerminal() throws {
        let database = TestDatabase()
        let (terminal, process) = try startSession(database, arguments: ["start", "seed-full", "--quiet"])
        terminal.type("\r")
        #expect(terminal.waitFor("Get ready: Calf stretch at a wall", seconds: 10))
        kill(process.processIdentifier, SIGTERM)
        terminal.wait(for: process)
        terminal.waitFor("Saved:", seconds: 5)
        #expect(terminal.screen.contains("\u{1B}[?1049l"))
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(try database.history().sessions.count == 1)
    }

    @Test("Closing the terminal (SIGHUP) mid-session saves the steps done, asks nothing, and exits")
    func hangUpSavesWhatWasDone() throws {
        let database = TestDatabase()
        let (terminal, process) = try startSession(database)
        terminal.type("5\r")
        // "Right leg" shows as next up in the switch, by when the setup and the left leg's hold ran in full.
        #expect(terminal.waitFor("Right leg · hold 2 s", seconds: 15))
        kill(process.processIdentifier, SIGHUP)
        terminal.wait(for: process)

        #expect(process.terminationStatus == 128 + SIGHUP)
        #expect(!terminal.screen.contains("1 too easy"), "no one is left to answer the questions")
        let sessions = try database.history().sessions
        #expect(sessions.count == 1)
        let session = try #require(sessions.first)
        #expect(session["isComplete"] as? Bool == false)
        let done = try #require(session["stepsCompleted"] as? Int)
        #expect((2...3).contains(done), "the setup and the left leg's hold at least: \(session)")
        #expect(session["stepsTotal"] as? Int == 4)
        #expect(session["painBefore"] as? Int == 5)
    }

    @Test("A Ctrl-C at the rating question after a stopped session still keeps what was done")
    func secondInterruptKeepsTheRecord() throws {
        let database = TestDatabase()
        let (terminal, process) = try startSession(database)
        terminal.type("\r")
        #expect(terminal.waitFor("Right leg · hold 2 s", seconds: 15))
        // The first Ctrl-C: in the full-screen session it stops, as q does.
        terminal.type("\u{03}")
        #expect(terminal.waitFor("Tiny calf stretch: 1 too easy", seconds: 10))
        // The second, at the question: the default SIGINT ends the process on the spot.
        kill(process.processIdentifier, SIGINT)
        terminal.wait(for: process)

        #expect(process.terminationReason == .uncaughtSignal)
        let session = try #require(try database.history().sessions.first)
        #expect((session["stepsCompleted"] as? Int ?? 0) >= 2, "the setup and the left leg's hold: \(session)")
        #expect(session["isComplete"] as? Bool == false)
        #expect((session["ratings"] as? [Any])?.isEmpty == true)
    }

    @Test("A session skipped through to its end is saved with its skipped steps and is not complete")
    func skippedSessionIsNotComplete() throws {
        let database = TestDatabase()
        let (terminal, process) = try startSession(database)
        terminal.type("\r")
        #expect(terminal.waitFor("Left leg · hold 2 s", seconds: 15))
        terminal.type("nnn")
        #expect(terminal.waitFor("Finished, skipping", seconds: 10))
        terminal.type("\r\r")
        #expect(terminal.waitFor("Saved:", seconds: 10))
        terminal.wait(for: process)

        let session = try #require(try database.history().sessions.first)
        #expect(session["isComplete"] as? Bool == false)
        let done = try #require(session["stepsCompleted"] as? Int)
        let skipped = try #require(session["stepsSkipped"] as? Int)
        #expect(skipped >= 1)
        #expect(done + skipped == 4, "every step was done or skipped: \(session)")
        #expect(terminal.screen.contains("\(skipped) skipped, marked incomplete"))
    }

    @Test("Without a terminal, the session prints plain timestamped lines")
    func plainLines() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--none-apply"], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("00:01  Tiny calf stretch  Left leg · hold 2 s"))
        #expect(run.stdout.contains("00:04  Tiny calf stretch  Right leg · hold 2 s"))
        #expect(!run.stdout.contains("\u{1B}["), "no terminal control codes in a pipe")
        #expect(try database.history().sessions.count == 1)
    }

    @Test("TERM=dumb in a real terminal gets plain timestamped lines and not one escape sequence")
    func dumbTerminal() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable,
            arguments: ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--skip-check"],
            environment: database.environment.merging(["TERM": "dumb"]) { $1 })
        #expect(terminal.waitFor("How much does it hurt right now?", seconds: 20))
        terminal.type("\r")
        #expect(terminal.waitFor("00:01  Tiny calf stretch  Left leg · hold 2 s", seconds: 10))
        #expect(terminal.waitFor("Tiny calf stretch: 1 too easy", seconds: 20))
        terminal.type("\r")
        #expect(terminal.waitFor("How much does it hurt now?", seconds: 5))
        terminal.type("\r")
        #expect(terminal.waitFor("Saved:", seconds: 10))
        terminal.wait(for: process)
        #expect(process.terminationStatus == 0)
        #expect(!terminal.screen.contains("\u{1B}"), "no escape sequence of any kind")
        #expect(!terminal.screen.contains("\u{07}"), "no bell either")
    }

    @Test("--voice without a speech program says so plainly and the session still runs")
    func voiceWithoutSpeechProgram() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--voice", "--no-save", "--none-apply"],
            environment: database.environment.merging(["PATH": "/nonexistent"]) { $1 })
        #expect(run.status == 0)
        #expect(run.stderr.contains("espeak-ng"))
        #expect(run.stdout.contains("finished"))
        #expect(!FileManager.default.fileExists(atPath: database.path), "--no-save writes nothing")
    }

    @Test("An urgent warning sign at the check stops a relief session before it starts")
    func urgentAnswerStopsTheSession() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "--region", "lower-back", "--quiet"],
            environment: database.environment)
        #expect(terminal.waitFor("Before you start, do any of these apply?", seconds: 20))
        #expect(terminal.waitFor("Enter = none of these", seconds: 5))
        // Split on any line break: a terminal ends lines with "\r\n", which Swift reads as one character.
        let lines = terminal.screen.split(whereSeparator: \.isNewline)
        let numbered = try #require(lines.first { $0.contains("numbness around the groin or buttocks") })
        let number = try #require(numbered.trimmingCharacters(in: .whitespaces).split(separator: ".").first)
        terminal.type("\(number)\r")
        #expect(terminal.waitFor("STOP: do not start the stretches.", seconds: 10))
        #expect(terminal.waitFor("urgent", seconds: 5))
        terminal.wait(for: process, seconds: 10)
        #expect(process.terminationStatus == 3)
        #expect(!terminal.screen.contains("How much does it hurt right now?"), "the session never began")
        let sessions = FileManager.default.fileExists(atPath: database.path) ? try database.history().sessions : []
        #expect(sessions.isEmpty, "no session record was saved")
    }

    @Test("Pressing Enter at the check means none of these, and the session goes on")
    func noneOfTheseStartsTheSession() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--quiet"],
            environment: database.environment)
        #expect(terminal.waitFor("Enter = none of these", seconds: 20))
        // One Enter per screen of questions: each is an explicit "none of these" for that screen.
        for _ in 0..<5 where !terminal.waitFor("How much does it hurt right now?", seconds: 2) {
            terminal.type("\r")
        }
        #expect(terminal.waitFor("How much does it hurt right now?", seconds: 10))
        terminal.type("q")
        process.terminate()
        terminal.wait(for: process)
    }

    @Test("Closing the input at the warning-sign prompt is not \"none of these\": no session starts")
    func endOfInputAtTheCheck() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--quiet"],
            environment: database.environment)
        #expect(terminal.waitFor("Enter = none of these", seconds: 20))
        terminal.type("\u{04}")  // Ctrl-D: end of input
        #expect(terminal.waitFor("The check is not finished", seconds: 10))
        terminal.wait(for: process, seconds: 10)
        #expect(process.terminationStatus == 4)
        #expect(!terminal.screen.contains("How much does it hurt right now?"), "the session never began")
    }

    @Test(
        "Without a terminal, a relief session is refused on stderr unless answers, --none-apply or --skip-check are given"
    )
    func noTerminalNoCheckNoSession() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog], environment: database.environment)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("limber: check: there is no terminal"))
        #expect(run.stderr.contains("--skip-check") && run.stderr.contains("--none-apply"))
        #expect(run.stdout.isEmpty, "nothing else happened first")
        let stored = FileManager.default.fileExists(atPath: database.path) ? try database.history().sessions : []
        #expect(stored.isEmpty)
        let partial = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--answer", "frequent-cramps=no"],
            environment: database.environment)
        #expect(partial.status == 4, "answering some questions leaves the check incomplete")
    }

    @Test("In a short terminal the warning-sign questions come one screen at a time")
    func questionsOneScreenAtATime() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal(columns: 40, rows: 15)
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "--region", "lower-back", "--quiet", "--no-save"],
            environment: database.environment)
        #expect(terminal.waitFor("(1 of ", seconds: 20))
        #expect(!terminal.screen.contains("(2 of "))
        terminal.type("\r")
        #expect(terminal.waitFor("(2 of ", seconds: 10))
        process.terminate()
        terminal.wait(for: process)
    }
}
