import Foundation
import LimberCore

/// Who may sign in, and what keeps them signed in: accounts, sign-in sessions, personal access
/// tokens, invitations and the record of failed sign-ins that throttling reads.
///
/// Every secret (a session cookie, a token, an invitation link) is stored only as the hash its
/// caller computed, so a copy of the database lets nobody sign in. Everything lives in the
/// database rather than in a server's memory, so a restart signs nobody out and every server
/// instance on one database knows the same people.
public protocol AccountStore: Sendable {
    /// Whether any account exists. Until one does, everything belongs to the local profile.
    func hasAccounts() async throws -> Bool
    /// Every account, by name.
    func accounts() async throws -> [Account]
    /// `name` as `AccountNameRules` normalises it.
    func account(named name: String) async throws -> Account?
    func account(id: UUID) async throws -> Account?
    /// Adds the account unless its name is taken. The first account takes over the local
    /// profile, with every record kept before there were accounts; each later one gets a new,
    /// empty profile of its own.
    func createAccount(_ account: NewAccount) async throws -> AccountCreation
    func passwordHash(account: UUID) async throws -> String?
    /// Stores a new password hash and ends every sign-in session of the account, in one
    /// transaction, so a changed password signs out whoever knew the old one. False when there
    /// is no such account.
    func setPasswordHash(_ hash: String, account: UUID) async throws -> Bool
    /// Removes the account and everything of its profile: diary, sessions, routines, doses,
    /// reminders, calendar feed, saved conditions and zone, sign-in sessions and tokens.
    /// The last admin cannot be removed while other accounts remain: someone must manage them.
    func removeAccount(id: UUID) async throws -> AccountRemoval

    func addSignInSession(_ session: SignInSession) async throws
    /// The live or expired session the hash names, with its account; whether it is still live
    /// is the caller's rule (`SessionLifetime`).
    func signInSession(tokenHash: String) async throws -> (session: SignInSession, account: Account)?
    func touchSignInSession(tokenHash: String, lastSeenAt: Date) async throws
    func removeSignInSession(tokenHash: String) async throws
    /// Ends every session of the account ("sign out everywhere"); returns how many there were.
    func removeSignInSessions(account: UUID) async throws -> Int

    func addAccessToken(_ token: AccessToken, tokenHash: String) async throws
    /// The account's tokens, oldest first, without their secrets (which are not stored).
    func accessTokens(account: UUID) async throws -> [AccessToken]
    func accessToken(hash: String) async throws -> (token: AccessToken, account: Account)?
    /// False when the account has no token with that id.
    func revokeAccessToken(id: UUID, account: UUID) async throws -> Bool

    func addInvite(_ invite: Invite) async throws
    /// Creates the account the invitation allows and uses the invitation up, in one transaction,
    /// so one link makes one account however many times it is sent. `.notValid` when the link is
    /// unknown, used or expired at `account.createdAt`.
    func redeemInvite(tokenHash: String, account: NewAccount) async throws -> InviteRedemption
    /// Whether the invitation the hash names can still be used at `now`, and for what.
    func invite(tokenHash: String, now: Date) async throws -> Invite?

    /// The account's second factor (its authenticator key and the last step used), or nil.
    func secondFactor(account: UUID) async throws -> SecondFactor?
    /// Turns the second factor on with `secret` and these one-time recovery codes (their hashes),
    /// replacing any before, or off with nil (which forgets the codes too).
    func setSecondFactor(_ secret: String?, recoveryCodeHashes: [String], account: UUID) async throws
    /// Records that the code of `step` was used, unless that step or a later one was already:
    /// false then, so one code signs in once, even sent twice at the same moment.
    func useSecondFactorStep(_ step: Int64, account: UUID) async throws -> Bool
    /// Uses up one recovery code; false when the account has no such unused code.
    func useRecoveryCode(hash: String, account: UUID) async throws -> Bool

    /// Every account with what it signs in with (its password hash and its tokens' hashes), for
    /// `limber store copy`.
    func exportAccounts() async throws -> [AccountExport]
    /// Adds the account exactly as exported (id, name, profile, hashes, tokens) unless one with its
    /// id is there; returns whether it added it. Throws `AccountStoreError.nameTakenByAnother`
    /// when another account already has the name.
    func importAccount(_ export: AccountExport) async throws -> Bool

    /// Notes one failed sign-in under each key (the account name, the client address), and
    /// forgets failures older than `forgetBefore`, so the table never grows without bound.
    func recordFailedSignIn(keys: [String], at: Date, forgetBefore: Date) async throws
    /// The failures under `key` at or after `since`, oldest first.
    func failedSignIns(key: String, since: Date) async throws -> [Date]
    /// Forgets the failures under `key`, as a successful sign-in does for its account.
    func clearFailedSignIns(key: String) async throws
}

/// A person who can sign in. Their records belong to `profile`.
public struct Account: Sendable, Hashable, Codable {
    public var id: UUID
    /// As `AccountNameRules` normalises it: what they type to sign in.
    public var name: String
    public var profile: ProfileID
    /// Admins invite and remove people; they never read another person's records.
    public var isAdmin: Bool
    public var createdAt: Date

