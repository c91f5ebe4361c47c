import Foundation
import HTTPTypes
import Hummingbird
import LimberAccounts
import LimberCore
import LimberStore

/// A person's own account (password, signing out everywhere, tokens, deleting it all) and, for
/// admins, the household: who has an account, invitations, removing someone. An admin manages
/// accounts here but no page or route lets them read another person's records.
struct AccountPages {
    let services: APIServices
    let pages: PageRenderer
    let signIn: SignIn
    let publicURL: PublicURL?

    struct PasswordForm: Decodable {
        var current: String?
        var password: String?
        var repeated: String?
    }

    struct TokenForm: Decodable {
        var label: String?
        var revoke: String?
    }

    struct DeleteForm: Decodable {
        var password: String?
    }

    struct InviteForm: Decodable {
        var admin: String?
    }

    struct RemoveForm: Decodable {
        var name: String?
        var confirm: String?
    }

    struct SecondFactorForm: Decodable {
        var secret: String?
        var code: String?
        var password: String?
    }

    struct SecondFactorPage {
        var title = "Second factor"
        var secret: String
        var key: String
        var url: String
        var error: String?
        var recoveryCodes: [String]
        /// Stored, not computed: templates read properties through reflection, which sees only these.
        var hasRecoveryCodes: Bool
    }

    struct TokenLine {
        var id: String
        var label: String
        var created: String
    }

    struct AccountPage {
        var title = "Your account"
        var name: String
        var isAdmin: Bool
        var notice: String?
        var error: String?
        var newToken: String?
        var tokens: [TokenLine]
        var hasTokens: Bool
        var hasSecondFactor: Bool
        var secondFactorNeeded: Bool
        var shortest = PasswordRules.shortest
    }

    struct PersonLine {
        var name: String
        var isAdmin: Bool
        var created: String
        var isMe: Bool
    }

