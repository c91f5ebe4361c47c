import Foundation
import LimberCore
import LimberStore

/// What the server needs: where to listen, the catalog it serves and the store it keeps records in.
/// `limber serve` reads flags into this; tests build the same application with a test store.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var catalog: Catalog
    public var store: any Store
    /// Where the records live, shown in logs; nil for an in-memory store.
    public var databasePath: String?
    /// How soon a dose changed by another process (the `limber` CLI on the same file) shows up;
    /// the server's own changes show at once. See `PersonalDoseCache`.
    public var dosesRecheckedAfter: Duration
    /// The address other devices use (`--public-url`); nil when none was given, and then absolute
    /// addresses fall back to the one each request came to.
    public var publicURL: PublicURL?
    /// The time zone of a person who has not chosen one: the server's own. A person's saved zone
    /// (`PUT /api/v1/profile`, `limber profile --time-zone`) decides their diary weeks instead.
    public var defaultTimeZone: TimeZone
    /// Where every handler reads the time; tests pass a clock they move by hand instead of sleeping.
    public var clock: ServerClock
    /// Whose records every request acts on while there are no accounts: the local profile, the
    /// one the CLI uses. `SignInMiddleware` puts it (or the signed-in account's) in each request;
    /// no controller names a profile itself.
    public var profile: ProfileID
    /// How signing in behaves once there are accounts; tests pass a faster password hash.
    public var signIn: SignInSettings

    public init(
        host: String = "127.0.0.1", port: Int = 8080, catalog: Catalog, store: any Store, databasePath: String? = nil,
        dosesRecheckedAfter: Duration = .milliseconds(250), publicURL: PublicURL? = nil,
        defaultTimeZone: TimeZone = .current, clock: ServerClock = .system, profile: ProfileID = .local,
        signIn: SignInSettings = .standard
    ) {
        self.host = host
        self.port = port
        self.catalog = catalog
        self.store = store
        self.databasePath = databasePath
        self.dosesRecheckedAfter = dosesRecheckedAfter
        self.publicURL = publicURL
        self.defaultTimeZone = defaultTimeZone
        self.clock = clock
        self.profile = profile
        self.signIn = signIn
    }

    /// Whether only this machine can reach the address the server listens on.
    public var listensOnLoopbackOnly: Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}

/// The server's two clocks: the date and time records are stamped and checked with, and a
/// monotonic one for how old something cached is (it never jumps when the wall clock is set).
public struct ServerClock: Sendable {
    public var now: @Sendable () -> Date
    public var monotonic: @Sendable () -> ContinuousClock.Instant

    public init(now: @escaping @Sendable () -> Date, monotonic: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.now = now
        self.monotonic = monotonic
    }

    public static let system = ServerClock(now: { Date() }, monotonic: { .now })
}
