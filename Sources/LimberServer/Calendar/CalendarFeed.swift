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

    /// The page for a routine, where a tap on a reminder in the calendar leads.
    public static func routinePath(for id: String) -> String {
        "/routines/" + (id.addingPercentEncoding(withAllowedCharacters: pathSegmentCharacters) ?? id)
    }

    static let pathSegmentCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// The person's reminders as iCalendar text, named after their routines (built-in and their
    /// own) and as long as each takes them to play, with their doses and conditions. With
    /// `servedAt`, the address other devices reach the server at, the feed names its own address
    /// and each event links to its routine's page.
    /// Without a database (`library.store` nil) there are no reminders, and the calendar is empty.
    public static func text(library: RoutineLibrary, now: Date, servedAt base: PublicURL? = nil) async throws -> String
    {
        let profile = library.profile
        let store = library.store
        let conditions = Set(try await store?.conditions(profile: profile) ?? [])
        let routines = try await library.all(conditions: conditions).map(\.routine)
        let compiler = TimelineCompiler(
            catalog: library.catalog, personalDoses: try await store?.personalDoseOverrides(profile: profile) ?? [:])
        var names: [String: String] = [:]
        var seconds: [String: Int] = [:]
        for routine in routines {
            names[routine.id] = routine.name
            seconds[routine.id] = try? compiler.totalSeconds(of: routine)
        }
        var links: ICalendar.Links?
        if let base {
            let token = try await store?.calendarFeedToken(profile: profile)
            links = ICalendar.Links(
                feed: token.map { base.url(path: path(for: $0)) },
                routines: Dictionary(
                    uniqueKeysWithValues: names.keys.map { ($0, base.url(path: routinePath(for: $0))) }))
        }
        return ICalendar.feed(
            reminders: try await store?.reminders(profile: profile) ?? [], routineNames: names, now: now,
            calendarName: calendarName, routineSeconds: seconds, links: links)
    }
}
