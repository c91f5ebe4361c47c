import Foundation
import LimberCore

/// The short questions before and after a session, asked on an ordinary (cooked) terminal.
/// Each can be skipped with Enter; a wrong answer is asked again with what is accepted.
enum Prompts {
    static func pain(_ question: String) -> Int? {
        while true {
            ask("\(question) 0 (none) to 10 (worst), Enter to skip: ")
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return nil }
            if let value = Int(line), DiaryRules.pain.contains(value) { return value }
            print("Please type a whole number from 0 to 10, or press Enter to skip.")
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
            default: print("Please type 1, 2 or 3, or press Enter to skip.")
            }
        }
    }

    /// Writes a question without a newline, unbuffered, so it shows before the answer is read.
    private static func ask(_ question: String) {
        FileHandle.standardOutput.write(Data(question.utf8))
    }
}
