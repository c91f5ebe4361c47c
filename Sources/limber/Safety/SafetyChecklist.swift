import Foundation
import LimberCore

/// The red-flag checklist in a terminal: every question for the regions, numbered, answered in one
/// line. Pressing Enter means "none of these", so a person in pain is one key from starting.
enum SafetyChecklist {
    /// Loads the bundled safety content, or explains why it cannot.
    static func content() throws -> SafetyContent {
        do { return try SafetyLoader.bundled() } catch { throw UserError(error) }
    }

    /// Asks the questions and returns the answers: the numbers typed are yes, the rest no.
    static func ask(_ flags: [RedFlag]) -> [String: Bool] {
        print("Before you start, do any of these apply?")
        for (number, flag) in flags.enumerated() { print("  \(number + 1). \(flag.question)") }
        while true {
            FileHandle.standardOutput.write(
                Data("Type the numbers that apply (such as 2 5), or press Enter for none of these: ".utf8))
            let line = readLine() ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "," })
            let numbers = words.compactMap { Int($0) }
            guard numbers.count == words.count, numbers.allSatisfy({ (1...flags.count).contains($0) }) else {
                print("Please type numbers from 1 to \(flags.count), or press Enter for none.")
                continue
            }
            let chosen = Set(numbers.map { flags[$0 - 1].id })
            return Dictionary(uniqueKeysWithValues: flags.map { ($0.id, chosen.contains($0.id)) })
        }
    }

    /// The verdict as plain lines: what to do now, then why, with sources.
    static func render(_ verdict: SafetyVerdict) -> String {
        var lines: [String] = []
        switch verdict.level {
        case .urgent:
            lines.append("STOP: do not start the stretches.")
        case .seeDoctor:
            lines.append("You can go on with the stretches, but please see a doctor soon:")
        case .selfCare:
            lines.append("None of the warning signs apply. Stretch gently and stop if it hurts.")
        }
        for flag in verdict.reasons {
            lines.append("  ! \(flag.message)")
            lines.append(
                "    (you answered yes to: \(flag.question) Source: \(flag.sources.map(\.citation).joined(separator: "; ")))"
            )
        }
        return lines.joined(separator: "\n")
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
