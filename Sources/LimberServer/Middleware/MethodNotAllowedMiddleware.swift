import HTTPTypes
import Hummingbird

/// Answers `405 Method Not Allowed`, with `Allow`, when a path is routed but not for the request's
/// method (a TRACE, a PATCH, a DELETE on a list); a path nobody routes stays 404.
///
/// The router's own list of routes is the only source: at start-up every routed path is added to
/// a second router, matched exactly as the first matches it (captures, wildcards), whose one
/// answer is the methods the first has there. Added after every route, so it wraps only the
/// router's not-found answer and never a handler's own 404 for a missing record.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    private let lookup: RouterResponder<Context>

    init(routes: [Router<Context>.RouteDescription]) {
        var methodsByPath: [String: (path: RouterPath, methods: Set<String>)] = [:]
        for route in routes {
            methodsByPath[route.path.description, default: (route.path, [])].methods.insert(route.method.rawValue)
        }
        let router = Router(context: Context.self)
        for (path, methods) in methodsByPath.values {
            let allow = methods.sorted().joined(separator: ", ")
            router.on(path, method: Self.lookupMethod) { _, _ in
                Response(status: .noContent, headers: [.allow: allow])
            }
        }
        lookup = router.buildResponder()
    }

    /// Every path in the lookup router answers this one method, whatever the request's was.
    private static let lookupMethod = HTTPRequest.Method.get

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allow = try await allowedMethods(at: request, context: context) else { throw error }
            var problem = Problem(
                .methodNotAllowed,
                "\(request.method.rawValue) is not accepted at \(request.uri.path); use \(allow).")
            problem.headers[.allow] = allow
            throw problem
        }
    }

    /// The methods routed at the request's path, as an `Allow` value; nil when nothing is routed there.
    private func allowedMethods(at request: Request, context: Context) async throws -> String? {
        var head = request.head
        head.method = Self.lookupMethod
        let answer = try await lookup.respond(to: Request(head: head, body: request.body), context: context)
        return answer.headers[.allow]
    }
}
