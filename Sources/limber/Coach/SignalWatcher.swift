import ConcurrencyExtras
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The pipe a signal handler writes the signal's number into. A handler may only do
/// async-signal-safe work, and `write` on a pipe is; everything else happens on a reader thread.
private let signalPipe: (read: Int32, write: Int32) = {
    var descriptors: [Int32] = [-1, -1]
    _ = pipe(&descriptors)
    return (descriptors[0], descriptors[1])
}()

/// Catches SIGINT and SIGTERM during a session so it can stop, save and restore the terminal
/// instead of dying mid-frame. A plain `sigaction` handler feeding a pipe is used rather than a
/// dispatch signal source: with the signal ignored (as a dispatch source needs), Linux could drop
/// a signal sent to the process before the source saw it, and the session would never end.
final class SignalWatcher: Sendable {
    private let signals: [Int32]
    private let caught = LockIsolated<Int32?>(nil)
    private let isStopped = LockIsolated(false)
    private let hasEnded = DispatchSemaphore(value: 0)

    init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        let pipe = signalPipe
        for number in signals {
            var action = sigaction()
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = { received in
                    var byte = UInt8(truncatingIfNeeded: received)
                    _ = write(signalPipe.write, &byte, 1)
                }
            #else
                action.__sigaction_u.__sa_handler = { received in
                    var byte = UInt8(truncatingIfNeeded: received)
                    _ = write(signalPipe.write, &byte, 1)
                }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        let caught = self.caught
        let isStopped = self.isStopped
        let hasEnded = self.hasEnded
        Thread {
            defer { hasEnded.signal() }
            while !isStopped.value {
                var descriptor = pollfd(fd: pipe.read, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 100) > 0 else { continue }
                var byte: UInt8 = 0
                guard read(pipe.read, &byte, 1) == 1 else { continue }
                let number = Int32(byte)
                caught.setValue(number)
                onSignal(number)
            }
        }.start()
    }

    /// Stops watching, puts the default handlers back and returns the signal that arrived, if any.
    func stop() -> Int32? {
        for number in signals { signal(number, SIG_DFL) }
        isStopped.setValue(true)
        hasEnded.wait()
        return caught.value
    }
}
