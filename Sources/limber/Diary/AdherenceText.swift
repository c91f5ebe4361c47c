import Foundation
import LimberCore

/// The weekly summary's "done / scheduled (NN %)" column, shown when there are reminders.
enum AdherenceText {
    static let header = "  done / scheduled"

    static func cell(
        weekStart: Date, reminders: [Reminder], sessions: [SessionRecord], timeZone: TimeZone
    ) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let week = Adherence.week(reminders: reminders, sessions: sessions, weekStart: weekStart, calendar: calendar)
        guard let percent = week.percent else { return "  -" }
        return "  \(week.done) / \(week.scheduled) (\(percent) %)"
    }
}
