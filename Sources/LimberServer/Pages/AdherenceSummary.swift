import Foundation
import LimberCore

/// The diary page's "This week: sessions done / scheduled (NN %)", shown once there are reminders.
struct AdherenceSummary {
    var done: Int
    var scheduled: Int
    /// "2 / 3 (67 %)".
    var text: String

    /// This week's adherence, or nil when there are no reminders to measure it against.
    static func load(
        for me: PersonServices, sessions: [SessionRecord], now: Date, timeZone: TimeZone
    ) async throws
        -> AdherenceSummary?
    {
        let reminders = try await me.store.reminders(profile: me.profile)
        guard !reminders.isEmpty else { return nil }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let weekStart = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? calendar.startOfDay(for: now)
        let week = Adherence.week(reminders: reminders, sessions: sessions, weekStart: weekStart, calendar: calendar)
        return AdherenceSummary(
            done: week.done, scheduled: week.scheduled,
            text: "\(week.done) / \(week.scheduled)" + (week.percent.map { " (\($0) %)" } ?? ""))
    }
}
