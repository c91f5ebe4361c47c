import HTTPTypes
import Hummingbird
import Logging

/// Puts the security headers on every response, errors included, and turns every error into a
/// response a person or a client can use: problem+json under /api, an HTML page elsewhere. The
/// client never sees an internal error's text.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    let pages: PageRenderer
    let logger: Logger

    /// No inline script or style, nothing from another host, never inside a frame.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
        "font-src 'self'", "media-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let headers: HTTPFields = [
        .contentSecurityPolicy: contentSecurityPolicy,
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Permissions-Policy")!: "camera=(), microphone=(), geolocation=()",
        HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try errorResponse(error, request: request, context: context)
        }
        // Appending the fields built once skips re-checking each value (the policy is long) on
        // every response; nothing else sets these names, so they are never doubled.
        for field in Self.headers where response.headers[field.name] != nil { response.headers[field.name] = nil }
        response.headers.append(contentsOf: Self.headers)
        return response
    }

    private func errorResponse(_ error: any Error, request: Request, context: Context) throws -> Response {
        let problem: Problem
        switch error {
        case let known as Problem: problem = known
        case let http as HTTPError:
            problem = Problem(
                http.status, http.body ?? (http.status == .notFound ? "Nothing is here." : http.status.reasonPhrase))
        default:
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            problem = Problem(.internalServerError, "Something went wrong on the server; nothing was changed.")
        }
        if request.uri.path.hasPrefix("/api/") {
            return try problem.response(from: request, context: context)
        }
        return pages.errorPage(problem)
    }
}
