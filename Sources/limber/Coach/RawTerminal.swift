import ConcurrencyExtras
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns the terminal while a full-screen session runs: raw keys, the alternate screen, no cursor.
/// Whatever ends the session (its end, `q`, Ctrl-C, SIGTERM, or an `exit` elsewhere) puts the
/// terminal back exactly as it was, so the person is never left with a broken shell.
final class RawTerminal: Sendable {
    /// The one terminal this process can own; `atexit` can only reach a global.
    static let shared = RawTerminal()

    private let state = LockIsolated(State())

    private struct State {
        var original: termios?
    }

    private init() {}

    /// Switches to raw, full-screen mode. Returns false when stdin or stdout is not a terminal, or
    /// the terminal cannot move its cursor (`TERM=dumb`), so the session prints plain lines instead.
    func enter() -> Bool {
        guard TerminalStyle.standardOutput().canDrawFullScreen, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1
        else { return false }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return false }
        var raw = original
        // No line buffering, no echo, and Ctrl-C arrives as a key so quitting can save first.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return false }
        let saved = original
        state.withValue { $0.original = saved }
        Self.registerExitHook()
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")
        return true
    }

    /// Puts the terminal back; safe to call more than once and from an exit hook.
    func restore() {
        let original = state.withValue { state -> termios? in
            defer { state.original = nil }
            return state.original
        }
        guard var original else { return }
        write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
    }

    /// Columns and rows, or a phone-sized default when the terminal will not say.
    var size: (columns: Int, rows: Int) {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        return (80, 24)
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static let exitHook: Void = {
        atexit { RawTerminal.shared.restore() }
    }()

    private static func registerExitHook() { _ = exitHook }
}
