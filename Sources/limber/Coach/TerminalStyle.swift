import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How text is dressed for the terminal it goes to: bold, dim and colour where the terminal
/// shows them; plain text where it cannot (not a terminal, `TERM=dumb` or no `TERM`), and no
/// colour when the person set `NO_COLOR` (https://no-color.org), though bold still marks what
/// matters. Every function returns its text unchanged when escapes are off, so callers never test.
///
/// ```swift
/// let style = TerminalStyle.standardOutput()
/// print(style.urgent("Call an ambulance now."))
/// print(style.seeDoctor("See a doctor in the next few days."))
/// ```
struct TerminalStyle: Sendable, Equatable {
    /// The output understands escape sequences: it is a terminal, and not a dumb one.
    let understandsEscapes: Bool
    /// Colour is wanted as well.
    let usesColour: Bool

    /// No escapes at all: for pipes, files and tests of plain text.
    static let plain = TerminalStyle(understandsEscapes: false, usesColour: false)

    init(understandsEscapes: Bool, usesColour: Bool) {
        self.understandsEscapes = understandsEscapes
        self.usesColour = understandsEscapes && usesColour
    }

    /// The style for output that `isTerminal` says is or is not a terminal, in `environment`.
    init(isTerminal: Bool, environment: [String: String]) {
        let term = environment["TERM"] ?? ""
        // NO_COLOR counts only when it holds something, as no-color.org says.
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        self.init(understandsEscapes: isTerminal && !term.isEmpty && term != "dumb", usesColour: !noColour)
    }

    /// The style for this process's standard output.
    static func standardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        TerminalStyle(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }

    /// Whether a full-screen display can be drawn: it moves the cursor with escape sequences.
    var canDrawFullScreen: Bool { understandsEscapes }

    /// Words that mean "get help now": bold red, or bold alone without colour.
    func urgent(_ text: String) -> String { dress(text, colour: "31") }

    /// Words that mean "see a doctor soon": bold yellow, or bold alone without colour.
    func seeDoctor(_ text: String) -> String { dress(text, colour: "33") }

    func bold(_ text: String) -> String { apply("1", to: text) }
    func dim(_ text: String) -> String { apply("2", to: text) }
    func inverse(_ text: String) -> String { apply("7", to: text) }

    private func dress(_ text: String, colour: String) -> String {
        apply(usesColour ? "1;\(colour)" : "1", to: text)
    }

    private func apply(_ code: String, to text: String) -> String {
        understandsEscapes && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
