import ArgumentParser
import Foundation
import LimberCore

/// The red-flag checklist in a terminal, one screen of numbered questions at a time, each screen
/// answered in one line. Enter at a prompt that says "Enter = none of these" is an explicit answer;
/// end of input (a closed terminal, Ctrl-D) is not, and leaves the rest unanswered.
enum SafetyChecklist {
    /// Loads the bundled safety content, or explains why it cannot.
    static func content() throws -> SafetyContent {
        do { return try SafetyLoader.bundled() } catch { throw UserError(error) }
    }

    /// The flags in screens that fit `rows` lines of `columns`, keeping file order (urgent first).
    static func screens(_ flags: [RedFlag], columns: Int, rows: Int) -> [[RedFlag]] {
        // A heading, a prompt and a line for a retry message are on every screen.
        let room = max(3, rows - 4)
        let width = max(20, columns)
        var screens: [[RedFlag]] = []
        var current: [RedFlag] = []
        var used = 0
        for flag in flags {
            let lines = WordWrap.lines(
                numbered(current.count + 1, flag), width: width, continuationIndent: hanging(current.count + 1)
            ).count
            if !current.isEmpty && used + lines > room {
                screens.append(current)
                current = []
                used = 0
            }
            current.append(flag)
            used +=
                WordWrap.lines(numbered(current.count, flag), width: width, continuationIndent: hanging(current.count))
                .count
        }
        if !current.isEmpty { screens.append(current) }
        return screens
    }

    /// Asks the questions a screen at a time: the numbers typed are yes, the rest of that screen no.
    /// Stops at the first urgent yes, since nothing later can change the advice, and at end of input,
    /// returning only what was answered so the check is incomplete rather than passed.
    static func ask(_ flags: [RedFlag], columns: Int, rows: Int) -> [String: Bool] {
        var answers: [String: Bool] = [:]
        let pages = screens(flags, columns: columns, rows: rows)
        for (page, screen) in pages.enumerated() {
            let part = pages.count > 1 ? " (\(page + 1) of \(pages.count))" : ""
            print("")
            print(wrapped("Before you start, do any of these apply?\(part)", columns))
            for (number, flag) in screen.enumerated() {
                print(wrapped(numbered(number + 1, flag), columns, indent: hanging(number + 1)))
            }
            guard let chosen = answer(screen.count, columns: columns) else { return answers }
            for (number, flag) in screen.enumerated() { answers[flag.id] = chosen.contains(number + 1) }
            if screen.enumerated().contains(where: { chosen.contains($0.offset + 1) && $0.element.level == .urgent }) {
                return answers
            }
        }
        return answers
    }

    private static func numbered(_ number: Int, _ flag: RedFlag) -> String { "\(number). \(flag.question)" }

    /// Wrapped lines of a question start under its first word, so the numbers stand out.
    private static func hanging(_ number: Int) -> String { String(repeating: " ", count: "\(number). ".count) }

    private static func wrapped(_ text: String, _ columns: Int, indent: String = "") -> String {
        WordWrap.lines(text, width: columns, continuationIndent: indent).joined(separator: "\n")
    }

    /// One screen's answer: the numbers typed (empty for Enter), or nil at end of input.
    private static func answer(_ count: Int, columns: Int) -> Set<Int>? {
        while true {
            FileHandle.standardOutput.write(
                Data(wrapped("Numbers that apply (such as 1 3), Enter = none of these: ", columns).utf8))
            guard let line = readLine() else {
                print("")
                return nil
            }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "," })
            let numbers = words.compactMap { Int($0) }
            guard numbers.count == words.count, numbers.allSatisfy({ (1...count).contains($0) }) else {
                print(wrapped("Please type numbers from 1 to \(count), or press Enter for none.", columns))
                continue
            }
            return Set(numbers)
        }
    }

    /// The verdict as plain lines: what to do now, then why, with sources.
    /// Prints the verdict, each line wrapped at the terminal's width, in colour where it can be.
    static func show(_ verdict: SafetyVerdict) {
        for line in render(verdict, style: .standardOutput()).split(separator: "\n") {
            // "  ! advice" and "    (source)" lines wrap under their own text.
            Prompts.say(String(line), continuationIndent: "    ")
        }
    }

    /// Prints the verdict as plain lines; `style` colours urgent lines red and see-a-doctor ones yellow where the terminal can show it.
    static func render(_ verdict: SafetyVerdict, style: TerminalStyle) -> String {
        var lines: [String] = []
        switch verdict.level {
        case .urgent:
            lines.append(style.urgent("STOP: do not start the stretches."))
        case .incomplete:
            lines.append(
                "The check is not finished: \(verdict.unanswered.count) question\(verdict.unanswered.count == 1 ? "" : "s") "
                    + "had no answer, so no session starts. Answer them with --answer ID=yes|no, or add "
                    + "--none-apply if none of them apply.")
        case .seeDoctor where !verdict.canStartSession:
            lines.append(
                style.seeDoctor(
                    "Stretching is not the answer for this, so no session starts. Please see a doctor soon:"))
        case .seeDoctor:
            lines.append(style.seeDoctor("You can go on with the stretches, but please see a doctor soon:"))
        case .selfCare:
            lines.append("None of the warning signs apply. Stretch gently and stop if it hurts.")
        }
        for flag in verdict.reasons {
            let message = "  ! \(flag.message)"
            lines.append(flag.level == .urgent ? style.urgent(message) : style.seeDoctor(message))
            lines.append(
                "    (you answered yes to: \(flag.question) Source: \(flag.sources.map(\.citation).joined(separator: "; ")))"
            )
        }
        for advice in verdict.regionAdvice {
            lines.append(style.seeDoctor("  ! \(advice.message)"))
            lines.append("    (Source: \(advice.sources.map(\.citation).joined(separator: "; ")))")
        }
        return lines.joined(separator: "\n")
    }

    /// Exit code 3 when a warning sign stops the session (urgent help, or a cramp stretching does
    /// not treat), 4 for a check left incomplete; returns when a session may start.
    static func exitUnlessStartable(_ verdict: SafetyVerdict) throws {
        if verdict.level == .incomplete { throw ExitCode(4) }
        if !verdict.canStartSession { throw ExitCode(3) }
    }

    /// Reads `ID=yes|no` answers from the command line.
    static func parseAnswers(_ texts: [String], content: SafetyContent) throws -> [String: Bool] {
        var answers: [String: Bool] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = ["yes": true, "no": false][parts[1].lowercased()] else {
                throw UserError(
                    "answer: \"\(text)\" is not accepted; use ID=yes or ID=no, such as cramp-over-10-minutes=no")
            }
            guard content.flag(parts[0]) != nil else {
                throw UserError(
                    "answer: \"\(parts[0])\" is not a question Limber asks; `limber safety` lists them all")
            }
            answers[parts[0]] = value
        }
        return answers
    }
}
