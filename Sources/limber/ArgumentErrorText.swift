import Foundation

/// The argument parser's messages for a bad value, in Limber's one-line form: the field, the value
/// and what is accepted (`side: "both" is not accepted; use left or right`).
///
/// The parser does the parsing; only its wording is changed, and only for the shapes below, which
/// the CLI tests pin. Any other message passes through unchanged.
enum ArgumentErrorText {
    static func oneLine(_ message: String) -> String {
        if let match = message.wholeMatch(of: invalidValue) {
            let field = String(match.output.2 ?? match.output.3)
            return "\(field): \"\(match.output.1)\" is not accepted; \(accepted(String(match.output.4)))"
        }
        if let match = message.wholeMatch(of: missingValue) {
            return "\(match.output.1): missing; give a value after --\(match.output.1)"
        }
        return message
    }

    /// The parser's list of allowed values, or a custom reason, as the second half of the line.
    private static func accepted(_ rest: String) -> String {
        // "Please provide one of the following:\n  - a\n  - b" for long lists, "one of 'a' and 'b'." for short ones.
        if rest.contains("Please provide one of") {
            let values = rest.split(whereSeparator: \.isNewline).dropFirst().map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " -"))
            }
            let list =
                values.isEmpty
                ? rest.components(separatedBy: "one of ").last!.replacingOccurrences(of: "'", with: "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "."))
                    .replacingOccurrences(of: " and ", with: " or ")
                : values.joined(separator: ", ")
            return "use \(list)"
        }
        if rest.hasPrefix(": ") { return String(rest.dropFirst(2)) }
        return "see `limber help` for what it accepts"
    }

    // Built per call: Regex is not Sendable, so it cannot be a shared static in Swift 6.
    private static var invalidValue: Regex<(Substring, Substring, Substring?, Substring, Substring)> {
        #/The value '(.*)' is invalid for '(?:--([\w-]+) |-\w )?<([\w-]+)>'((?s).*)/#
    }

    private static var missingValue: Regex<(Substring, Substring)> {
        #/Missing value for '--([\w-]+) <[\w-]+>'/#
    }
}
