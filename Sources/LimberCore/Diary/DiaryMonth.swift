import Foundation

/// One calendar month of the diary, in the person's own time zone: what the diary page shows at a
/// time, so a year of nightly cramps is twelve short pages rather than one long one.
/// Pure: the caller gives the calendar (and so the zone) and, where it matters, the moment.
public struct DiaryMonth: Sendable, Hashable {
    public let year: Int
    public let month: Int
    /// From the first moment of the month up to, not including, the first moment of the next.
    public let interval: DateInterval

    public init?(year: Int, month: Int, calendar: Calendar) {
        guard (1...12).contains(month), (1...9999).contains(year),
            let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
            let end = calendar.date(byAdding: .month, value: 1, to: start)
        else { return nil }
        self.year = year
        self.month = month
        interval = DateInterval(start: start, end: end)
    }

    /// The month `date` falls in.
    public init(containing date: Date, calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month], from: date)
        // Every date has a year and a month in the Gregorian and ISO calendars the diary uses.
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, calendar: calendar)!
    }

    /// "2026-11" as the page's address carries it; anything else is an error naming the field.
    public init(parsing text: String, field: String = "month", calendar: Calendar) throws(FieldError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]), let parsed = DiaryMonth(year: year, month: month, calendar: calendar)
        else {
            throw FieldError(field: field, value: text, accepted: "a month as YYYY-MM, such as 2026-11")
        }
        self = parsed
    }

    /// "2026-11".
    public var key: String { String(format: "%04d-%02d", year, month) }

    /// "November 2026".
    public func title(calendar: Calendar) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "MMMM yyyy"
        return formatter.string(from: interval.start)
    }

    public func contains(_ date: Date) -> Bool {
        interval.start <= date && date < interval.end
    }

    /// Where to go from this month: the nearest earlier and later months that hold any of `dates`
    /// (so a quiet spell is skipped, not paged through), and the current month as the latest a
    /// person returns to even when it is empty.
    public func neighbours(
        among dates: [Date], now: Date, calendar: Calendar
    ) -> (older: DiaryMonth?, newer: DiaryMonth?) {
        let older = dates.filter { $0 < interval.start }.max().map { DiaryMonth(containing: $0, calendar: calendar) }
        let current = DiaryMonth(containing: now, calendar: calendar)
        var newer = dates.filter { $0 >= interval.end }.min().map { DiaryMonth(containing: $0, calendar: calendar) }
        if interval.start < current.interval.start, newer.map({ $0.interval.start > current.interval.start }) ?? true {
            newer = current
        }
        return (older, newer)
    }
}
