import Hummingbird
import LimberCore

/// "About you": the health conditions Limber takes into account, saved once and used by every
/// plan, routine and player, and the time zone the diary's days and weeks are counted in.
/// Reached from the player and the warning-sign check, one tap away.
struct SettingsPages {
    let services: APIServices
    let pages: PageRenderer

    var api: ProfileController { ProfileController(services: services) }

    struct SettingsForm: Decodable {
        var conditions: [String]?
        /// An IANA zone from the list, or empty for the server's own; absent when the form had no zone.
        var timeZone: String?
        /// Where to go back to afterwards: a local path only, so the form cannot send anyone away.
        var back: String?
        var clear: String?
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("settings") { request, context in
            try await page(
                back: request.uri.queryParameters["back"].map(String.init), saved: false, error: nil,
                for: try services.person(context))
        }
        router.post("settings") { request, context in
            let me = try services.person(context)
            let form = try await FormBody.decode(SettingsForm.self, from: request, context: context)
            let back = Self.localPath(form.back)
            if form.clear != nil {
                try await services.store.setConditions(nil, profile: me.profile)
                me.settingsChanged()
                return try await page(back: back, saved: true, error: nil, for: me)
            }
            // Both fields are checked before either is saved, so a refused one changes nothing.
            let chosen: [Condition]
            let zone = form.timeZone.map { $0.trimmingCharacters(in: .whitespaces) }
            do {
                chosen = try Condition.parse(form.conditions ?? [])
                if let zone, !zone.isEmpty { try ReminderRules.checkTimeZone(zone, field: "Time zone") }
            } catch let error as FieldError {
                return try await page(back: back, saved: false, error: error.description, for: me)
            }
            if let zone { try await services.store.setTimeZone(zone.isEmpty ? nil : zone, profile: me.profile) }
            try await api.save(chosen, for: me)
            if let back { return PageRenderer.redirect(to: back) }
            return try await page(back: nil, saved: true, error: nil, for: me)
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

    func page(back: String?, saved: Bool, error: String?, for me: PersonServices) async throws -> Response {
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
            var timeZones: [ZoneOption]
        }
        let stored = try await services.store.conditions(profile: me.profile)
        let zone = try await services.store.timeZone(profile: me.profile)
        let back = Self.localPath(back)
        return pages.page(
            "settings",
            Context(
                choices: Condition.allCases.map {
                    Choice(id: $0.rawValue, title: $0.title, checked: stored?.contains($0) ?? false)
                }, back: back ?? "", hasBack: back != nil, saved: saved, neverAsked: stored == nil,
                error: error ?? "", hasError: error != nil,
                timeZones: [
                    ZoneOption(
                        value: "", label: "This server's (\(services.defaultTimeZone.identifier))",
                        selected: zone == nil)
                ]
                    + ZoneOption.all(selected: zone ?? "")),
            status: error == nil ? .ok : .badRequest)
    }
}
