import Foundation

/// When a reminder falls: each chosen weekday at its local time in its own time zone, so a 21:30
/// reminder stays at 21:30 across daylight saving changes. Pure: the caller gives every date.
enum ReminderSchedule {
    /// One occurrence: the instant, and the local date and time a calendar shows for it.
    struct Occurrence: Equatable {
        var date: Date
        var year: Int
        var month: Int
        var day: Int
    }

    /// A Gregorian calendar in the reminder's zone, or nil when the zone is unknown.
    static func calendar(for reminder: Reminder) -> Calendar? {
        guard let zone = TimeZone(identifier: reminder.timeZone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Every occurrence at or after `start` and before `end`, oldest first.
    static func occurrences(of reminder: Reminder, from start: Date, before end: Date) -> [Occurrence] {
        guard let calendar = calendar(for: reminder), start < end else { return [] }
        // Start a day early and stop a day late: the reminder's zone may be a day ahead of or behind UTC.
        let first = calendar.dateComponents([.year, .month, .day], from: start.addingTimeInterval(-86_400))
        guard
            let firstNoon = calendar.date(
                from: DateComponents(year: first.year, month: first.month, day: first.day, hour: 12))
        else { return [] }
        let days = Int((end.timeIntervalSince(start) / 86_400).rounded(.up)) + 2
        var result: [Occurrence] = []
        for offset in 0...days {
            guard let noon = calendar.date(byAdding: .day, value: offset, to: firstNoon) else { continue }
            let local = calendar.dateComponents([.year, .month, .day, .weekday], from: noon)
            guard let weekday = local.weekday, reminder.weekdays.contains(isoWeekday(weekday)),
                let year = local.year, let month = local.month, let day = local.day,
                let date = calendar.date(
                    from: DateComponents(
                        year: year, month: month, day: day, hour: reminder.hour, minute: reminder.minute)
                ),
                date >= start, date < end
            else { continue }
            result.append(Occurrence(date: date, year: year, month: month, day: day))
        }
        return result
    }

    /// The first occurrence at or after `now`, or nil when the reminder names no day or zone.
    static func nextOccurrence(of reminder: Reminder, onOrAfter now: Date) -> Occurrence? {
        occurrences(of: reminder, from: now, before: now.addingTimeInterval(8 * 86_400)).first
    }

    /// Foundation counts 1 as Sunday; ISO 8601 (and Limber) counts 1 as Monday, 7 as Sunday.
    static func isoWeekday(_ gregorianWeekday: Int) -> Int {
        (gregorianWeekday + 5) % 7 + 1
    }
}
