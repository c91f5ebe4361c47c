import ConcurrencyExtras
import Foundation
import HTTPTypes
import Hummingbird
import LimberAccounts
import LimberCore
import LimberStore

/// How signing in behaves; `limber serve` uses `standard`, tests a faster hash.
public struct SignInSettings: Sendable {
    public var hasher: PasswordHasher
    public var throttle: SignInThrottle
    public var lifetime: SessionLifetime
    /// How long an invitation link works: a week, a project default, long enough to reach
    /// someone who is away and short enough that an old message is no standing key.
    public var inviteLifetime: TimeInterval
    /// How long the setup link `limber serve` prints works: an hour, a project default; a new
    /// one is printed each time the server starts without accounts.
    public var setupLinkLifetime: TimeInterval
    /// How soon an account made elsewhere (the CLI, another instance) makes this server ask
    /// everyone to sign in: 1 s, a project default; until the first account, a request costs
    /// one small query at most once a second.
    public var accountsRecheckedAfter: Duration
    /// How long a session or token read from the store is trusted before it is read again: 1 s,
    /// a project default. Changes made through this server (signing out, a new password, a
    /// revoked token) count at once; made through another instance or the CLI, within this.
    public var sessionsRecheckedAfter: Duration

    public init(
        hasher: PasswordHasher = PasswordHasher(), throttle: SignInThrottle = SignInThrottle(),
        lifetime: SessionLifetime = SessionLifetime(), inviteLifetime: TimeInterval = 7 * 86_400,
        setupLinkLifetime: TimeInterval = 3_600, accountsRecheckedAfter: Duration = .seconds(1),
        sessionsRecheckedAfter: Duration = .seconds(1)
    ) {
        self.hasher = hasher
        self.throttle = throttle
        self.lifetime = lifetime
        self.inviteLifetime = inviteLifetime
        self.setupLinkLifetime = setupLinkLifetime
        self.accountsRecheckedAfter = accountsRecheckedAfter
        self.sessionsRecheckedAfter = sessionsRecheckedAfter
    }

    public static let standard = SignInSettings()
}

/// Who a request comes from, and the rules for signing in and out.
///
/// Hummingbird's `SessionMiddleware` is not used: it stores the session id as the cookie gives
/// it (a stolen database would sign its reader in), names its cookie `SESSION_ID` with no
/// `SameSite`, and keeps sessions in a `PersistDriver` beside, not in, Limber's store. Here the
/// cookie holds a 256-bit secret, the store only its SHA-256, and the cookie is `HttpOnly`,
/// `SameSite=Lax`, and `Secure` with the `__Host-` prefix when the public address is https.
struct SignIn: Sendable {
    let store: any Store
    let settings: SignInSettings
    let clock: ServerClock
    /// Whether anyone other than this machine can reach the server: then, with no accounts,
    /// nothing is served, since there would be nobody to keep records private for.
    let listensOnLoopbackOnly: Bool
    /// The person everything belongs to while there are no accounts.
    let localProfile: ProfileID
    let cookieName: String
    let secureCookie: Bool
    private let known = LockIsolated<(hasAccounts: Bool, checkedAt: ContinuousClock.Instant)?>(nil)
    /// Sessions and tokens read in the last `SignInSettings.sessionsRecheckedAfter`, so a signed-in
    /// request costs no database read; see `SignInCache`.
    private let cache = SignInCache()

    init(_ configuration: ServerConfiguration) {
        store = configuration.store
        settings = configuration.signIn
        clock = configuration.clock
        listensOnLoopbackOnly = configuration.listensOnLoopbackOnly
        localProfile = configuration.profile
        secureCookie = configuration.publicURL?.scheme == "https"
        // The `__Host-` prefix makes browsers refuse the cookie unless it is Secure, has no
        // Domain and has Path=/, so no other site on the network can plant one.
        cookieName = secureCookie ? "__Host-limber_session" : "limber_session"
    }

