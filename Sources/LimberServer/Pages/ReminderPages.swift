import Foundation
import HTTPTypes
import Hummingbird
import LimberCore

/// The reminders page: list, add and remove reminders, and manage the secret calendar feed
/// address that a phone calendar subscribes to.
struct ReminderPages {
    let services: APIServices
    let pages: PageRenderer
    let feedAddress: FeedAddress

    var api: ReminderController { ReminderController(services: services) }

    /// The form as posted; every field is text so the shared rules can name what is wrong.
    struct ReminderForm: Decodable {
        var routine: String?
        var days: [String]?
        var time: String?
        var timeZone: String?
    }

    /// What the page says after a change, from `?done=`.
    static let notices = [
        "saved": "Reminder added.", "removed": "Reminder removed.",
        "feed-new": "Your calendar has a new address; the old one no longer works.",
        "feed-off": "The calendar feed is off; its address no longer works.",
    ]

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("reminders") { request, context in
            try await page(
                request, form: nil, error: nil, notice: request.uri.queryParameters["done"].map(String.init),
                for: try services.person(context))
        }
        router.post("reminders") { request, context in
            let me = try services.person(context)
            let form = try await FormBody.decode(ReminderForm.self, from: request, context: context)
            do {
                _ = try await api.save(try reminder(from: form, defaultZone: try await me.timeZone()), for: me.profile)
            } catch let error as FieldError {
                return try await page(
                    request, form: form, error: error.renamed(Self.labels).description, status: .badRequest, for: me)
            }
            return PageRenderer.redirect(to: "/reminders?done=saved")
        }
        router.post("reminders/{id}/delete") { _, context in
            if let id = UUID(uuidString: try context.parameters.require("id")) {
                _ = try await services.store.deleteReminder(id: id, profile: try context.person)
            }
            return PageRenderer.redirect(to: "/reminders?done=removed")
        }
        router.post("reminders/feed/new") { _, context in
            try await services.store.setCalendarFeedToken(CalendarFeed.makeToken(), profile: try context.person)
            return PageRenderer.redirect(to: "/reminders?done=feed-new")
        }
        router.post("reminders/feed/off") { _, context in
            try await services.store.setCalendarFeedToken(nil, profile: try context.person)
            return PageRenderer.redirect(to: "/reminders?done=feed-off")
        }
    }

    /// The reminder a form describes, read with the same rules as `limber remind add`.
    /// The form's labels for the reminder's fields, so a refusal names what the person sees.
    static let labels = [
        "routineId": "Routine", "weekdays": "Days", "days": "Days", "hour": "Time", "minute": "Time", "time": "Time",
        "timeZone": "Time zone",
    ]

    func reminder(from form: ReminderForm, defaultZone: TimeZone) throws(FieldError) -> Reminder {
        let days = try ReminderRules.parseDays((form.days ?? []).joined(separator: ","))
        let time = try ReminderRules.parseTime(form.time ?? "")
        return Reminder(
            routineId: form.routine ?? "", weekdays: days, hour: time.hour, minute: time.minute,
            timeZone: form.timeZone ?? defaultZone.identifier)
    }

    // MARK: - Page

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    func page(
        _ request: Request, form: ReminderForm?, error: String?, notice: String? = nil,
        status: HTTPResponse.Status = .ok, for me: PersonServices
    ) async throws -> Response {
        struct Line {
            var id: String
            var routineName: String
            var days: String
            var time: String
            var timeZone: String
        }
        struct Context {
            var title = "Reminders"
            var notice: String
            var hasNotice: Bool
            var reminders: [Line]
            var routines: [Option]
            var days: [Option]
            var time: String
            var zoneOptions: String
            var error: String
            var hasError: Bool
            var hasFeed: Bool
            var feedURL: String
            var subscribeURL: String
            /// Set when a phone cannot reach the feed's address; says so and how to fix it.
            var isUnreachable: Bool
            var listensOnLoopbackOnly: Bool
            var shownHost: String
            var reachableCommand: String
        }
        let routines = try await me.allRoutines().map(\.routine)
        let names = Dictionary(routines.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let lines = try await services.store.reminders(profile: me.profile).map { reminder in
            Line(
                id: reminder.id.uuidString.lowercased(), routineName: names[reminder.routineId] ?? reminder.routineId,
                days: Self.daysLabel(reminder.weekdays),
                time: ReminderRules.timeText(hour: reminder.hour, minute: reminder.minute),
                timeZone: reminder.timeZone)
        }
        let chosenRoutine = form?.routine ?? "bedtime-leg-cramps"
        let chosenDays = Set(form?.days ?? [])
        // A new reminder starts in the person's own zone.
        let ownZone = try await me.timeZone().identifier
        let chosenZone = form?.timeZone ?? ownZone
        let base = feedAddress.base(for: request)
        let token = try await services.store.calendarFeedToken(profile: me.profile)
        let path = token.map(CalendarFeed.path(for:)) ?? ""
        return pages.page(
            "reminders",
            Context(
                notice: notice.flatMap { Self.notices[$0] } ?? "",
                hasNotice: notice.flatMap { Self.notices[$0] } != nil,
                reminders: lines,
                routines: routines.map { Option(value: $0.id, label: $0.name, selected: $0.id == chosenRoutine) },
                days: ReminderRules.dayNames.enumerated().map { index, name in
                    Option(value: name, label: ReminderRules.fullDayNames[index], selected: chosenDays.contains(name))
                },
                time: form?.time ?? "21:00",
                zoneOptions: ZoneOptions.html(selected: chosenZone),
                error: error ?? "", hasError: error != nil, hasFeed: token != nil,
                feedURL: token == nil ? "" : base?.url(path: path) ?? path,
                subscribeURL: token == nil ? "" : base?.subscribeURL(path: path) ?? path,
                isUnreachable: feedAddress.isUnreachableFromOtherDevices,
                listensOnLoopbackOnly: feedAddress.listensOnLoopbackOnly, shownHost: base?.host ?? "127.0.0.1",
                reachableCommand: feedAddress.reachableCommand),
            status: status)
    }

    /// "Every day", "Weekdays" or "Monday, Wednesday, Friday".
    static func daysLabel(_ weekdays: [Int]) -> String {
        let text = ReminderRules.daysDescription(weekdays)
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
