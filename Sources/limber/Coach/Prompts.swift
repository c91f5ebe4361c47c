import Foundation
import LimberCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The short questions before and after a session, asked on an ordinary (cooked) terminal.
/// Each can be skipped with Enter; a wrong answer is asked again with what is accepted.
enum Prompts {
    static func pain(_ question: String) -> Int? {
        while true {
            ask("\(question) 0 (none) to 10 (worst), Enter to skip: ")
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return nil }
            if let value = Int(line), DiaryRules.pain.contains(value) { return value }
            say("Please type a whole number from 0 to 10, or press Enter to skip.")
        }
    }

    static func difficulty(of exerciseName: String) -> Difficulty? {
        while true {
            ask("\(exerciseName): 1 too easy, 2 about right, 3 too hard, Enter to skip: ")
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return nil }
            switch line {
            case "1": return .tooEasy
            case "2": return .aboutRight
            case "3": return .tooHard
            default: say("Please type 1, 2 or 3, or press Enter to skip.")
            }
        }
    }

    /// Writes a question without a newline, unbuffered, so it shows before the answer is read.
    /// The answer is typed after the last line, so that line keeps a column free for the cursor.
    private static func ask(_ question: String) {
        let lines = WordWrap.lines(question, width: terminalColumns - 1)
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + " ").utf8))
    }

    /// Prints a line broken between words at the terminal's width; for any sentence printed around
    /// a session (StartCommand's own lines could use it too).
    static func say(_ text: String, continuationIndent indent: String = "") {
        print(WordWrap.lines(text, width: terminalColumns, continuationIndent: indent).joined(separator: "\n"))
    }

    /// The terminal's width, so a narrow one breaks lines between words instead of inside them;
    /// unlimited when the output is not a terminal.
    private static var terminalColumns: Int {
        isatty(STDOUT_FILENO) == 1 ? RawTerminal.shared.size.columns : Int.max
    }
}
