import Foundation
import Hummingbird
import LimberCore

/// The diary review over JSON: what in the diary a doctor should hear about.
struct ReviewController {
    let services: APIServices

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("review") { _, context in
            let me = try services.person(context)
            let episodes = try await services.store.episodes(profile: me.profile, since: nil, region: nil)
            return try APIJSON.response(
                DiaryReview.review(
                    episodes: episodes, now: services.clock.now(),
                    calendar: .diaryWeeks(timeZone: try await me.timeZone())))
        }
    }
}
