import Foundation
import GRDB
import LimberCore

/// Accounts, sign-in sessions, tokens, invitations and failed sign-ins in the SQLite file
/// (migration v7-accounts).
extension SQLiteStore {
    public func hasAccounts() async throws -> Bool {
        try await writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts)") ?? false }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.accountColumns) FROM accounts ORDER BY name").map(Self.account)
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await writer.read { db in try Self.account(where: "name = ?", [name], db) }
    }

    public func account(id: UUID) async throws -> Account? {
        try await writer.read { db in try Self.account(where: "id = ?", [StoredValue.id(id)], db) }
    }

    public func createAccount(_ account: NewAccount) async throws -> AccountCreation {
        try await writer.write { db in
            switch try Self.insertAccount(account, db) {
            case .some((let created, let adopted)): return .created(created, adoptedLocalProfile: adopted)
            case .none: return .nameTaken
            }
        }
    }

    public func passwordHash(account: UUID) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT passwordHash FROM accounts WHERE id = ?", arguments: [StoredValue.id(account)])
        }
    }

    public func setPasswordHash(_ hash: String, account: UUID) async throws -> Bool {
        try await writer.write { db in
            let id = StoredValue.id(account)
            try db.execute(sql: "UPDATE accounts SET passwordHash = ? WHERE id = ?", arguments: [hash, id])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "DELETE FROM sign_in_sessions WHERE accountId = ?", arguments: [id])
            return true
        }
    }

    public func removeAccount(id: UUID) async throws -> AccountRemoval {
        try await writer.write { db in
            guard let account = try Self.account(where: "id = ?", [StoredValue.id(id)], db) else { return .notFound }
            if account.isAdmin {
                let admins = try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts WHERE isAdmin") ?? 0
                let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts") ?? 0
                if admins == 1 && all > 1 { return .lastAdmin }
            }
            try db.execute(sql: "DELETE FROM accounts WHERE id = ?", arguments: [StoredValue.id(id)])
            for table in ProfileTables.all {
                try db.execute(sql: "DELETE FROM \(table) WHERE profileId = ?", arguments: [account.profile])
            }
            // 'local' stays: it is where records go when there are no accounts.
            if account.profile != .local {
                try db.execute(sql: "DELETE FROM profiles WHERE id = ?", arguments: [account.profile])
            }
            return .removed
        }
    }

    // MARK: - Sign-in sessions

    public func addSignInSession(_ session: SignInSession) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO sign_in_sessions (tokenHash, accountId, createdAt, lastSeenAt, awaitingSecondFactor) "
                    + "VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    session.tokenHash, StoredValue.id(session.accountId), StoredValue.date(session.createdAt),
                    StoredValue.date(session.lastSeenAt), session.awaitingSecondFactor,
                ])
        }
    }

    public func signInSession(tokenHash: String) async throws -> (session: SignInSession, account: Account)? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT s.createdAt AS sessionCreatedAt, s.lastSeenAt, s.awaitingSecondFactor,
                                \(Self.accountColumns("a"))
                            FROM sign_in_sessions s JOIN accounts a ON a.id = s.accountId WHERE s.tokenHash = ?
                            """), arguments: [tokenHash])
            else { return nil }
            let account = try Self.account(row)
            let session = SignInSession(
                tokenHash: tokenHash, accountId: account.id, createdAt: Self.date(row["sessionCreatedAt"]),
                lastSeenAt: Self.date(row["lastSeenAt"]), awaitingSecondFactor: row["awaitingSecondFactor"])
            return (session, account)
        }
    }

    public func touchSignInSession(tokenHash: String, lastSeenAt: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE sign_in_sessions SET lastSeenAt = ? WHERE tokenHash = ?",
                arguments: [StoredValue.date(lastSeenAt), tokenHash])
        }
    }

    public func removeSignInSession(tokenHash: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sign_in_sessions WHERE tokenHash = ?", arguments: [tokenHash])
        }
    }

    public func removeSignInSessions(account: UUID) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM sign_in_sessions WHERE accountId = ?", arguments: [StoredValue.id(account)])
            return db.changesCount
        }
    }

    // MARK: - Access tokens

    public func addAccessToken(_ token: AccessToken, tokenHash: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO access_tokens (id, accountId, tokenHash, label, createdAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    StoredValue.id(token.id), StoredValue.id(token.accountId), tokenHash, token.label,
                    StoredValue.date(token.createdAt),
                ])
        }
    }

    public func accessTokens(account: UUID) async throws -> [AccessToken] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, accountId, label, createdAt FROM access_tokens WHERE accountId = ? "
                    + "ORDER BY createdAt, id", arguments: [StoredValue.id(account)]
            ).map(Self.accessToken)
        }
    }

    public func accessToken(hash: String) async throws -> (token: AccessToken, account: Account)? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT t.id AS tokenId, t.label, t.createdAt AS tokenCreatedAt, \(Self.accountColumns("a"))
                            FROM access_tokens t JOIN accounts a ON a.id = t.accountId WHERE t.tokenHash = ?
                            """), arguments: [hash])
            else { return nil }
            let account = try Self.account(row)
            let token = AccessToken(
                id: try Self.uuid(row["tokenId"]), accountId: account.id, label: row["label"],
                createdAt: Self.date(row["tokenCreatedAt"]))
            return (token, account)
        }
    }

    public func revokeAccessToken(id: UUID, account: UUID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM access_tokens WHERE id = ? AND accountId = ?",
                arguments: [StoredValue.id(id), StoredValue.id(account)])
            return db.changesCount > 0
        }
    }

    // MARK: - Invitations

    public func addInvite(_ invite: Invite) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO invites (tokenHash, isAdmin, createdAt, expiresAt, createdBy) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    invite.tokenHash, invite.isAdmin, StoredValue.date(invite.createdAt),
                    StoredValue.date(invite.expiresAt), invite.createdBy.map(StoredValue.id),
                ])
        }
    }

    public func invite(tokenHash: String, now: Date) async throws -> Invite? {
        try await writer.read { db in try Self.liveInvite(tokenHash: tokenHash, now: now, db) }
    }

    public func redeemInvite(tokenHash: String, account: NewAccount) async throws -> InviteRedemption {
        try await writer.write { db in
            guard let invite = try Self.liveInvite(tokenHash: tokenHash, now: account.createdAt, db) else {
                return .notValid
            }
            var account = account
            account.isAdmin = invite.isAdmin
            guard let (created, adopted) = try Self.insertAccount(account, db) else { return .nameTaken }
            try db.execute(sql: "DELETE FROM invites WHERE tokenHash = ?", arguments: [tokenHash])
            return .created(created, adoptedLocalProfile: adopted)
        }
    }

    // MARK: - Second factor

    public func secondFactor(account: UUID) async throws -> SecondFactor? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT totpSecret, totpLastStep FROM accounts WHERE id = ? AND totpSecret IS NOT NULL",
                    arguments: [StoredValue.id(account)])
            else { return nil }
            return SecondFactor(secret: row["totpSecret"], lastUsedStep: row["totpLastStep"])
        }
    }

    public func setSecondFactor(_ secret: String?, recoveryCodeHashes: [String], account: UUID) async throws {
        try await writer.write { db in
            let id = StoredValue.id(account)
            try db.execute(
                sql: "UPDATE accounts SET totpSecret = ?, totpLastStep = NULL WHERE id = ?", arguments: [secret, id])
            try db.execute(sql: "DELETE FROM recovery_codes WHERE accountId = ?", arguments: [id])
            guard secret != nil else { return }
            for hash in recoveryCodeHashes {
                try db.execute(
                    sql: "INSERT INTO recovery_codes (accountId, codeHash) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    arguments: [id, hash])
            }
        }
    }

    public func useSecondFactorStep(_ step: Int64, account: UUID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE accounts SET totpLastStep = ? WHERE id = ? AND totpSecret IS NOT NULL "
                    + "AND (totpLastStep IS NULL OR totpLastStep < ?)",
                arguments: [step, StoredValue.id(account), step])
            return db.changesCount > 0
        }
    }

    public func useRecoveryCode(hash: String, account: UUID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM recovery_codes WHERE accountId = ? AND codeHash = ?",
                arguments: [StoredValue.id(account), hash])
            return db.changesCount > 0
        }
    }

    // MARK: - Copying

    public func exportAccounts() async throws -> [AccountExport] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT \(Self.accountColumns), passwordHash, totpSecret, totpLastStep FROM accounts ORDER BY createdAt, id"
            )
            .map { row in
                let account = try Self.account(row)
                let tokens = try Row.fetchAll(
                    db,
                    sql: "SELECT id, accountId, label, createdAt, tokenHash FROM access_tokens "
                        + "WHERE accountId = ? ORDER BY createdAt, id", arguments: [StoredValue.id(account.id)]
                ).map { AccountExport.ExportedToken(token: try Self.accessToken($0), tokenHash: $0["tokenHash"]) }
                let secret: String? = row["totpSecret"]
                let codes = try String.fetchAll(
                    db, sql: "SELECT codeHash FROM recovery_codes WHERE accountId = ? ORDER BY codeHash",
                    arguments: [StoredValue.id(account.id)])
                return AccountExport(
                    account: account, passwordHash: row["passwordHash"], tokens: tokens,
                    secondFactor: secret.map { SecondFactor(secret: $0, lastUsedStep: row["totpLastStep"]) },
                    recoveryCodeHashes: codes)
            }
        }
    }

    public func importAccount(_ export: AccountExport) async throws -> Bool {
        let account = export.account
        return try await writer.write { db in
            if try Self.account(where: "id = ?", [StoredValue.id(account.id)], db) != nil { return false }
            if try Self.account(where: "name = ?", [account.name], db) != nil {
                throw AccountStoreError.nameTakenByAnother(account.name)
            }
            try db.execute(
                sql: "INSERT INTO profiles (id) VALUES (?) ON CONFLICT DO NOTHING", arguments: [account.profile])
            try db.execute(
                sql:
                    "INSERT INTO accounts (id, name, profileId, passwordHash, isAdmin, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    StoredValue.id(account.id), account.name, account.profile, export.passwordHash, account.isAdmin,
                    StoredValue.date(account.createdAt),
                ])
            if let factor = export.secondFactor {
                try db.execute(
                    sql: "UPDATE accounts SET totpSecret = ?, totpLastStep = ? WHERE id = ?",
                    arguments: [factor.secret, factor.lastUsedStep, StoredValue.id(account.id)])
                for hash in export.recoveryCodeHashes {
                    try db.execute(
                        sql: "INSERT INTO recovery_codes (accountId, codeHash) VALUES (?, ?)",
                        arguments: [StoredValue.id(account.id), hash])
                }
            }
            for exported in export.tokens {
                let token = exported.token
                try db.execute(
                    sql:
                        "INSERT INTO access_tokens (id, accountId, tokenHash, label, createdAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        StoredValue.id(token.id), StoredValue.id(account.id), exported.tokenHash, token.label,
                        StoredValue.date(token.createdAt),
                    ])
            }
            return true
        }
    }

    // MARK: - Failed sign-ins

    public func recordFailedSignIn(keys: [String], at: Date, forgetBefore: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM sign_in_failures WHERE at < ?", arguments: [StoredValue.date(forgetBefore)])
            for key in keys {
                try db.execute(
                    sql: "INSERT INTO sign_in_failures (key, at) VALUES (?, ?)", arguments: [key, StoredValue.date(at)])
            }
        }
    }

    public func failedSignIns(key: String, since: Date) async throws -> [Date] {
        try await writer.read { db in
            try Double.fetchAll(
                db, sql: "SELECT at FROM sign_in_failures WHERE key = ? AND at >= ? ORDER BY at",
                arguments: [key, StoredValue.date(since)]
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func clearFailedSignIns(key: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sign_in_failures WHERE key = ?", arguments: [key])
        }
    }

    // MARK: - Rows

    private static let accountColumns = accountColumns(nil)

    private static func accountColumns(_ table: String?) -> String {
        let prefix = table.map { "\($0)." } ?? ""
        return ["id", "name", "profileId", "isAdmin", "createdAt"].map { prefix + $0 }.joined(separator: ", ")
    }

    private static func account(
        where condition: String, _ arguments: StatementArguments, _ db: Database
    ) throws
        -> Account?
    {
        try Row.fetchOne(db, sql: "SELECT \(accountColumns) FROM accounts WHERE \(condition)", arguments: arguments)
            .map(account)
    }

    private static func account(_ row: Row) throws -> Account {
        Account(
            id: try uuid(row["id"]), name: row["name"], profile: row["profileId"], isAdmin: row["isAdmin"],
            createdAt: date(row["createdAt"]))
    }

    private static func accessToken(_ row: Row) throws -> AccessToken {
        AccessToken(
            id: try uuid(row["id"]), accountId: try uuid(row["accountId"]), label: row["label"],
            createdAt: date(row["createdAt"]))
    }

    private static func liveInvite(tokenHash: String, now: Date, _ db: Database) throws -> Invite? {
        guard
            let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT isAdmin, createdAt, expiresAt, createdBy FROM invites WHERE tokenHash = ? AND expiresAt > ?",
                arguments: [tokenHash, StoredValue.date(now)])
        else { return nil }
        let creator: String? = row["createdBy"]
        return Invite(
            tokenHash: tokenHash, isAdmin: row["isAdmin"], createdAt: date(row["createdAt"]),
            expiresAt: date(row["expiresAt"]), createdBy: try creator.map(uuid))
    }

    /// Inserts the account, with 'local' as its profile when it is the first; nil when the name
    /// is taken. Runs inside the caller's write transaction, which SQLite holds alone, so two
    /// first accounts at once cannot both take 'local'.
    private static func insertAccount(_ new: NewAccount, _ db: Database) throws -> (Account, adopted: Bool)? {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts WHERE name = ?", arguments: [new.name]) == 0
        else { return nil }
        let isFirst = try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts") == 0
        let profile: ProfileID = isFirst ? .local : .makeForAccount()
        // A setup link (no admin made it) is for making the first account only; once there is
        // one, any other printed setup link stops working.
        try db.execute(sql: "DELETE FROM invites WHERE createdBy IS NULL")
        try db.execute(sql: "INSERT INTO profiles (id) VALUES (?) ON CONFLICT DO NOTHING", arguments: [profile])
        try db.execute(
            sql:
                "INSERT INTO accounts (id, name, profileId, passwordHash, isAdmin, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                StoredValue.id(new.id), new.name, profile, new.passwordHash, new.isAdmin,
                StoredValue.date(new.createdAt),
            ])
        return (
            Account(id: new.id, name: new.name, profile: profile, isAdmin: new.isAdmin, createdAt: new.createdAt),
            isFirst
        )
    }

    private static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "\"\(text)\" is not a UUID")
        }
        return id
    }

    private static func date(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: seconds)
    }
}
