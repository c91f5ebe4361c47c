import Foundation

/// How many failed sign-ins are allowed before the next attempt must wait, counted per account
/// (against guessing one person's password) and per client address (against one client trying
/// many accounts). The defaults are this project's own choice, not a standard's: at most 10
/// failures per account and 30 per address in any 15 minutes. A wait lasts only until enough
/// failures leave the window, never longer than the window, so nobody is locked out for long and
/// a guesser gets at most a few dozen tries an hour.
public struct SignInThrottle: Sendable, Hashable {
    /// Whether an attempt may go ahead now.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// Try again after this many seconds (at least 1, at most the window).
        case wait(seconds: Int)
    }

    /// Failed sign-ins for one account within `window` that make the next attempt wait.
    public var accountLimit: Int
    /// Failed sign-ins from one client address within `window` that make the next attempt wait.
    public var addressLimit: Int
    /// How long a failure counts; the store may forget failures older than this.
    public var window: TimeInterval

    public init(accountLimit: Int = 10, addressLimit: Int = 30, window: TimeInterval = 15 * 60) {
        self.accountLimit = accountLimit
        self.addressLimit = addressLimit
        self.window = window
    }

    /// Decides from the times of earlier failures, for this account and from this address; older
    /// failures may be passed too and are ignored.
    public func decision(accountFailures: [Date], addressFailures: [Date], now: Date) -> Decision {
        let waits = [
            secondsToWait(accountFailures, limit: accountLimit, now: now),
            secondsToWait(addressFailures, limit: addressLimit, now: now),
        ]
        return waits.compactMap(\.self).max().map { .wait(seconds: $0) } ?? .allowed
    }

    /// Seconds until fewer than `limit` failures are left in the window, or nil when there
    /// already are. A failure counts while it is less than `window` old.
    private func secondsToWait(_ failures: [Date], limit: Int, now: Date) -> Int? {
        let counted = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard counted.count >= max(limit, 1) else { return nil }
        // Once this one leaves, limit - 1 failures are left.
        let mustLeave = counted[counted.count - max(limit, 1)]
        let seconds = (mustLeave.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)
        return Int(min(max(seconds, 1), window.rounded(.up)))
    }
}
