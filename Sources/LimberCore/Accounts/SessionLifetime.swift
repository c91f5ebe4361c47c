import Foundation

/// How long a signed-in session lasts. The defaults are this project's own choice: a session ends
/// after 7 days without use or 30 days after sign-in, whichever comes first, so a forgotten
/// device does not stay signed in for ever and a person who visits daily signs in once a month.
public struct SessionLifetime: Sendable, Hashable {
    /// A session unused for this long has ended.
    public var idle: TimeInterval
    /// A session this old has ended however often it is used.
    public var absolute: TimeInterval
    /// How stale the last-seen time may get before it is written again, so a session is not
    /// written on every request; it is much shorter than `idle`, so the idle end moves little.
    public var touchInterval: TimeInterval

    public init(
        idle: TimeInterval = 7 * 86_400, absolute: TimeInterval = 30 * 86_400, touchInterval: TimeInterval = 300
    ) {
        self.idle = idle
        self.absolute = absolute
        self.touchInterval = touchInterval
    }

    /// Whether a session made at `createdAt` and last used at `lastSeenAt` may still be used at
    /// `now`. It ends at the instant either limit is reached.
    public func isLive(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(createdAt) < absolute && now.timeIntervalSince(lastSeenAt) < idle
    }

    /// Whether the stored last-seen time is old enough to be worth writing again.
    public func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) > touchInterval
    }
}
