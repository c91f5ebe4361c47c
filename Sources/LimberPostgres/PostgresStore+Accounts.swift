import Foundation
import LimberCore
import LimberStore
import PostgresNIO

/// Accounts, sign-in sessions, tokens, invitations and failed sign-ins (migration v2-accounts),
/// keeping the same contract as SQLite's.
extension PostgresStore {
    private static let accountColumns = "id, name, profile_id, is_admin, created_at"

    public func hasAccounts() async throws -> Bool {
        let rows = try await client.query("SELECT EXISTS (SELECT 1 FROM accounts)", logger: logger).collect()
        return try rows.first?.decode(Bool.self) ?? false
    }

    public func accounts() async throws -> [Account] {
        try await client.query(
            "SELECT \(unescaped: Self.accountColumns) FROM accounts ORDER BY name", logger: logger
        )
        .collect().map(Self.account)
    }

    public func account(named name: String) async throws -> Account? {
        try await client.query(
            "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE name = \(name)", logger: logger
        )
        .collect().first.map(Self.account)
    }

    public func account(id: UUID) async throws -> Account? {
        try await client.query(
            "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE id = \(id)", logger: logger
        )
        .collect().first.map(Self.account)
    }

    public func createAccount(_ account: NewAccount) async throws -> AccountCreation {
        try await transaction { connection in
            guard let (created, adopted) = try await self.insertAccount(account, connection) else { return .nameTaken }
            return .created(created, adoptedLocalProfile: adopted)
        }
    }

    public func passwordHash(account: UUID) async throws -> String? {
        try await client.query("SELECT password_hash FROM accounts WHERE id = \(account)", logger: logger)
            .collect().first?.decode(String.self)
    }

    public func setPasswordHash(_ hash: String, account: UUID) async throws -> Bool {
        try await transaction { connection in
            let updated = try await connection.query(
                "UPDATE accounts SET password_hash = \(hash) WHERE id = \(account) RETURNING true", logger: self.logger
            )
            .collect()
            guard !updated.isEmpty else { return false }
            try await connection.query(
                "DELETE FROM sign_in_sessions WHERE account_id = \(account)", logger: self.logger)
            return true
        }
    }

    public func removeAccount(id: UUID) async throws -> AccountRemoval {
        try await transaction { connection in
            // Accounts change one at a time (see `insertAccount`), so the count of admins read
            // here is still true when the row goes.
            try await self.lockProfile(.local, connection)
            guard
                let account = try await connection.query(
                    "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE id = \(id)", logger: self.logger
                )
                .collect().first.map(Self.account)
            else { return .notFound }
            if account.isAdmin {
                let counts = try await connection.query(
                    "SELECT count(*) FILTER (WHERE is_admin), count(*) FROM accounts", logger: self.logger
                )
                .collect()
                if let (admins, all) = try counts.first?.decode((Int, Int).self), admins == 1 && all > 1 {
                    return .lastAdmin
                }
            }
            try await connection.query("DELETE FROM accounts WHERE id = \(id)", logger: self.logger)
            for table in ProfileTables.all {
                try await connection.query(
                    "DELETE FROM \(unescaped: table) WHERE profile_id = \(account.profile)", logger: self.logger)
            }
            if account.profile != .local {
                try await connection.query("DELETE FROM profiles WHERE id = \(account.profile)", logger: self.logger)
            }
            return .removed
        }
    }

    // MARK: - Sign-in sessions

    public func addSignInSession(_ session: SignInSession) async throws {
        try await client.query(
            """
            INSERT INTO sign_in_sessions (token_hash, account_id, created_at, last_seen_at, awaiting_second_factor)
            VALUES (
                \(session.tokenHash), \(session.accountId), \(session.createdAt), \(session.lastSeenAt),
                \(session.awaitingSecondFactor))
            """, logger: logger)
    }

    public func signInSession(tokenHash: String) async throws -> (session: SignInSession, account: Account)? {
        let rows = try await client.query(
            """
            SELECT a.id, a.name, a.profile_id, a.is_admin, a.created_at, s.created_at, s.last_seen_at,
                s.awaiting_second_factor
            FROM sign_in_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = \(tokenHash)
            """, logger: logger
        )
        .collect()
        guard let row = rows.first else { return nil }
        let (id, name, profile, isAdmin, accountCreated, created, lastSeen, awaiting) = try row.decode(
            (UUID, String, String, Bool, Date, Date, Date, Bool).self)
        let account = Account(id: id, name: name, profile: profile, isAdmin: isAdmin, createdAt: accountCreated)
        let session = SignInSession(
            tokenHash: tokenHash, accountId: id, createdAt: created, lastSeenAt: lastSeen,
            awaitingSecondFactor: awaiting)
        return (session, account)
    }

