import Foundation
import LimberCore
import Testing

/// A session ends after 7 days unused or 30 days after sign-in, and its last-seen time is written
/// again only when it is more than 5 minutes old.
@Suite("Session lifetime ends idle and old sessions")
struct SessionLifetimeTests {
    let lifetime = SessionLifetime()
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let day: TimeInterval = 86_400

    func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }

    @Test("A session used a second less than 7 days ago is live; one unused for 7 days has ended")
    func idleEdge() {
        #expect(lifetime.isLive(createdAt: ago(8 * day), lastSeenAt: ago(7 * day - 1), now: now))
        #expect(!lifetime.isLive(createdAt: ago(8 * day), lastSeenAt: ago(7 * day), now: now))
    }

    @Test("A session used daily ends 30 days after sign-in")
    func absoluteEdge() {
        #expect(lifetime.isLive(createdAt: ago(30 * day - 1), lastSeenAt: ago(60), now: now))
        #expect(!lifetime.isLive(createdAt: ago(30 * day), lastSeenAt: ago(60), now: now))
        #expect(!lifetime.isLive(createdAt: ago(31 * day), lastSeenAt: now, now: now))
    }

    @Test("The last-seen time is written again only once it is more than 5 minutes old")
    func touchEdge() {
        #expect(!lifetime.needsTouch(lastSeenAt: ago(10), now: now))
        #expect(!lifetime.needsTouch(lastSeenAt: ago(300), now: now))
        #expect(lifetime.needsTouch(lastSeenAt: ago(301), now: now))
    }
}