    /// Whether any account exists, read again at most every `accountsRecheckedAfter`.
    func hasAccounts() async throws -> Bool {
        let now = clock.monotonic()
        if let known = known.value, now - known.checkedAt < settings.accountsRecheckedAfter {
            return known.hasAccounts
        }
        let answer = try await store.hasAccounts()
        known.setValue((answer, now))
        return answer
    }

    /// After this server made or removed an account: ask the store again on the next request.
    func accountsChanged() {
        known.setValue(nil)
    }

    // MARK: - Who is asking

    enum Caller: Sendable {
        /// No accounts: everything is the local profile's.
        case open(ProfileID)
        case signedIn(Account, sessionToken: String)
        /// The password was right; the authenticator code is still to come.
        case awaitingSecondFactor(Account, sessionToken: String)
        case token(Account)
        /// A cookie or token was sent and names nobody, or a session that has ended.
        case unknown
        case nobody
    }

    func caller(of request: Request) async throws -> Caller {
        guard try await hasAccounts() else { return .open(localProfile) }
        let checkedAfter = settings.sessionsRecheckedAfter
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer ") else { return .unknown }
            let hash = SecretToken.hash(String(authorization.dropFirst("Bearer ".count)))
            if let account = cache.token(hash, at: clock.monotonic(), within: checkedAfter) { return .token(account) }
            guard let found = try await store.accessToken(hash: hash) else { return .unknown }
            cache.remember(token: hash, account: found.account, at: clock.monotonic())
            return .token(found.account)
        }
        guard let cookie = request.cookies[cookieName]?.value, !cookie.isEmpty else { return .nobody }
        let hash = SecretToken.hash(cookie)
        let found: (session: SignInSession, account: Account)
        if let cached = cache.session(hash, at: clock.monotonic(), within: checkedAfter) {
            found = cached
        } else {
            guard let read = try await store.signInSession(tokenHash: hash) else { return .unknown }
            cache.remember(session: read.session, account: read.account, at: clock.monotonic())
            found = read
        }
        let now = clock.now()
        guard
            settings.lifetime.isLive(
                createdAt: found.session.createdAt, lastSeenAt: found.session.lastSeenAt, now: now)
        else {
            try await endSession(hash: hash)
            return .unknown
        }
        if found.session.awaitingSecondFactor {
            // Half a sign-in lasts minutes, not days: long enough to find the phone.
            guard now.timeIntervalSince(found.session.createdAt) < Self.secondFactorWindow else {
                try await endSession(hash: hash)
                return .unknown
            }
            return .awaitingSecondFactor(found.account, sessionToken: cookie)
        }
        if settings.lifetime.needsTouch(lastSeenAt: found.session.lastSeenAt, now: now) {
            try await store.touchSignInSession(tokenHash: hash, lastSeenAt: now)
            var touched = found.session
            touched.lastSeenAt = now
            cache.remember(session: touched, account: found.account, at: clock.monotonic())
        }
        return .signedIn(found.account, sessionToken: cookie)
    }

    // MARK: - Signing in and out

    enum Attempt: Sendable {
        case signedIn(Account, sessionToken: String)
        /// The password was right and the account has a second factor: the token is a session
        /// that opens only the page asking for the code.
        case needsSecondFactor(Account, sessionToken: String)
        case refused
        case wait(seconds: Int)
    }

    /// How long after the password the code may come: 10 minutes, a project default.
    static let secondFactorWindow: TimeInterval = 600

    /// One sign-in: throttled per account name and per client address, and the same answer in
    /// about the same time for a name nobody has as for a wrong password.
    func attempt(name typed: String, password: String, address: String) async throws -> Attempt {
        let name = (try? AccountNameRules.normalized(typed)) ?? typed.lowercased()
        let nameKey = "name:\(name)"
        let addressKey = "address:\(address)"
        let now = clock.now()
        let since = now.addingTimeInterval(-settings.throttle.window)
        if let wait = try await throttled(nameKey: nameKey, addressKey: addressKey, now: now) {
            return .wait(seconds: wait)
        }

        let account = try await store.account(named: name)
        var matches = false
        if let account, let hash = try await store.passwordHash(account: account.id) {
            matches = try await settings.hasher.verify(password, against: hash)
        } else {
            await settings.hasher.verifyUnknown(password)
        }
        guard let account, matches else {
            try await store.recordFailedSignIn(keys: [nameKey, addressKey], at: now, forgetBefore: since)
            return .refused
        }
        if try await store.secondFactor(account: account.id) != nil {
            let secret = SecretToken.make(prefix: "lmbs_")
            try await store.addSignInSession(
                SignInSession(
                    tokenHash: secret.hash, accountId: account.id, createdAt: now, lastSeenAt: now,
                    awaitingSecondFactor: true))
            return .needsSecondFactor(account, sessionToken: secret.token)
        }
        try await store.clearFailedSignIns(key: nameKey)
        return .signedIn(account, sessionToken: try await startSession(for: account))
    }

    enum CodeAttempt: Sendable {
        case signedIn(sessionToken: String)
        case refused
        case wait(seconds: Int)
    }

    /// The second half of a sign-in: an authenticator code (each works once) or a recovery code
    /// (each works once). Wrong codes count as failed sign-ins, since six digits are few to guess.
    /// On success the half session ends and a new one, with a new secret, begins.
    func attemptCode(
        _ typed: String, account: Account, halfSession: String, address: String
    ) async throws
        -> CodeAttempt
    {
        let nameKey = "name:\(account.name)"
        let addressKey = "address:\(address)"
        let now = clock.now()
        if let wait = try await throttled(nameKey: nameKey, addressKey: addressKey, now: now) {
            return .wait(seconds: wait)
        }
        var passed = false
        if let factor = try await store.secondFactor(account: account.id) {
            if let step = TOTPCheck(secret: factor.secret).matchedStep(
                code: typed, lastUsedStep: factor.lastUsedStep, now: now)
            {
                passed = try await store.useSecondFactorStep(step, account: account.id)
            } else if let recovery = RecoveryCodes.normalized(typed) {
                passed = try await store.useRecoveryCode(hash: SecretToken.hash(recovery), account: account.id)
            }
        }
        guard passed else {
            try await store.recordFailedSignIn(
                keys: [nameKey, addressKey], at: now, forgetBefore: now.addingTimeInterval(-settings.throttle.window))
            return .refused
        }
        try await store.clearFailedSignIns(key: nameKey)
        try await endSession(halfSession)
        return .signedIn(sessionToken: try await startSession(for: account))
    }

    /// Seconds to wait before another try, or nil when one is allowed now.
    private func throttled(nameKey: String, addressKey: String, now: Date) async throws -> Int? {
        let since = now.addingTimeInterval(-settings.throttle.window)
        let decision = settings.throttle.decision(
            accountFailures: try await store.failedSignIns(key: nameKey, since: since),
            addressFailures: try await store.failedSignIns(key: addressKey, since: since), now: now)
        if case .wait(let seconds) = decision { return seconds }
        return nil
    }

    /// A new session, with a new secret every time, so a cookie planted before signing in is
    /// never the one that is signed in.
    func startSession(for account: Account) async throws -> String {
        let secret = SecretToken.make(prefix: "lmbs_")
        let now = clock.now()
        try await store.addSignInSession(
            SignInSession(tokenHash: secret.hash, accountId: account.id, createdAt: now, lastSeenAt: now))
        return secret.token
    }

    func endSession(_ token: String) async throws {
        try await endSession(hash: SecretToken.hash(token))
    }

    private func endSession(hash: String) async throws {
        try await store.removeSignInSession(tokenHash: hash)
        cache.forget(session: hash)
    }

    /// After this server changed what signs an account in (its password, sessions, tokens, the
    /// account itself): forget what was read of it, so the next request reads the store.
    func forget(account: UUID) {
        cache.forget(account: account)
    }

    /// The cookie that carries a session, for as long as a session may last at most.
    func cookie(for token: String) -> Cookie {
        Cookie(
            name: cookieName, value: token, maxAge: Int(settings.lifetime.absolute), path: "/", secure: secureCookie,
            httpOnly: true, sameSite: .lax)
    }

    /// The cookie that tells the browser to forget the session.
    var clearingCookie: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secureCookie, httpOnly: true, sameSite: .lax)
    }

    /// The token every form of a signed-in page carries: derived from the session's secret, so
    /// it needs no storage, changes with every sign-in, and a page on another site cannot know it.
    static func formToken(sessionToken: String) -> String {
        String(SecretToken.hash("form:" + sessionToken).prefix(32))
    }
}