    public func touchSignInSession(tokenHash: String, lastSeenAt: Date) async throws {
        try await client.query(
            "UPDATE sign_in_sessions SET last_seen_at = \(lastSeenAt) WHERE token_hash = \(tokenHash)", logger: logger)
    }

    public func removeSignInSession(tokenHash: String) async throws {
        try await client.query("DELETE FROM sign_in_sessions WHERE token_hash = \(tokenHash)", logger: logger)
    }

    public func removeSignInSessions(account: UUID) async throws -> Int {
        try await client.query(
            "DELETE FROM sign_in_sessions WHERE account_id = \(account) RETURNING true", logger: logger
        )
        .collect().count
    }

    // MARK: - Access tokens

    public func addAccessToken(_ token: AccessToken, tokenHash: String) async throws {
        try await client.query(
            """
            INSERT INTO access_tokens (id, account_id, token_hash, label, created_at)
            VALUES (\(token.id), \(token.accountId), \(tokenHash), \(token.label), \(token.createdAt))
            """, logger: logger)
    }

    public func accessTokens(account: UUID) async throws -> [AccessToken] {
        try await client.query(
            """
            SELECT id, label, created_at FROM access_tokens WHERE account_id = \(account) ORDER BY created_at, id
            """, logger: logger
        )
        .collect()
        .map { row in
            let (id, label, created) = try row.decode((UUID, String, Date).self)
            return AccessToken(id: id, accountId: account, label: label, createdAt: created)
        }
    }

    public func accessToken(hash: String) async throws -> (token: AccessToken, account: Account)? {
        let rows = try await client.query(
            """
            SELECT a.id, a.name, a.profile_id, a.is_admin, a.created_at, t.id, t.label, t.created_at
            FROM access_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(hash)
            """, logger: logger
        )
        .collect()
        guard let row = rows.first else { return nil }
        let (id, name, profile, isAdmin, accountCreated, tokenId, label, created) = try row.decode(
            (UUID, String, String, Bool, Date, UUID, String, Date).self)
        let account = Account(id: id, name: name, profile: profile, isAdmin: isAdmin, createdAt: accountCreated)
        return (AccessToken(id: tokenId, accountId: id, label: label, createdAt: created), account)
    }

    public func revokeAccessToken(id: UUID, account: UUID) async throws -> Bool {
        try await !client.query(
            "DELETE FROM access_tokens WHERE id = \(id) AND account_id = \(account) RETURNING true", logger: logger
        )
        .collect().isEmpty
    }

    // MARK: - Invitations

    public func addInvite(_ invite: Invite) async throws {
        try await client.query(
            """
            INSERT INTO invites (token_hash, is_admin, created_at, expires_at, created_by)
            VALUES (\(invite.tokenHash), \(invite.isAdmin), \(invite.createdAt), \(invite.expiresAt), \(invite.createdBy))
            """, logger: logger)
    }

    public func invite(tokenHash: String, now: Date) async throws -> Invite? {
        try await client.withConnection { connection in
            try await self.liveInvite(tokenHash: tokenHash, now: now, lock: false, connection)
        }
    }

    public func redeemInvite(tokenHash: String, account: NewAccount) async throws -> InviteRedemption {
        try await transaction { connection in
            // Locked, so that the same link sent twice at once makes one account.
            guard
                let invite = try await self.liveInvite(
                    tokenHash: tokenHash, now: account.createdAt, lock: true, connection)
            else { return .notValid }
            var account = account
            account.isAdmin = invite.isAdmin
            guard let (created, adopted) = try await self.insertAccount(account, connection) else { return .nameTaken }
            try await connection.query("DELETE FROM invites WHERE token_hash = \(tokenHash)", logger: self.logger)
            return .created(created, adoptedLocalProfile: adopted)
        }
    }

    // MARK: - Second factor

