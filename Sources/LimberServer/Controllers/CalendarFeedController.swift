import Foundation
import Hummingbird
import LimberCore

/// The calendar feed a phone subscribes to, at `/calendar/<secret>.ics`. The secret is the only
/// key: an unknown or revoked one gets the same 404 as any other missing page.
struct CalendarFeedController {
    let services: APIServices
    let feedAddress: FeedAddress

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("calendar/{token}.ics") { request, context in
            let token = try context.parameters.require("token")
            guard !token.isEmpty, let profile = try await services.store.profile(forCalendarFeedToken: token) else {
                throw Problem.notFound("That calendar feed")
            }
            let text = try await CalendarFeed.text(
                library: services.person(profile).library, now: services.clock.now(),
                servedAt: feedAddress.base(for: request))
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/calendar; charset=utf-8",
                    // The address is a secret: keep it and its reminders out of shared caches.
                    .cacheControl: "private, no-cache",
                ],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
