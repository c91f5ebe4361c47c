import Foundation
import LimberCore
import LimberStore

/// A profile's reminders as a calendar feed at a secret address. `limber remind feed`, `limber
/// export --format ics`, the reminders page and the feed route all make it here, so they agree.
public enum CalendarFeed {
    public static let calendarName = "Limber reminders"

    /// A new secret: 32 random bytes from the system's secure generator, base64url without padding
    /// (43 characters), so it can stand in a URL path as it is and cannot be guessed.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The feed's path on the server, to add after the server's address.
    public static func path(for token: String) -> String {
        "/calendar/\(token).ics"
    }

    /// The profile's reminders as iCalendar text, named after its routines (built-in and its own)
    /// and as long as they take.
    public static func text(store: any Store, catalog: Catalog, profile: ProfileID, now: Date) async throws -> String {
        let routines = catalog.routines + (try await store.customRoutines(profile: profile))
        let compiler = TimelineCompiler(catalog: catalog)
        var names: [String: String] = [:]
        var seconds: [String: Int] = [:]
        for routine in routines {
            names[routine.id] = routine.name
            seconds[routine.id] = try? compiler.totalSeconds(of: routine)
        }
        return ICalendar.feed(
            reminders: try await store.reminders(profile: profile), routineNames: names, now: now,
            calendarName: calendarName, routineSeconds: seconds)
    }
}
