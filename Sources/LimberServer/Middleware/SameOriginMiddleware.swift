import HTTPTypes
import Hummingbird

/// Refuses state-changing requests that a browser sent from another site (cross-site request
/// forgery). Browsers say where a request came from in `Sec-Fetch-Site` or `Origin`; a request with
/// neither comes from a non-browser client such as curl or the CLI, which cannot be forged this way.
struct SameOriginMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        // A browser that sends Sec-Fetch-Site says exactly where the request came from; trust it
        // first, because some send `Origin: null` for their own forms under a strict referrer policy.
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
            guard ["same-origin", "none"].contains(site) else {
                throw Problem(.forbidden, "Changes must come from Limber's own pages (this request came from \(site)).")
            }
        } else if let origin = request.headers[.origin] {
            let host = request.head.authority ?? ""
            guard origin == "http://\(host)" || origin == "https://\(host)" else {
                throw Problem(.forbidden, "Changes must come from Limber's own pages, not from \(origin).")
            }
        }
        return try await next(request, context)
    }
}
