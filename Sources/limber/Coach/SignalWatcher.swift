import ConcurrencyExtras
@preconcurrency import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Catches SIGINT and SIGTERM during a session so it can stop, save and restore the terminal
/// instead of dying mid-frame. The default handlers come back when it stops.
final class SignalWatcher: Sendable {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]
    private let caught = LockIsolated<Int32?>(nil)

    init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        var sources: [any DispatchSourceSignal] = []
        let caught = self.caught
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                caught.setValue(number)
                onSignal(number)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops watching and returns the signal that arrived, if any.
    func stop() -> Int32? {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
        return caught.value
    }
}
