import Foundation

/// The first moment of the week each of many dates falls in, asking the calendar once per week
/// rather than once per date: records come sorted by time, so most dates fall in the week of the
/// one before. With a diary of 1,000 cramps, asking per date was most of the review's time.
struct WeekStarts {
    let calendar: Calendar
    private var last: DateInterval?

    init(_ calendar: Calendar) {
        self.calendar = calendar
    }

    mutating func start(of date: Date) -> Date {
        if let last, last.start <= date, date < last.end { return last.start }
        guard let week = calendar.dateInterval(of: .weekOfYear, for: date) else {
            return calendar.startOfDay(for: date)
        }
        last = week
        return week.start
    }
}
