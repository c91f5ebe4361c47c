import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real pseudo-terminal: the program under test sees a terminal on stdin and stdout, and the
/// test reads the screen it draws and types keys, as a person at a terminal would.
final class PseudoTerminal {
    let master: Int32
    let slavePath: String
    private(set) var screen = ""

    init(columns: UInt16 = 80, rows: UInt16 = 30) throws {
        var name = [CChar](repeating: 0, count: 256)
        master = limber_open_pty(&name, name.count)
        guard master >= 0 else { throw CocoaError(.fileReadUnknown) }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var window = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &window)
    }

    deinit { close(master) }

    /// Starts the program with the terminal as its stdin, stdout and stderr.
    func spawn(_ executable: URL, arguments: [String], environment: [String: String]) throws -> Process {
        let slave = FileHandle(forUpdatingAtPath: slavePath)!
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = slave
        try process.run()
        try slave.close()
        return process
    }

    func type(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Reads what the program drew until `text` appears or the time runs out; true when it appeared.
    @discardableResult
    func waitFor(_ text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen.contains(text) { return true }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            screen += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return screen.contains(text)
    }

    /// Waits for the program to end, killing it after `seconds` so a stuck program fails its test
    /// instead of hanging the whole run.
    func wait(for process: Process, seconds: Double = 30) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline {
            waitFor("\u{0}never", seconds: 0.1)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
