import Hummingbird
import LimberCore

/// "About you": the health conditions Limber takes into account, saved once and used by every
/// plan, routine and player. Reached from the player and the warning-sign check, one tap away.
struct SettingsPages {
    let services: APIServices
    let pages: PageRenderer

    var api: ProfileController { ProfileController(services: services) }

    struct SettingsForm: Decodable {
        var conditions: [String]?
        /// Where to go back to afterwards: a local path only, so the form cannot send anyone away.
        var back: String?
        var clear: String?
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("settings") { request, _ in
            try await page(
                back: request.uri.queryParameters["back"].map(String.init), saved: false, error: nil)
        }
        router.post("settings") { request, context in
            let form = try await FormBody.decode(SettingsForm.self, from: request, context: context)
            let back = Self.localPath(form.back)
            if form.clear != nil {
                try await services.store.setConditions(nil, profile: services.profile)
                services.doses.invalidate()
                return try await page(back: back, saved: true, error: nil)
            }
            let chosen: [Condition]
            do {
                chosen = try Condition.parse(form.conditions ?? [])
            } catch let error as FieldError {
                return try await page(back: back, saved: false, error: error.description)
            }
            try await api.save(chosen)
            if let back { return PageRenderer.redirect(to: back) }
            return try await page(back: nil, saved: true, error: nil)
        }
    }

    /// Only a path on this server: an absolute URL or `//host` would turn the form into a way to
    /// send someone elsewhere.
    /// Spaces and control characters are refused too: browsers drop a tab or newline from an
    /// address, so "/\t/evil.example" would become "//evil.example".
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
            !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
        else { return nil }
        return text
    }

    func page(back: String?, saved: Bool, error: String?) async throws -> Response {
        struct Choice {
            var id: String
            var title: String
            var checked: Bool
        }
        struct Context {
            var title = "About you"
            var choices: [Choice]
            var back: String
            var hasBack: Bool
            var saved: Bool
            var neverAsked: Bool
            var error: String
            var hasError: Bool
        }
        let stored = try await services.store.conditions(profile: services.profile)
        let back = Self.localPath(back)
        return pages.page(
            "settings",
            Context(
                choices: Condition.allCases.map {
                    Choice(id: $0.rawValue, title: $0.title, checked: stored?.contains($0) ?? false)
                }, back: back ?? "", hasBack: back != nil, saved: saved, neverAsked: stored == nil,
                error: error ?? "", hasError: error != nil),
            status: error == nil ? .ok : .badRequest)
    }
}