    struct HouseholdPage {
        var title = "Household"
        var people: [PersonLine]
        var inviteLink: String?
        var inviteDays: Int
        var notice: String?
        var error: String?
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("account") { request, context in
            guard let account = context.account else { return pages.page("account-none", ["title": "Your account"]) }
            let query = request.uri.queryParameters
            let notice: String? =
                query["adopted"] != nil
                ? "Welcome. This account now holds every record this server kept before there were accounts."
                : query["welcome"] != nil ? "Welcome. Your diary here is yours alone." : nil
            let changed = query["changed"] != nil ? "Password changed. Every other device was signed out." : nil
            return try await accountPage(account, notice: notice ?? changed)
        }
        router.post("account/password") { request, context in
            let account = try signedIn(context)
            let form = try await FormBody.decode(PasswordForm.self, from: request, context: context)
            guard try await currentPasswordMatches(form.current, account) else {
                return try await accountPage(account, error: "Current password: that is not it; nothing was changed.")
            }
            let password = form.password ?? ""
            do {
                try PasswordRules.check(password, field: "New password")
            } catch let error as FieldError {
                return try await accountPage(account, error: error.description)
            }
            guard password == form.repeated else {
                return try await accountPage(account, error: "New password: the two differ; type it twice the same.")
            }
            _ = try await services.store.setPasswordHash(
                try await signIn.settings.hasher.hash(password), account: account.id)
            signIn.forget(account: account.id)
            // The change signed out every session, this one too; this browser signs in afresh.
            var response = PageRenderer.redirect(to: "/account?changed=1")
            response.setCookie(signIn.cookie(for: try await signIn.startSession(for: account)))
            return response
        }
        router.post("account/second-factor/start") { _, context in
            let account = try signedIn(context)
            return secondFactorPage(account, secret: TOTPCheck.makeSecret(), error: nil)
        }
        router.post("account/second-factor/confirm") { request, context in
            let account = try signedIn(context)
            let form = try await FormBody.decode(SecondFactorForm.self, from: request, context: context)
            let secret = form.secret ?? ""
            guard secret.count == 40, secret.allSatisfy(\.isHexDigit) else {
                throw Problem(.badRequest, "The setup form is out of date; start again from Your account.")
            }
            guard
                let step = TOTPCheck(secret: secret).matchedStep(
                    code: form.code ?? "", lastUsedStep: nil, now: services.clock.now())
            else {
                return secondFactorPage(
                    account, secret: secret,
                    error: "Code: that is not the code for this key; check the app's clock and type the newest code.")
            }
            let codes = RecoveryCodes.make()
            try await services.store.setSecondFactor(
                secret, recoveryCodeHashes: codes.map { SecretToken.hash(RecoveryCodes.normalized($0) ?? $0) },
                account: account.id)
            // The code just typed may not sign anyone in again.
            _ = try await services.store.useSecondFactorStep(step, account: account.id)
            return pages.page(
                "second-factor",
                SecondFactorPage(
                    secret: "", key: "", url: "", error: nil, recoveryCodes: codes, hasRecoveryCodes: true))
        }
        router.post("account/second-factor/off") { request, context in
            let account = try signedIn(context)
            let form = try await FormBody.decode(SecondFactorForm.self, from: request, context: context)
            guard try await currentPasswordMatches(form.password, account) else {
                return try await accountPage(account, error: "Password: that is not it; the second factor stays on.")
            }
            try await services.store.setSecondFactor(nil, recoveryCodeHashes: [], account: account.id)
            return try await accountPage(account, notice: "The second factor is off: your password alone signs you in.")
        }
        router.post("account/sign-out-everywhere") { _, context in
            let account = try signedIn(context)
            _ = try await services.store.removeSignInSessions(account: account.id)
            signIn.forget(account: account.id)
            var response = PageRenderer.redirect(to: "/login?out=1")
            response.setCookie(signIn.clearingCookie)
            return response
        }
        router.post("account/tokens") { request, context in
            let account = try signedIn(context)
            let form = try await FormBody.decode(TokenForm.self, from: request, context: context)
            if let revoke = form.revoke {
                guard let id = UUID(uuidString: revoke),
                    try await services.store.revokeAccessToken(id: id, account: account.id)
                else { throw Problem.notFound("That token") }
                signIn.forget(account: account.id)
                return try await accountPage(
                    account, notice: "The token was revoked; programs using it are refused now.")
            }
            let label = (form.label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...60).contains(label.count) else {
                return try await accountPage(
                    account,
                    error: FieldError(
                        field: "Label", value: label, accepted: "give 1 to 60 characters saying what uses the token"
                    ).description)
            }
            let secret = SecretToken.make(prefix: "lmbt_")
            try await services.store.addAccessToken(
                AccessToken(accountId: account.id, label: label, createdAt: services.clock.now()),
                tokenHash: secret.hash)
            return try await accountPage(account, newToken: secret.token)
        }
        router.post("account/delete") { request, context in
            let account = try signedIn(context)
            let form = try await FormBody.decode(DeleteForm.self, from: request, context: context)
            guard try await currentPasswordMatches(form.password, account) else {
                return try await accountPage(account, error: "Password: that is not it; nothing was deleted.")
            }
            switch try await services.store.removeAccount(id: account.id) {
            case .lastAdmin:
                return try await accountPage(
                    account,
                    error: "You are the only admin, and others have accounts here: make someone else an admin "
                        + "or remove their accounts first. Nothing was deleted.")
            case .removed, .notFound:
                signIn.accountsChanged()
                signIn.forget(account: account.id)
                var response = PageRenderer.redirect(to: "/login?out=1")
                response.setCookie(signIn.clearingCookie)
                return response
            }
        }
        router.get("household") { request, context in
            let admin = try administrator(context)
            return try await householdPage(
                admin,
                notice: request.uri.queryParameters["removed"].map { "\($0) and all of their records were removed." })
        }
        router.post("household/invite") { request, context in
            let admin = try administrator(context)
            let form = try await FormBody.decode(InviteForm.self, from: request, context: context)
            let secret = try await Invitations.make(
                in: services.store, isAdmin: form.admin != nil, lifetime: signIn.settings.inviteLifetime,
                createdBy: admin.id, now: services.clock.now())
            let base = publicURL?.description ?? "http://\(request.head.authority ?? "localhost")"
            return try await householdPage(admin, inviteLink: base + "/invite/" + secret)
        }
        router.post("household/remove") { request, context in
            let admin = try administrator(context)
            let form = try await FormBody.decode(RemoveForm.self, from: request, context: context)
            let name = form.name ?? ""
            guard let target = try await services.store.account(named: name) else {
                throw Problem.notFound("That account")
            }
            guard form.confirm?.trimmingCharacters(in: .whitespaces).lowercased() == target.name else {
                return try await householdPage(
                    admin, error: "Type the name \(target.name) to confirm; nothing was removed.")
            }
            guard target.id != admin.id else {
                return try await householdPage(admin, error: "To delete your own account, use Your account.")
            }
            switch try await services.store.removeAccount(id: target.id) {
            case .lastAdmin: return try await householdPage(admin, error: "\(target.name) is the only admin.")
            case .notFound: throw Problem.notFound("That account")
            case .removed:
                signIn.accountsChanged()
                signIn.forget(account: target.id)
                return PageRenderer.redirect(to: "/household?removed=\(target.name)")
            }
        }
    }

