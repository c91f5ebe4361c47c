import Foundation
import HTTPTypes
import Hummingbird
import LimberAccounts
import LimberCore
import LimberStore

/// Signing in and out, accepting an invitation (the setup link is one), and the health check.
/// Nothing here changes state on GET.
struct SignInPages {
    let services: APIServices
    let pages: PageRenderer
    let signIn: SignIn

    struct LoginForm: Decodable {
        var username: String?
        var password: String?
        var next: String?
    }

    struct InviteForm: Decodable {
        var username: String?
        var password: String?
        var repeated: String?
    }

    struct LoginPage {
        var title = "Sign in"
        var username: String
        var next: String
        var error: String?
        var signedOut: Bool
        var noAccounts = false
    }

    struct CodeForm: Decodable {
        var code: String?
        var next: String?
    }

    struct CodePage {
        var title = "Sign in: code"
        var next: String
        var error: String?
    }

    static func nextQuery(_ next: String) -> String {
        next == "/" ? "" : "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    struct InvitePage {
        var title: String
        var token: String
        var isAdmin: Bool
        var isSetup: Bool
        var username: String
        var error: String?
        var shortest = PasswordRules.shortest
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("login") { request, context in
            if context.account != nil { return PageRenderer.redirect(to: "/") }
            let next = SettingsPages.localPath(request.uri.queryParameters["next"].map(String.init)) ?? "/"
            var page = LoginPage(
                username: "", next: next, error: nil, signedOut: request.uri.queryParameters["out"] != nil)
            page.noAccounts = try await !signIn.hasAccounts()
            return pages.page("login", page)
        }
        router.post("login") { request, context in
            let form = try await FormBody.decode(LoginForm.self, from: request, context: context)
            let next = SettingsPages.localPath(form.next) ?? "/"
            let username = form.username ?? ""
            switch try await signIn.attempt(
                name: username, password: form.password ?? "", address: context.remoteAddress ?? "unknown")
            {
            case .signedIn(_, let token):
                return redirect(to: next, session: token)
            case .needsSecondFactor(_, let token):
                return redirect(to: "/login/code" + Self.nextQuery(next), session: token)
            case .refused:
                return pages.page(
                    "login",
                    LoginPage(
                        username: username, next: next,
                        error: "That name and password do not match an account here.", signedOut: false),
                    status: .unauthorized)
            case .wait(let seconds):
                return Self.waitAnswer(seconds) {
                    pages.page(
                        "login", LoginPage(username: username, next: next, error: $0, signedOut: false),
                        status: .tooManyRequests)
                }
            }
        }
        router.get("login/code") { request, context in
            guard context.awaitingSecondFactor != nil else { return PageRenderer.redirect(to: "/login") }
            let next = SettingsPages.localPath(request.uri.queryParameters["next"].map(String.init)) ?? "/"
            return pages.page("login-code", CodePage(next: next, error: nil))
        }
        router.post("login/code") { request, context in
            guard let account = context.awaitingSecondFactor, let half = context.sessionToken else {
                return PageRenderer.redirect(to: "/login")
            }
            let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
            let next = SettingsPages.localPath(form.next) ?? "/"
            switch try await signIn.attemptCode(
                form.code ?? "", account: account, halfSession: half, address: context.remoteAddress ?? "unknown")
            {
            case .signedIn(let token):
                return redirect(to: next, session: token)
            case .refused:
                return pages.page(
                    "login-code",
                    CodePage(
                        next: next,
                        error: "That code is not right, or was used already; type the newest one your app shows."),
                    status: .unauthorized)
            case .wait(let seconds):
                return Self.waitAnswer(seconds) {
                    pages.page("login-code", CodePage(next: next, error: $0), status: .tooManyRequests)
                }
            }
        }
        router.post("logout") { request, context in
            // Reached only signed in, and `SignInMiddleware` has checked the form's token, so
            // another site cannot sign anyone out.
            if let token = context.sessionToken { try await signIn.endSession(token) }
            var response = PageRenderer.redirect(to: "/login?out=1")
            response.setCookie(signIn.clearingCookie)
            return response
        }
        router.get("invite/{token}") { request, context in
            let token = try context.parameters.require("token")
            let invite = try await usableInvite(token, context: context)
            return pages.page("invite", invitePage(token: token, invite: invite, username: "", error: nil))
        }
        router.post("invite/{token}") { request, context in
            let token = try context.parameters.require("token")
            let invite = try await usableInvite(token, context: context)
            let form = try await FormBody.decode(InviteForm.self, from: request, context: context)
            let typed = form.username ?? ""
            func again(_ message: String) -> Response {
                pages.page(
                    "invite", invitePage(token: token, invite: invite, username: typed, error: message),
                    status: .badRequest)
            }
            let name: String
            let password = form.password ?? ""
            do {
                name = try AccountNameRules.normalized(typed, field: "Name")
                try PasswordRules.check(password, field: "Password")
            } catch let error as FieldError {
                return again(error.description)
            }
            guard password == form.repeated else {
                return again("Password: the two passwords differ; type it twice the same.")
            }
            let account = NewAccount(
                name: name, passwordHash: try await signIn.settings.hasher.hash(password), isAdmin: invite.isAdmin,
                createdAt: services.clock.now())
            switch try await services.store.redeemInvite(tokenHash: SecretToken.hash(token), account: account) {
            case .nameTaken: return again("Name: \"\(name)\" is taken here; choose another.")
            case .notValid: throw Problem.notFound("That invitation")
            case .created(let created, let adopted):
                signIn.accountsChanged()
                var response = PageRenderer.redirect(to: adopted ? "/account?adopted=1" : "/account?welcome=1")
                response.setCookie(signIn.cookie(for: try await signIn.startSession(for: created)))
                return response
            }
        }
    }

    /// The invitation the link names, if it can still be used from where the request comes: the
    /// setup link, which no admin made, only from this machine.
    private func usableInvite(_ token: String, context: LimberRequestContext) async throws -> Invite {
        guard
            let invite = try await services.store.invite(tokenHash: SecretToken.hash(token), now: services.clock.now())
        else { throw Problem.notFound("That invitation (it may have been used or have expired)") }
        if invite.createdBy == nil && !Self.isLoopback(context.remoteAddress) {
            throw Problem(.forbidden, "The setup link works only on the computer that runs Limber.")
        }
        return invite
    }

    private func invitePage(token: String, invite: Invite, username: String, error: String?) -> InvitePage {
        InvitePage(
            title: invite.createdBy == nil ? "Set up Limber" : "Create your account", token: token,
            isAdmin: invite.isAdmin, isSetup: invite.createdBy == nil, username: username, error: error)
    }

    /// After signing in: the page to go on to, with the session's cookie.
    private func redirect(to location: String, session token: String) -> Response {
        var response = PageRenderer.redirect(to: location)
        response.setCookie(signIn.cookie(for: token))
        return response
    }

    /// A throttled try: the page `render` makes with the sentence to show, 429 and `Retry-After`.
    static func waitAnswer(_ seconds: Int, _ render: (String) -> Response) -> Response {
        var response = render("Too many tries: wait \(spoken(seconds)) and try again.")
        response.headers[.retryAfter] = "\(seconds)"
        return response
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return false }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    /// "40 seconds", "3 minutes".
    static func spoken(_ seconds: Int) -> String {
        if seconds < 90 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let minutes = (seconds + 59) / 60
        return "\(minutes) minutes"
    }
}
