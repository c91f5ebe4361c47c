import Hummingbird
import LimberCore

/// Says whose records a request acts on, once, before any route runs; controllers and pages read
/// it from `context.person` and never name a profile themselves.
///
/// Only the local profile exists until accounts come, so every request is that one person's
/// (`ServerConfiguration.profile`). Accounts replace this one resolution (a session cookie or a
/// token naming an account) without touching a controller.
struct PersonMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    let profile: ProfileID

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.identifiedPerson = profile
        return try await next(request, context)
    }
}