/// One-time recovery codes, for a person whose phone is lost: ten of them, shown once when the
/// second factor is set up, each of ten letters and digits that cannot be mistaken for one
/// another ("ab3de-fgh7k"), stored as hashes.
enum RecoveryCodes {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    static let count = 10

    static func make() -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let letters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return String(letters.prefix(5)) + "-" + String(letters.suffix(5))
        }
    }

    /// The code as stored (lowercase, without the dash or spaces), or nil when it cannot be one.
    static func normalized(_ typed: String) -> String? {
        let bare = typed.lowercased().filter { $0 != "-" && !$0.isWhitespace }
        guard bare.count == 10, bare.allSatisfy(alphabet.contains) else { return nil }
        return bare
    }
}

/// What `SignIn` read of sessions and tokens lately, by hash, with when (on the monotonic clock)
/// it was read. A signed-in request would otherwise read the store every time, which costs more
/// than many whole pages. Bounded: past `limit` entries it starts again empty.
final class SignInCache: Sendable {
    private struct Entry {
        var session: SignInSession?
        var account: Account
        var readAt: ContinuousClock.Instant
    }

    static let limit = 10_000
    private let sessions = LockIsolated([String: Entry]())
    private let tokens = LockIsolated([String: Entry]())

    func session(
        _ hash: String, at now: ContinuousClock.Instant, within: Duration
    ) -> (session: SignInSession, account: Account)? {
        guard let entry = sessions.value[hash], now - entry.readAt < within, let session = entry.session else {
            return nil
        }
        return (session, entry.account)
    }