    public init(id: UUID, name: String, profile: ProfileID, isAdmin: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.profile = profile
        self.isAdmin = isAdmin
        self.createdAt = createdAt
    }
}

/// What it takes to create an account; the store chooses its profile.
public struct NewAccount: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var passwordHash: String
    public var isAdmin: Bool
    public var createdAt: Date

    public init(id: UUID = UUID(), name: String, passwordHash: String, isAdmin: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.passwordHash = passwordHash
        self.isAdmin = isAdmin
        self.createdAt = createdAt
    }
}

public enum AccountCreation: Sendable, Hashable {
    /// `adoptedLocalProfile`: this was the first account, and it now holds every record kept
    /// before there were accounts.
    case created(Account, adoptedLocalProfile: Bool)
    case nameTaken
}

public enum AccountRemoval: Sendable, Hashable {
    case removed
    case notFound
    /// It is the only admin and other accounts remain.
    case lastAdmin
}

public enum InviteRedemption: Sendable, Hashable {
    case created(Account, adoptedLocalProfile: Bool)
    case nameTaken
    case notValid
}

/// A signed-in browser. The cookie holds a secret whose hash is `tokenHash`.
public struct SignInSession: Sendable, Hashable {
    public var tokenHash: String
    public var accountId: UUID
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The password was right and the second factor is still to come: such a session opens
    /// nothing but the page that asks for the code.
    public var awaitingSecondFactor: Bool

    public init(
        tokenHash: String, accountId: UUID, createdAt: Date, lastSeenAt: Date, awaitingSecondFactor: Bool = false
    ) {
        self.tokenHash = tokenHash
        self.accountId = accountId
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.awaitingSecondFactor = awaitingSecondFactor
    }
}

/// A second factor: the key shared with an authenticator app, and the last step whose code was used.
public struct SecondFactor: Sendable, Hashable {
    public var secret: String
    public var lastUsedStep: Int64?

    public init(secret: String, lastUsedStep: Int64?) {
        self.secret = secret
        self.lastUsedStep = lastUsedStep
    }
}

/// A personal access token for scripts and other programs (`Authorization: Bearer ...`).
public struct AccessToken: Sendable, Hashable, Codable {
    public var id: UUID
    public var accountId: UUID
    public var label: String
    public var createdAt: Date

    public init(id: UUID = UUID(), accountId: UUID, label: String, createdAt: Date) {
        self.id = id
        self.accountId = accountId
        self.label = label
        self.createdAt = createdAt
    }
}

/// A one-time link that lets someone create an account. `createdBy` is nil for the setup link
/// `limber serve` prints when there is no account yet.
public struct Invite: Sendable, Hashable {
    public var tokenHash: String
    public var isAdmin: Bool
    public var createdAt: Date
    public var expiresAt: Date
    public var createdBy: UUID?

    public init(tokenHash: String, isAdmin: Bool, createdAt: Date, expiresAt: Date, createdBy: UUID?) {
        self.tokenHash = tokenHash
        self.isAdmin = isAdmin
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.createdBy = createdBy
    }
}

extension ProfileID {
    /// The profile a new account after the first gets: its own, named by nothing a person chose,
    /// so a name never becomes part of where records are kept.
    public static func makeForAccount() -> ProfileID {
        "p-" + UUID().uuidString.lowercased()
    }
}

/// An account as `limber store copy` moves it: what it needs to sign in on the new database.
/// Sign-in sessions, invitations and failed sign-ins are not moved: people sign in again.
public struct AccountExport: Sendable, Hashable {
    public var account: Account
    public var passwordHash: String
    public var tokens: [ExportedToken]
    public var secondFactor: SecondFactor?
    public var recoveryCodeHashes: [String]

    public init(
        account: Account, passwordHash: String, tokens: [ExportedToken], secondFactor: SecondFactor? = nil,
        recoveryCodeHashes: [String] = []
    ) {
        self.account = account
        self.passwordHash = passwordHash
        self.tokens = tokens
        self.secondFactor = secondFactor
        self.recoveryCodeHashes = recoveryCodeHashes
    }

    public struct ExportedToken: Sendable, Hashable {
        public var token: AccessToken
        public var tokenHash: String

        public init(token: AccessToken, tokenHash: String) {
            self.token = token
            self.tokenHash = tokenHash
        }
    }
}

public enum AccountStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case nameTakenByAnother(String)

    public var description: String {
        switch self {
        case .nameTakenByAnother(let name):
            return "accounts: the target already has another account named \(name); nothing of it was copied"
        }
    }
}

/// Every table that holds a profile's own records, the same names in both backends, in an order
/// that deletes without breaking a reference. Removing an account empties each for its profile;
/// the contract check that reads everything back after a removal fails if a new table is missing.
public enum ProfileTables {
    public static let all = [
        "episodes", "sessions", "custom_routines", "personal_doses", "reminders", "calendar_feeds",
        "profile_conditions", "profile_time_zones",
    ]
}
