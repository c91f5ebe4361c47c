import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("limber start in a real pseudo-terminal", .timeLimit(.minutes(2)))
struct TerminalSessionTests {
    @Test("The full-screen session shows the countdown, asks the questions and saves the record")
    func guidedSessionIsSaved() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--quiet"],
            environment: database.environment)
        #expect(terminal.waitFor("How much does it hurt right now?", seconds: 20))
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
        process.waitUntilExit()
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
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "seed-full", "--quiet"], environment: database.environment)
        #expect(terminal.waitFor("How much does it hurt right now?", seconds: 20))
        terminal.type("\r")
        #expect(terminal.waitFor("Calf stretch at a wall", seconds: 10))
        terminal.type("q")
        #expect(terminal.waitFor("Stopped early.", seconds: 10))
        #expect(terminal.screen.contains("\u{1B}[?25h"))
        terminal.type("\r\r\r\r\r\r\r")
        #expect(terminal.waitFor("marked incomplete", seconds: 10))
        process.waitUntilExit()
        let session = try #require(try database.history().sessions.first)
        #expect(session["isComplete"] as? Bool == false)
    }

    @Test("SIGTERM during a session restores the terminal and keeps what was done")
    func sigtermRestoresTerminal() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["start", "seed-full", "--quiet"], environment: database.environment)
        #expect(terminal.waitFor("How much does it hurt right now?", seconds: 20))
        terminal.type("\r")
        #expect(terminal.waitFor("Calf stretch at a wall", seconds: 10))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        terminal.waitFor("Saved:", seconds: 5)
        #expect(terminal.screen.contains("\u{1B}[?1049l"))
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(try database.history().sessions.count == 1)
    }

    @Test("Without a terminal, the session prints plain timestamped lines")
    func plainLines() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("00:01  Tiny calf stretch  Left leg · hold 2 s"))
        #expect(run.stdout.contains("00:04  Tiny calf stretch  Right leg · hold 2 s"))
        #expect(!run.stdout.contains("\u{1B}["), "no terminal control codes in a pipe")
        #expect(try database.history().sessions.count == 1)
    }

    @Test("--voice without a speech program says so plainly and the session still runs")
    func voiceWithoutSpeechProgram() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--voice", "--no-save"],
            environment: database.environment.merging(["PATH": "/nonexistent"]) { $1 })
        #expect(run.status == 0)
        #expect(run.stderr.contains("espeak-ng"))
        #expect(run.stdout.contains("finished"))
        #expect(!FileManager.default.fileExists(atPath: database.path), "--no-save writes nothing")
    }
}
