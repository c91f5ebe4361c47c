import ConcurrencyExtras
import Foundation
import LimberCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads keys from the raw terminal on its own thread and turns them into session commands.
/// It polls with a short timeout so it can stop cleanly and leave stdin to the prompts that follow.
final class KeyReader: Sendable {
    private let isStopped = LockIsolated(false)
    private let hasEnded = DispatchSemaphore(value: 0)
    private let isStarted = LockIsolated(false)

    /// Starts reading; every command goes to `send`.
    func start(send: @escaping @Sendable (SessionCommand) -> Void) {
        isStarted.setValue(true)
        let thread = Thread { [self] in
            defer { hasEnded.signal() }
            var pending: [UInt8] = []
            while !isStopped.value {
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 100) > 0 else { continue }
                var byte: UInt8 = 0
                guard read(STDIN_FILENO, &byte, 1) == 1 else { return }
                pending.append(byte)
                if let command = Self.command(for: &pending) { send(command) }
            }
        }
        thread.start()
    }

    /// Stops reading and waits for the thread to end, so no stray read can swallow what the
    /// person types at the questions after the session.
    func stop() {
        isStopped.setValue(true)
        if isStarted.value { hasEnded.wait() }
    }

    /// Maps the bytes read so far to a command, keeping an unfinished escape sequence for later.
    static func command(for pending: inout [UInt8]) -> SessionCommand? {
        if pending.first == 0x1B {
            // Arrow keys arrive as ESC [ C (right) and ESC [ D (left).
            guard pending.count >= 3 else { return nil }
            defer { pending.removeAll() }
            switch pending[2] {
            case UInt8(ascii: "C"): return .skip
            case UInt8(ascii: "D"): return .back
            default: return nil
            }
        }
        defer { pending.removeAll() }
        switch pending.first {
        case UInt8(ascii: " "), UInt8(ascii: "p"): return .togglePause
        case UInt8(ascii: "n"): return .skip
        case UInt8(ascii: "b"): return .back
        case UInt8(ascii: "q"), 0x03: return .quit
        default: return nil
        }
    }
}
