import ConcurrencyExtras
import Foundation
import LimberCore
import LimberServer

/// A clock a test moves by hand, for the server's configuration: time passes only when the test
/// says so, so a test of "after 250 ms" or "15 minutes later" takes no time and cannot be flaky.
final class ManualClock: Sendable {
    private let elapsed = LockIsolated(Duration.zero)
    private let startDate: Date
    private let startInstant = ContinuousClock.now

    init(startingAt date: Date = Date()) {
        startDate = date
    }

    func advance(by duration: Duration) {
        elapsed.withValue { $0 += duration }
    }

    var now: Date {
        startDate.addingTimeInterval(elapsed.value.inSeconds)
    }

    var serverClock: ServerClock {
        ServerClock(now: { self.now }, monotonic: { self.startInstant.advanced(by: self.elapsed.value) })
    }
}
