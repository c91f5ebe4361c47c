import Foundation
import LimberCore
import Testing

/// After 10 failed sign-ins for an account, or 30 from an address, within 15 minutes, the next
/// attempt waits until enough of them are older than 15 minutes.
@Suite("Sign-in throttle slows guessing for a short while")
struct SignInThrottleTests {
    let throttle = SignInThrottle()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// `count` failures, the oldest `oldest` seconds ago and then one every second.
    func failures(_ count: Int, oldest: TimeInterval) -> [Date] {
        (0..<count).map { now.addingTimeInterval(-oldest + TimeInterval($0)) }
    }

    @Test("Nine failures for an account allow another attempt; the tenth makes it wait")
    func accountLimit() {
        #expect(throttle.decision(accountFailures: failures(9, oldest: 60), addressFailures: [], now: now) == .allowed)
        #expect(
            throttle.decision(accountFailures: failures(10, oldest: 60), addressFailures: [], now: now)
                == .wait(seconds: 840))
    }

    @Test("The wait ends when enough failures are 15 minutes old")
    func waitEndsWhenFailuresLeaveTheWindow() {
        // Oldest 14 minutes ago: one minute until it leaves and nine are left.
        #expect(
            throttle.decision(accountFailures: failures(10, oldest: 840), addressFailures: [], now: now)
                == .wait(seconds: 60))
        // Eleven failures: the two oldest must leave, the second of them 839 seconds ago.
        #expect(
            throttle.decision(accountFailures: failures(11, oldest: 840), addressFailures: [], now: now)
                == .wait(seconds: 61))
    }

    @Test("Failures 15 minutes old or older do not count")
    func oldFailuresAreIgnored() {
        let old = failures(10, oldest: 2_000).map { $0.addingTimeInterval(-1_000) }
        let atTheEdge = Array(repeating: now.addingTimeInterval(-900), count: 10)
        #expect(throttle.decision(accountFailures: old, addressFailures: [], now: now) == .allowed)
        #expect(throttle.decision(accountFailures: atTheEdge, addressFailures: [], now: now) == .allowed)
        #expect(
            throttle.decision(accountFailures: atTheEdge + failures(9, oldest: 10), addressFailures: [], now: now)
                == .allowed)
    }

    @Test("A wait is at least a second and never longer than the window")
    func waitIsBounded() {
        let almostGone = Array(repeating: now.addingTimeInterval(-899.5), count: 10)
        #expect(throttle.decision(accountFailures: almostGone, addressFailures: [], now: now) == .wait(seconds: 1))
        let fromAClockAhead = Array(repeating: now.addingTimeInterval(120), count: 10)
        #expect(
            throttle.decision(accountFailures: fromAClockAhead, addressFailures: [], now: now) == .wait(seconds: 900))
    }

    @Test("An address may fail 29 times across accounts; the 30th makes it wait, the longer wait wins")
    func addressLimit() {
        #expect(
            throttle.decision(accountFailures: [], addressFailures: failures(29, oldest: 300), now: now) == .allowed)
        #expect(
            throttle.decision(accountFailures: [], addressFailures: failures(30, oldest: 300), now: now)
                == .wait(seconds: 600))
        #expect(
            throttle.decision(
                accountFailures: failures(10, oldest: 840), addressFailures: failures(30, oldest: 300), now: now)
                == .wait(seconds: 600))
    }

    @Test("The store may forget failures older than 15 minutes")
    func windowIsFifteenMinutes() {
        #expect(throttle.window == 900)
    }
}
