import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into a response a person or a client can use: problem+json under /api, an
/// HTML page elsewhere. The client never sees an internal error's text; the log does.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    let pages: PageRenderer
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try errorResponse(error, request: request, context: context)
        }
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
            // Not "nothing was changed": the database can go away just after a commit, so a save
            // may have landed. Every record carries its id, so sending it again is always safe.
            problem = Problem(
                .internalServerError,
                "Something went wrong on the server, and what you sent may or may not have been saved; "
                    + "send it again: a record sent twice is kept once.")
        }
        if request.uri.path.hasPrefix("/api/") {
            return try problem.response(from: request, context: context)
        }
        var page = pages.errorPage(problem)
        for field in problem.headers { page.headers.append(field) }
        return page
    }
}
