import Foundation
import HTTPTypes
import Hummingbird
import LimberCore
import LimberStore

/// Says whose records a request acts on, once, before any route runs; controllers and pages read
/// it from `context.person` and never name a profile themselves.
///
/// With no accounts, everything is the local profile's, and only on a server this machine alone
/// can reach. Once an account exists, a request needs a signed-in session (cookie) or a personal
/// access token (`Authorization: Bearer`), except on the few open paths: the API answers 401
/// problem+json, a page sends the browser to `/login`.
struct SignInMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    let signIn: SignIn

    /// What anyone may reach: signing in, accepting an invitation, the health check, the API's
    /// description, and a calendar feed, which its own secret address guards. (Static files
    /// come before this middleware.)
    static func isOpen(_ path: String) -> Bool {
        ["/login", "/login/code", "/healthz", "/api/v1/openapi.json"].contains(path) || path.hasPrefix("/invite/")
            || path.hasPrefix("/calendar/")
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if Self.isOpen(request.uri.path) {
            // Open pages still know who is signed in, to offer signing out rather than in, and
            // who is half-way, for the page that asks for the code.
            switch try await signIn.caller(of: request) {
            case .signedIn(let account, let token):
                context.account = account
                context.sessionToken = token
            case .awaitingSecondFactor(let account, let token):
                context.awaitingSecondFactor = account
                context.sessionToken = token
            default: break
            }
            return try await next(request, context)
        }
        switch try await signIn.caller(of: request) {
        case .open(let profile):
            guard signIn.listensOnLoopbackOnly else {
                throw Problem(
                    .serviceUnavailable,
                    "This server has no accounts yet, so it serves nobody over the network; "
                        + "create one with `limber users add NAME --admin`.")
            }
            context.identifiedPerson = profile
            return try await next(request, context)
        case .token(let account):
            if let refusal = try await secondFactorMissing(account, request) { return refusal }
            context.identifiedPerson = account.profile
            context.account = account
            return try await next(request, context)
        case .signedIn(let account, let token):
            if let refusal = try await secondFactorMissing(account, request) { return refusal }
            context.identifiedPerson = account.profile
            context.account = account
            context.sessionToken = token
            let formToken = SignIn.formToken(sessionToken: token)
            let request = try await checkedForm(request, formToken: formToken, context: context)
            return try await PageSession.$current.withValue(PageSession(formToken: formToken, name: account.name)) {
                try await next(request, context)
            }
        case .awaitingSecondFactor:
            if request.uri.path.hasPrefix("/api/") { throw Self.signInFirst }
            return PageRenderer.redirect(to: "/login/code")
        case .unknown, .nobody:
            if request.uri.path.hasPrefix("/api/") { throw Self.signInFirst }
            let back = request.method == .get ? request.uri.path : "/"
            let query =
                back == "/" ? "" : "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return PageRenderer.redirect(to: "/login" + query)
        }
    }

    static var signInFirst: Problem {
        var problem = Problem(
            .unauthorized,
            "Sign in first: a session from /login, or a personal access token sent as Authorization: Bearer TOKEN.")
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"Limber\""
        return problem
    }

    /// An admin of a server other computers reach must have a second factor: until they set one
    /// up, their account page (where they do) and signing out are all they can reach.
    private func secondFactorMissing(_ account: Account, _ request: Request) async throws -> Response? {
        guard account.isAdmin, !signIn.listensOnLoopbackOnly else { return nil }
        let path = request.uri.path
        if path == "/account" || path.hasPrefix("/account/second-factor") || path == "/logout" { return nil }
        guard try await signIn.store.secondFactor(account: account.id) == nil else { return nil }
        if path.hasPrefix("/api/") {
            throw Problem(
                .forbidden,
                "An admin of a server other computers reach needs a second factor: set one up on the Account page.")
        }
        return PageRenderer.redirect(to: "/account?second-factor=needed")
    }

    /// A change sent the way another site's page could send it without asking first (a POST that
    /// is not JSON: a form) must carry the signed-in page's form token. JSON, PUT and DELETE
    /// cannot come from another site without a CORS preflight, which Limber never grants, and
    /// `SameOriginMiddleware` still checks where every change came from.
    private func checkedForm(_ request: Request, formToken: String, context: Context) async throws -> Request {
        guard request.method == .post else { return request }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard !type.hasPrefix("application/json") else { return request }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let fields = String(buffer: body).split(separator: "&")
        guard fields.contains(Substring("csrf=" + formToken)) else {
            throw Problem(
                .forbidden, "This form is out of date or came from another page; reload the page and send it again.")
        }
        return request
    }
}

/// The signed-in person of the page being rendered, for the layout (who is signed in) and for
/// every form (its token). A task-local value rather than a field of every page's context, so
/// no page can forget it; it is set only while a signed-in request is handled, and pages
/// rendered once and cached never read it.
struct PageSession: Sendable {
    let formToken: String
    let name: String

    @TaskLocal static var current: PageSession?
}