    public func secondFactor(account: UUID) async throws -> SecondFactor? {
        let rows = try await client.query(
            "SELECT totp_secret, totp_last_step FROM accounts WHERE id = \(account) AND totp_secret IS NOT NULL",
            logger: logger
        )
        .collect()
        guard let row = rows.first else { return nil }
        let (secret, step) = try row.decode((String, Int64?).self)
        return SecondFactor(secret: secret, lastUsedStep: step)
    }

    public func setSecondFactor(_ secret: String?, recoveryCodeHashes: [String], account: UUID) async throws {
        try await transaction { connection in
            try await connection.query(
                "UPDATE accounts SET totp_secret = \(secret), totp_last_step = NULL WHERE id = \(account)",
                logger: self.logger)
            try await connection.query("DELETE FROM recovery_codes WHERE account_id = \(account)", logger: self.logger)
            guard secret != nil else { return }
            for hash in recoveryCodeHashes {
                try await connection.query(
                    """
                    INSERT INTO recovery_codes (account_id, code_hash) VALUES (\(account), \(hash)) ON CONFLICT DO NOTHING
                    """, logger: self.logger)
            }
        }
    }

    public func useSecondFactorStep(_ step: Int64, account: UUID) async throws -> Bool {
        // One statement, so two requests with the same code at once cannot both pass.
        try await !client.query(
            """
            UPDATE accounts SET totp_last_step = \(step)
            WHERE id = \(account) AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < \(step))
            RETURNING true
            """, logger: logger
        )
        .collect().isEmpty
    }

    public func useRecoveryCode(hash: String, account: UUID) async throws -> Bool {
        try await !client.query(
            "DELETE FROM recovery_codes WHERE account_id = \(account) AND code_hash = \(hash) RETURNING true",
            logger: logger
        )
        .collect().isEmpty
    }

    // MARK: - Copying