    func token(_ hash: String, at now: ContinuousClock.Instant, within: Duration) -> Account? {
        guard let entry = tokens.value[hash], now - entry.readAt < within else { return nil }
        return entry.account
    }

    func remember(session: SignInSession, account: Account, at now: ContinuousClock.Instant) {
        sessions.withValue {
            if $0.count >= Self.limit { $0.removeAll() }
            $0[session.tokenHash] = Entry(session: session, account: account, readAt: now)
        }
    }

    func remember(token hash: String, account: Account, at now: ContinuousClock.Instant) {
        tokens.withValue {
            if $0.count >= Self.limit { $0.removeAll() }
            $0[hash] = Entry(session: nil, account: account, readAt: now)
        }
    }

    func forget(session hash: String) {
        sessions.withValue { _ = $0.removeValue(forKey: hash) }
    }

    func forget(account id: UUID) {
        sessions.withValue { $0 = $0.filter { $0.value.account.id != id } }
        tokens.withValue { $0 = $0.filter { $0.value.account.id != id } }
    }
}

/// Makes an invitation link's secret and stores its hash: the household page, `limber users
/// invite` and the setup link `limber serve` prints all make them here. `createdBy` nil is the
/// setup link, which works from this machine only and only until the first account exists.
public enum Invitations {
    /// The secret for the link `/invite/SECRET`, shown once.
    public static func make(
        in store: any Store, isAdmin: Bool, lifetime: TimeInterval, createdBy: UUID?, now: Date
    ) async throws -> String {
        let secret = SecretToken.make(prefix: "lmbi_")
        try await store.addInvite(
            Invite(
                tokenHash: secret.hash, isAdmin: isAdmin, createdAt: now, expiresAt: now.addingTimeInterval(lifetime),
                createdBy: createdBy))
        return secret.token
    }
}