    private func secondFactorPage(_ account: Account, secret: String, error: String?) -> Response {
        let url = TOTPCheck(secret: secret).authenticatorURL(label: account.name, issuer: "Limber")
        let key =
            URLComponents(string: url)?.queryItems?.first(where: { $0.name == "secret" })?.value ?? ""
        // In groups of four, as authenticator apps show keys, so it can be typed by hand.
        let grouped = stride(from: 0, to: key.count, by: 4).map { start -> String in
            let from = key.index(key.startIndex, offsetBy: start)
            return String(key[from..<(key.index(from, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
        return pages.page(
            "second-factor",
            SecondFactorPage(
                secret: secret, key: grouped, url: url, error: error, recoveryCodes: [], hasRecoveryCodes: false),
            status: error == nil ? .ok : .badRequest)
    }

    private func signedIn(_ context: LimberRequestContext) throws -> Account {
        guard let account = context.account else { throw Problem(.notFound, "This server has no accounts.") }
        return account
    }

    /// Only an admin sees the household; anyone else gets 404, as for any page that is not theirs.
    private func administrator(_ context: LimberRequestContext) throws -> Account {
        guard let account = context.account, account.isAdmin else { throw Problem.notFound("That page") }
        return account
    }

    private func currentPasswordMatches(_ password: String?, _ account: Account) async throws -> Bool {
        guard let hash = try await services.store.passwordHash(account: account.id) else { return false }
        return try await signIn.settings.hasher.verify(password ?? "", against: hash)
    }

    private func accountPage(
        _ account: Account, notice: String? = nil, error: String? = nil, newToken: String? = nil
    ) async throws -> Response {
        let hasSecondFactor = try await services.store.secondFactor(account: account.id) != nil
        let tokens = try await services.store.accessTokens(account: account.id).map {
            TokenLine(id: $0.id.uuidString.lowercased(), label: $0.label, created: Self.day($0.createdAt))
        }
        return pages.page(
            "account",
            AccountPage(
                name: account.name, isAdmin: account.isAdmin, notice: notice, error: error, newToken: newToken,
                tokens: tokens, hasTokens: !tokens.isEmpty, hasSecondFactor: hasSecondFactor,
                secondFactorNeeded: !hasSecondFactor && account.isAdmin && !signIn.listensOnLoopbackOnly),
            status: error == nil ? .ok : .badRequest)
    }

    private func householdPage(
        _ admin: Account, inviteLink: String? = nil, notice: String? = nil, error: String? = nil
    ) async throws -> Response {
        let people = try await services.store.accounts().map {
            PersonLine(name: $0.name, isAdmin: $0.isAdmin, created: Self.day($0.createdAt), isMe: $0.id == admin.id)
        }
        return pages.page(
            "household",
            HouseholdPage(
                people: people, inviteLink: inviteLink, inviteDays: Int(signIn.settings.inviteLifetime / 86_400),
                notice: notice, error: error),
            status: error == nil ? .ok : .badRequest)
    }

    /// "2026-12-01", in UTC: when an account or token was made, which needs no finer zone.
    static func day(_ date: Date) -> String {
        String(ISODate.string(date).prefix(10))
    }
}
