import Foundation
import Hummingbird
import LimberCore

/// The forms behind the diary's "Next steps": accept a suggestion, or undo a personal dose.
/// Both go back to the diary, so reloading does not post again.
struct ProgressPages {
    let services: APIServices

    var api: ProgressController { ProgressController(services: services) }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.post("progress/{id}/accept") { _, context in
            _ = try await api.accept(try context.parameters.require("id"), for: try services.person(context))
            return PageRenderer.redirect(to: "/diary?accepted=1#next-steps-heading")
        }
        router.post("progress/undo/{exerciseId}") { _, context in
            try await api.undo(try context.parameters.require("exerciseId"), for: try services.person(context))
            return PageRenderer.redirect(to: "/diary?undone=1#next-steps-heading")
        }
    }
}