    public func exportAccounts() async throws -> [AccountExport] {
        try await client.withConnection { connection in
            var exports: [AccountExport] = []
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.accountColumns), password_hash, totp_secret, totp_last_step
                FROM accounts ORDER BY created_at, id
                """,
                logger: self.logger
            )
            .collect()
            for row in rows {
                let (id, name, profile, isAdmin, created, hash, secret, step) = try row.decode(
                    (UUID, String, String, Bool, Date, String, String?, Int64?).self)
                let codes = try await connection.query(
                    "SELECT code_hash FROM recovery_codes WHERE account_id = \(id) ORDER BY code_hash",
                    logger: self.logger
                )
                .collect().map { try $0.decode(String.self) }
                let tokens = try await connection.query(
                    """
                    SELECT id, label, created_at, token_hash FROM access_tokens WHERE account_id = \(id)
                    ORDER BY created_at, id
                    """, logger: self.logger
                )
                .collect()
                .map { row in
                    let (tokenId, label, tokenCreated, tokenHash) = try row.decode((UUID, String, Date, String).self)
                    return AccountExport.ExportedToken(
                        token: AccessToken(id: tokenId, accountId: id, label: label, createdAt: tokenCreated),
                        tokenHash: tokenHash)
                }
                exports.append(
                    AccountExport(
                        account: Account(id: id, name: name, profile: profile, isAdmin: isAdmin, createdAt: created),
                        passwordHash: hash, tokens: tokens,
                        secondFactor: secret.map { SecondFactor(secret: $0, lastUsedStep: step) },
                        recoveryCodeHashes: codes))
            }
            return exports
        }
    }

    public func importAccount(_ export: AccountExport) async throws -> Bool {
        let account = export.account
        return try await transaction { connection in
            try await self.lockProfile(.local, connection)
            let counts = try await connection.query(
                """
                SELECT count(*) FILTER (WHERE id = \(account.id)), count(*) FILTER (WHERE name = \(account.name))
                FROM accounts
                """, logger: self.logger
            )
            .collect()
            let (sameId, sameName) = try counts.first?.decode((Int, Int).self) ?? (0, 0)
            if sameId > 0 { return false }
            if sameName > 0 { throw AccountStoreError.nameTakenByAnother(account.name) }
            try await self.insertProfileIfMissing(account.profile, connection)
            try await connection.query(
                """
                INSERT INTO accounts (id, name, profile_id, password_hash, is_admin, created_at)
                VALUES (\(account.id), \(account.name), \(account.profile), \(export.passwordHash), \(account.isAdmin),
                    \(account.createdAt))
                """, logger: self.logger)
            if let factor = export.secondFactor {
                try await connection.query(
                    """
                    UPDATE accounts SET totp_secret = \(factor.secret), totp_last_step = \(factor.lastUsedStep)
                    WHERE id = \(account.id)
                    """, logger: self.logger)
                for hash in export.recoveryCodeHashes {
                    try await connection.query(
                        "INSERT INTO recovery_codes (account_id, code_hash) VALUES (\(account.id), \(hash))",
                        logger: self.logger)
                }
            }
            for exported in export.tokens {
                let token = exported.token
                try await connection.query(
                    """
                    INSERT INTO access_tokens (id, account_id, token_hash, label, created_at)
                    VALUES (\(token.id), \(account.id), \(exported.tokenHash), \(token.label), \(token.createdAt))
                    """, logger: self.logger)
            }
            return true
        }
    }

    // MARK: - Failed sign-ins

    public func recordFailedSignIn(keys: [String], at: Date, forgetBefore: Date) async throws {
        try await transaction { connection in
            try await connection.query("DELETE FROM sign_in_failures WHERE at < \(forgetBefore)", logger: self.logger)
            for key in keys {
                try await connection.query(
                    "INSERT INTO sign_in_failures (key, at) VALUES (\(key), \(at))", logger: self.logger)
            }
        }
    }

    public func failedSignIns(key: String, since: Date) async throws -> [Date] {
        try await client.query(
            "SELECT at FROM sign_in_failures WHERE key = \(key) AND at >= \(since) ORDER BY at", logger: logger
        )
        .collect().map { try $0.decode(Date.self) }
    }

    public func clearFailedSignIns(key: String) async throws {
        try await client.query("DELETE FROM sign_in_failures WHERE key = \(key)", logger: logger)
    }

    // MARK: - Rows

    private static func account(_ row: PostgresRow) throws -> Account {
        let (id, name, profile, isAdmin, created) = try row.decode((UUID, String, String, Bool, Date).self)
        return Account(id: id, name: name, profile: profile, isAdmin: isAdmin, createdAt: created)
    }

    private func liveInvite(
        tokenHash: String, now: Date, lock: Bool, _ connection: PostgresConnection
    ) async throws -> Invite? {
        let rows = try await connection.query(
            """
            SELECT is_admin, created_at, expires_at, created_by FROM invites
            WHERE token_hash = \(tokenHash) AND expires_at > \(now) \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger
        )
        .collect()
        guard let row = rows.first else { return nil }
        let (isAdmin, created, expires, creator) = try row.decode((Bool, Date, Date, UUID?).self)
        return Invite(
            tokenHash: tokenHash, isAdmin: isAdmin, createdAt: created, expiresAt: expires, createdBy: creator)
    }

    /// Inserts the account, with 'local' as its profile when it is the first; nil when the name
    /// is taken. The 'local' profile's row is locked first, so accounts are created one at a time
    /// and two first accounts at once cannot both take it.
    private func insertAccount(
        _ new: NewAccount, _ connection: PostgresConnection
    ) async throws -> (Account, adopted: Bool)? {
        try await lockProfile(.local, connection)
        let counts = try await connection.query(
            "SELECT count(*) FILTER (WHERE name = \(new.name)), count(*) FROM accounts", logger: logger
        )
        .collect()
        let (sameName, all) = try counts.first?.decode((Int, Int).self) ?? (0, 0)
        guard sameName == 0 else { return nil }
        let profile: ProfileID = all == 0 ? .local : .makeForAccount()
        // As in SQLite: once there is an account, no setup link makes another.
        try await connection.query("DELETE FROM invites WHERE created_by IS NULL", logger: logger)
        try await insertProfileIfMissing(profile, connection)
        try await connection.query(
            """
            INSERT INTO accounts (id, name, profile_id, password_hash, is_admin, created_at)
            VALUES (\(new.id), \(new.name), \(profile), \(new.passwordHash), \(new.isAdmin), \(new.createdAt))
            """, logger: logger)
        return (
            Account(id: new.id, name: new.name, profile: profile, isAdmin: new.isAdmin, createdAt: new.createdAt),
            all == 0
        )
    }
}
