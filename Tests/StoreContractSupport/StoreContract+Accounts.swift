import Foundation
import LimberCore
import LimberStore
import Testing

/// The contract for accounts and what keeps people signed in. Dates are whole seconds, which
/// every backend keeps exactly.
extension StoreContract {
    public func theFirstAccountAdoptsTheLocalRecordsAndLaterOnesStartEmpty() async throws {
        let store = try await makeStore()
        #expect(try await store.hasAccounts() == false)
        let kept = Episode(
            occurredAt: date("2026-11-30T03:00:00Z"), durationSeconds: 60, regions: ["calf"], severity: 6)
        _ = try await store.addEpisode(kept, profile: .local)

        let setup = Invite(
            tokenHash: "setup", isAdmin: true, createdAt: date("2026-12-01T10:00:00Z"),
            expiresAt: date("2026-12-01T11:00:00Z"), createdBy: nil)
        try await store.addInvite(setup)
        #expect(try await store.invite(tokenHash: "setup", now: date("2026-12-01T10:30:00Z")) == setup)

        let first = try created(await store.createAccount(newAccount("ana", admin: true)))
        #expect(
            try await store.invite(tokenHash: "setup", now: date("2026-12-01T10:30:00Z")) == nil,
            "once there is an account, a printed setup link makes no other")
        let second = try created(await store.createAccount(newAccount("ben")))

