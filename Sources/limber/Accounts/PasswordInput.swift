import Foundation
import LimberCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a new or current password from standard input: on a terminal, asked without echo (twice
/// for a new one, so a typo is not what gets saved); from a pipe, one line, so a script can set it.
/// Never from a command-line argument, which other users of the machine can read in `ps`.
enum PasswordInput {
    /// `replacing`: the account has a password already, so the prompt asks for a new one.
    static func newPassword(for name: String, replacing: Bool = false) throws -> String {
        let password = try read(prompt: (replacing ? "New password for " : "Password for ") + "\(name): ")
        // Checked before asking again, so a password that will be refused is not typed twice.
        do {
            try PasswordRules.check(password)
        } catch {
            throw UserError(error.description)
        }
        if isatty(STDIN_FILENO) == 1 {
            guard try read(prompt: "The same password again: ") == password else {
                throw UserError("password: the two passwords differ; nothing was changed")
            }
        }
        return password
    }

    private static func read(prompt: String) throws -> String {
        let isTerminal = isatty(STDIN_FILENO) == 1
        // The prompt only once echo is off: turning it off discards what was typed before, so a
        // password typed (or pasted) as soon as the prompt shows would otherwise be echoed or lost.
        let line =
            isTerminal
            ? withoutEcho {
                FileHandle.standardError.write(Data(prompt.utf8))
                return readLine(strippingNewline: true)
            } : readLine(strippingNewline: true)
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
        guard var line else {
            throw UserError(
                "password: missing; type it when asked, or send it as one line on standard input")
        }
        // A line from Windows tools ends in \r\n; the \r is not part of the password.
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    private static func withoutEcho<T>(_ body: () -> T) -> T {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return body() }
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        // Ctrl-C (or SIGTERM, or a closed window) at the prompt would otherwise end the process
        // with echo still off, and the shell after it would not show what is typed: put the
        // terminal back first, then end as the signal would have.
        let restored = original
        let watcher = SignalWatcher(signals: [SIGINT, SIGTERM, SIGHUP]) { number in
            var restored = restored
            tcsetattr(STDIN_FILENO, TCSANOW, &restored)
            FileHandle.standardError.write(Data("\n".utf8))
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            _ = watcher.stop()
        }
        return body()
    }
}
