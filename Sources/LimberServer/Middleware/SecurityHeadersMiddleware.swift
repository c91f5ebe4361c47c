import HTTPTypes
import Hummingbird

/// Puts the security headers on every response, error pages and refusals included (it runs
/// outside every other middleware, `ErrorMiddleware` among them).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

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
        var response = try await next(request, context)
        // A response may set its own, stricter policy (a figure image: no script at all, its inline
        // style sheet allowed); every other one gets the site's.
        let own = response.headers[.contentSecurityPolicy]
        // Appending the fields built once skips re-checking each value (the policy is long) on
        // every response; any of these names a route set is removed first, so none is doubled.
        for field in Self.headers where response.headers[field.name] != nil { response.headers[field.name] = nil }
        response.headers.append(contentsOf: Self.headers)
        if let own { response.headers[.contentSecurityPolicy] = own }
        return response
    }
}