        #expect(first.adopted && !second.adopted, "only the first account adopts the local profile")
        #expect(first.account.profile == .local)
        #expect(second.account.profile != .local)
        #expect(try await store.hasAccounts())
        #expect(
            try await store.episodes(profile: first.account.profile, since: nil, region: nil).map(\.id) == [kept.id])
        #expect(try await store.episodes(profile: second.account.profile, since: nil, region: nil).isEmpty)
        #expect(try await store.accounts().map(\.name) == ["ana", "ben"])
        #expect(try await store.account(named: "ben") == second.account)
        #expect(try await store.account(id: first.account.id) == first.account)
        #expect(try await store.account(named: "carl") == nil)
        #expect(try await store.passwordHash(account: second.account.id) == "hash-of-ben")
    }

    public func aTakenNameIsRefusedAndChangesNothing() async throws {
        let store = try await makeStore()
        _ = try await store.createAccount(newAccount("ana", admin: true))

        #expect(try await store.createAccount(newAccount("ana")) == .nameTaken)
        #expect(try await store.accounts().count == 1)
        #expect(
            try await store.passwordHash(account: try #require(try await store.account(named: "ana")).id)
                == "hash-of-ana")
    }

    public func aNewPasswordEndsEverySessionOfThatAccountOnly() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        let ben = try created(await store.createAccount(newAccount("ben"))).account
        let now = date("2026-12-01T10:00:00Z")
        for (hash, account) in [("a1", ana), ("a2", ana), ("b1", ben)] {
            try await store.addSignInSession(
                SignInSession(tokenHash: hash, accountId: account.id, createdAt: now, lastSeenAt: now))
        }

        #expect(try await store.setPasswordHash("new-hash", account: ana.id))

        #expect(try await store.passwordHash(account: ana.id) == "new-hash")
        #expect(try await store.signInSession(tokenHash: "a1") == nil)
        #expect(try await store.signInSession(tokenHash: "a2") == nil)
        #expect(try await store.signInSession(tokenHash: "b1")?.account == ben, "another person stays signed in")
        #expect(try await store.setPasswordHash("x", account: UUID()) == false)
    }

    public func removingAnAccountRemovesEverythingOfItsProfileAndNothingElse() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        let ben = try created(await store.createAccount(newAccount("ben"))).account
        let now = date("2026-12-01T10:00:00Z")
        for account in [ana, ben] {
            try await Self.writeOneOfEverything(store, profile: account.profile)
            try await store.addSignInSession(
                SignInSession(tokenHash: "s-\(account.name)", accountId: account.id, createdAt: now, lastSeenAt: now))
            try await store.addAccessToken(
                AccessToken(accountId: account.id, label: "script", createdAt: now), tokenHash: "t-\(account.name)")
        }

        #expect(try await store.removeAccount(id: ben.id) == .removed)

        #expect(try await store.account(named: "ben") == nil)
        #expect(try await Self.recordsOf(store, profile: ben.profile) == 0, "nothing of ben's is left")
        #expect(try await store.signInSession(tokenHash: "s-ben") == nil)
        #expect(try await store.accessToken(hash: "t-ben") == nil)
        #expect(try await Self.recordsOf(store, profile: ana.profile) == Self.everythingCount, "ana keeps all of hers")
        #expect(try await store.signInSession(tokenHash: "s-ana")?.account == ana)
        #expect(try await store.removeAccount(id: ben.id) == .notFound)
    }

    public func theLastAdminStaysWhileOthersRemain() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        let ben = try created(await store.createAccount(newAccount("ben"))).account

        #expect(try await store.removeAccount(id: ana.id) == .lastAdmin)
        #expect(try await store.account(id: ana.id) == ana)
        #expect(try await store.removeAccount(id: ben.id) == .removed)
        #expect(try await store.removeAccount(id: ana.id) == .removed, "the only account may go")
        #expect(try await store.hasAccounts() == false)
    }

    public func signInSessionsReadTouchAndEnd() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        let start = date("2026-12-01T10:00:00Z")
        try await store.addSignInSession(
            SignInSession(tokenHash: "s1", accountId: ana.id, createdAt: start, lastSeenAt: start))
        try await store.addSignInSession(
            SignInSession(tokenHash: "s2", accountId: ana.id, createdAt: start, lastSeenAt: start))

        let later = date("2026-12-01T11:30:00Z")
        try await store.touchSignInSession(tokenHash: "s1", lastSeenAt: later)
        let found = try #require(try await store.signInSession(tokenHash: "s1"))
        #expect(found.account == ana)
        #expect(found.session == SignInSession(tokenHash: "s1", accountId: ana.id, createdAt: start, lastSeenAt: later))
        #expect(try await store.signInSession(tokenHash: "unknown") == nil)

        try await store.removeSignInSession(tokenHash: "s1")
        #expect(try await store.signInSession(tokenHash: "s1") == nil)
        #expect(try await store.removeSignInSessions(account: ana.id) == 1, "sign out everywhere ends the rest")
        #expect(try await store.signInSession(tokenHash: "s2") == nil)
    }

    public func accessTokensListFindAndRevokeOnlyByTheirOwner() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        let ben = try created(await store.createAccount(newAccount("ben"))).account
        let first = AccessToken(accountId: ana.id, label: "backup script", createdAt: date("2026-12-01T10:00:00Z"))
        let second = AccessToken(accountId: ana.id, label: "phone", createdAt: date("2026-12-01T10:05:00Z"))
        try await store.addAccessToken(second, tokenHash: "hash-2")
        try await store.addAccessToken(first, tokenHash: "hash-1")

        #expect(try await store.accessTokens(account: ana.id) == [first, second], "oldest first")
        #expect(try await store.accessTokens(account: ben.id).isEmpty)
        #expect(try await store.accessToken(hash: "hash-2")?.token == second)
        #expect(try await store.accessToken(hash: "hash-2")?.account == ana)
        #expect(try await store.revokeAccessToken(id: first.id, account: ben.id) == false, "not ben's to revoke")
        #expect(try await store.accessToken(hash: "hash-1") != nil)
        #expect(try await store.revokeAccessToken(id: first.id, account: ana.id))
        #expect(try await store.accessToken(hash: "hash-1") == nil)
    }

    public func anInviteMakesOneAccountBeforeItExpires() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        let sent = date("2026-12-01T10:00:00Z")
        let invite = Invite(
            tokenHash: "i1", isAdmin: false, createdAt: sent, expiresAt: date("2026-12-02T10:00:00Z"), createdBy: ana.id
        )
        try await store.addInvite(invite)
        try await store.addInvite(
            Invite(
                tokenHash: "old", isAdmin: true, createdAt: sent, expiresAt: date("2026-12-01T11:00:00Z"),
                createdBy: ana.id))

        #expect(try await store.invite(tokenHash: "i1", now: sent) == invite)
        #expect(try await store.redeemInvite(tokenHash: "i1", account: newAccount("ana")) == .nameTaken)
        let redeemed = try await store.redeemInvite(tokenHash: "i1", account: newAccount("ben", admin: true))
        guard case .created(let ben, adoptedLocalProfile: false) = redeemed else {
            Issue.record("the invite made no account: \(redeemed)")
            return
        }
        #expect(ben.isAdmin == false, "the invitation, not the request, says whether the account is an admin")
        #expect(ben.profile != ana.profile)
        #expect(try await store.redeemInvite(tokenHash: "i1", account: newAccount("carl")) == .notValid, "used once")
        #expect(try await store.invite(tokenHash: "i1", now: sent) == nil)
        let afterExpiry = newAccount("dora", at: "2026-12-01T11:00:00Z")
        #expect(try await store.redeemInvite(tokenHash: "old", account: afterExpiry) == .notValid, "expired")
        #expect(try await store.redeemInvite(tokenHash: "unknown", account: newAccount("eve")) == .notValid)
        #expect(try await store.accounts().map(\.name) == ["ana", "ben"])
        let beforeExpiry = newAccount("dora", at: "2026-12-01T10:59:59Z")
        guard case .created(let dora, _) = try await store.redeemInvite(tokenHash: "old", account: beforeExpiry) else {
            Issue.record("an invitation used a second before it expires must still work")
            return
        }
        #expect(dora.isAdmin, "an admin invitation makes an admin")
    }

    public func failedSignInsAreCountedForgottenAndCleared() async throws {
        let store = try await makeStore()
        let t0 = date("2026-12-01T10:00:00Z")
        try await store.recordFailedSignIn(keys: ["name:ana", "address:10.0.0.2"], at: t0, forgetBefore: t0)
        try await store.recordFailedSignIn(
            keys: ["name:ana"], at: t0.addingTimeInterval(60), forgetBefore: t0.addingTimeInterval(-900))

        #expect(try await store.failedSignIns(key: "name:ana", since: t0) == [t0, t0.addingTimeInterval(60)])
        #expect(try await store.failedSignIns(key: "name:ana", since: t0.addingTimeInterval(1)).count == 1)
        #expect(try await store.failedSignIns(key: "address:10.0.0.2", since: t0) == [t0])

        try await store.recordFailedSignIn(
            keys: ["name:ben"], at: t0.addingTimeInterval(1000), forgetBefore: t0.addingTimeInterval(30))
        #expect(try await store.failedSignIns(key: "name:ana", since: .distantPast) == [t0.addingTimeInterval(60)])
        try await store.clearFailedSignIns(key: "name:ana")
        #expect(try await store.failedSignIns(key: "name:ana", since: .distantPast).isEmpty)
        #expect(try await store.failedSignIns(key: "name:ben", since: .distantPast).count == 1)
    }

    public func aCopyIntoThisStoreMovesEverythingOnce() async throws {
        let source = try SQLiteStore.inMemory()
        let ana = try created(await source.createAccount(newAccount("ana", admin: true))).account
        let ben = try created(await source.createAccount(newAccount("ben"))).account
        for account in [ana, ben] { try await Self.writeOneOfEverything(source, profile: account.profile) }
        let token = AccessToken(accountId: ana.id, label: "backup", createdAt: date("2026-12-01T10:00:00Z"))
        try await source.addAccessToken(token, tokenHash: "token-hash")
        try await source.setSecondFactor("bens-key", recoveryCodeHashes: ["rc"], account: ben.id)
        _ = try await source.useSecondFactorStep(42, account: ben.id)
        let target = try await makeStore()

        let first = try await StoreCopy.run(from: source, to: target)
        #expect(first.countsMatch, "\(first.source) against \(first.target)")
        #expect(first.added == first.source, "everything was added once")
        #expect(first.source.episodes == 2 && first.source.accounts == 2 && first.source.tokens == 1)
        #expect(try await target.account(named: "ben") == ben, "same id, name and profile")
        #expect(try await target.passwordHash(account: ben.id) == "hash-of-ben", "ben signs in with the same password")
        #expect(try await target.accessToken(hash: "token-hash")?.token == token)
        #expect(try await target.secondFactor(account: ben.id) == SecondFactor(secret: "bens-key", lastUsedStep: 42))
        #expect(try await target.useRecoveryCode(hash: "rc", account: ben.id), "the recovery code came along")
        #expect(try await Self.recordsOf(target, profile: ben.profile) == Self.everythingCount)

        let second = try await StoreCopy.run(from: source, to: target)
        #expect(second.added == StoreCopy.Counts(), "a second run copies nothing twice")
        #expect(second.countsMatch)

        let elsewhere = try await makeStore()
        _ = try await elsewhere.createAccount(newAccount("carl", admin: true))
        await #expect(throws: StoreCopy.Refusal.targetHasOtherAccounts(["carl"])) {
            try await StoreCopy.run(from: source, to: elsewhere)
        }
        #expect(try await elsewhere.accounts().map(\.name) == ["carl"], "a refused copy adds nothing")
    }

    public func aSecondFactorIsSetUsedOnceAndTurnedOff() async throws {
        let store = try await makeStore()
        let ana = try created(await store.createAccount(newAccount("ana", admin: true))).account
        #expect(try await store.secondFactor(account: ana.id) == nil)
        #expect(try await store.useSecondFactorStep(100, account: ana.id) == false, "no factor, no step")

        try await store.setSecondFactor("shared-key", recoveryCodeHashes: ["r1", "r2"], account: ana.id)
        #expect(try await store.secondFactor(account: ana.id) == SecondFactor(secret: "shared-key", lastUsedStep: nil))
        #expect(try await store.useSecondFactorStep(100, account: ana.id))
        #expect(try await store.useSecondFactorStep(100, account: ana.id) == false, "a code works once")
        #expect(try await store.useSecondFactorStep(99, account: ana.id) == false, "nor an older one")
        #expect(try await store.useSecondFactorStep(101, account: ana.id))
        #expect(try await store.secondFactor(account: ana.id)?.lastUsedStep == 101)
        #expect(try await store.useRecoveryCode(hash: "r1", account: ana.id))
        #expect(try await store.useRecoveryCode(hash: "r1", account: ana.id) == false, "a recovery code works once")

        let start = date("2026-12-01T10:00:00Z")
        try await store.addSignInSession(
            SignInSession(
                tokenHash: "half", accountId: ana.id, createdAt: start, lastSeenAt: start, awaitingSecondFactor: true))
        #expect(try await store.signInSession(tokenHash: "half")?.session.awaitingSecondFactor == true)

        try await store.setSecondFactor(nil, recoveryCodeHashes: [], account: ana.id)
        #expect(try await store.secondFactor(account: ana.id) == nil)
        #expect(
            try await store.useRecoveryCode(hash: "r2", account: ana.id) == false, "turning it off forgets the codes")
    }

    // MARK: - Helpers

    private func newAccount(_ name: String, admin: Bool = false, at: String = "2026-12-01T10:30:00Z") -> NewAccount {
        NewAccount(name: name, passwordHash: "hash-of-\(name)", isAdmin: admin, createdAt: date(at))
    }

    private func created(_ creation: AccountCreation) throws -> (account: Account, adopted: Bool) {
        guard case .created(let account, let adopted) = creation else {
            throw ContractFailure("expected a new account, got \(creation)")
        }
        return (account, adopted)
    }

    /// One record of every kind a person keeps; `recordsOf` counts them back.
    static func writeOneOfEverything(_ store: any Store, profile: ProfileID) async throws {
        _ = try await store.addEpisode(
            Episode(occurredAt: date("2026-11-30T03:00:00Z"), durationSeconds: 60, regions: ["calf"], severity: 6),
            profile: profile)
        let start = date("2026-11-30T20:00:00Z")
        _ = try await store.addSession(
            SessionRecord(
                routineId: "night-calf", routineName: "Night calf cramp", startedAt: start,
                endedAt: start.addingTimeInterval(300), isComplete: true, stepsCompleted: 4, stepsTotal: 4),
            profile: profile)
        _ = try await store.saveCustomRoutine(
            Routine(
                id: "mine", name: "Mine", purpose: .relief, summary: "Short.", regions: ["calf"],
                items: [.init(exerciseId: "calf-stretch-wall")]), profile: profile)
        try await store.savePersonalDose(
            PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 45)), profile: profile)
        _ = try await store.addReminder(
            Reminder(routineId: "night-calf", weekdays: [1], hour: 21, minute: 0, timeZone: "Europe/London"),
            profile: profile)
        try await store.setCalendarFeedToken("feed-\(profile)", profile: profile)
        try await store.setConditions([.pregnancy], profile: profile)
        try await store.setTimeZone("Europe/London", profile: profile)
    }

    static let everythingCount = 8

    static func recordsOf(_ store: any Store, profile: ProfileID) async throws -> Int {
        var count = 0
        count += try await store.episodes(profile: profile, since: nil, region: nil).count
        count += try await store.sessions(profile: profile, since: nil).count
        count += try await store.customRoutines(profile: profile).count
        count += try await store.personalDoses(profile: profile).count
        count += try await store.reminders(profile: profile).count
        count += try await store.calendarFeedToken(profile: profile) == nil ? 0 : 1
        count += try await store.conditions(profile: profile) == nil ? 0 : 1
        count += try await store.timeZone(profile: profile) == nil ? 0 : 1
        return count
    }
}

struct ContractFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
