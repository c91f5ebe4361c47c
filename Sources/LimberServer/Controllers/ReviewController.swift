import Foundation
import Hummingbird
import LimberCore

/// The diary review over JSON: what in the diary a doctor should hear about.
struct ReviewController {
    let services: APIServices

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("review") { _, _ in
            let episodes = try await services.store.episodes(profile: services.profile, since: nil, region: nil)
            return try APIJSON.response(
                DiaryReview.review(episodes: episodes, now: Date(), calendar: .diaryWeeks(timeZone: .current)))
        }
    }
}
