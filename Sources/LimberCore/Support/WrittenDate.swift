import Foundation

/// A date and time exactly as written (`2026-11-20`, `2026-11-20T23:10`, `2026-11-20 23:10:05`,
/// `2026-11-20T23:10:00.250Z`, `2026-11-20T23:10+01:00`), checked part by part before any calendar
/// reads it.
///
/// Foundation's parsers, lenient or not depending on platform and API, roll 30 February over to
/// 2 March and hour 25 into the next day; a diary must refuse those instead, and say which part is
/// wrong. Only after every part is known to exist is the date handed to `Calendar`.
public struct WrittenDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Nil when only a date was written.
    public var hour: Int?
    public var minute: Int?
    public var second: Int?
    public var nanosecond: Int
    /// Seconds east of UTC when the text named a zone (`Z`, `+01:00`); nil means the person's local time.
    public var utcOffsetSeconds: Int?

    /// What the form looks like, for messages.
    public static let example = "2026-11-20T23:10"

    /// Why a text is not a date, in words that name the part that is wrong.
    public enum Problem: Error, Sendable, Hashable {
        case notTheForm
        case month(Int)
        case day(Int, month: Int, year: Int, daysInMonth: Int)
        case hour(Int)
        case minute(Int)
        case second(Int)
        case utcOffset(String)

        /// Which part does not exist, or nil when the text is not in the form at all.
        public var reason: String? {
            switch self {
            case .notTheForm: nil
            case .month(let month): "there is no month \(month); months go from 01 to 12"
            case .day(let day, let month, let year, let days):
                "\(WrittenDate.monthNames[month - 1]) \(year) has no day \(day) (it has \(days) days)"
            case .hour(let hour): "there is no hour \(hour); hours go from 00 to 23"
            case .minute(let minute): "there is no minute \(minute); minutes go from 00 to 59"
            case .second(let second): "there is no second \(second); seconds go from 00 to 59"
            case .utcOffset(let text): "\"\(text)\" is not a time zone offset; use Z or one such as +01:00"
            }
        }

        /// A day such as 30 February: in the form, but not in that month.
        public var isDayPastMonthEnd: Bool {
            if case .day = self { return true }
            return false
        }

        /// The part that is wrong and the form accepted, for the `accepted` half of a `FieldError`.
        public func accepted(form: String) -> String {
            [reason, form].compactMap { $0 }.joined(separator: "; ")
        }
    }

    // Built per call: Regex is not Sendable, so it cannot be a shared static in Swift 6.
    private static var pattern:
        Regex<(Substring, Substring, Substring, Substring, Substring?, Substring?, Substring?, Substring?, Substring?)>
    {
        #/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/#
    }

    /// Reads the text, or says which part does not exist.
    public static func read(_ text: String) -> Result<WrittenDate, Problem> {
        guard let match = text.wholeMatch(of: pattern) else { return .failure(.notTheForm) }
        let output = match.output
        // The pattern allows only digits in these groups, so `Int` cannot fail on them.
        let year = Int(output.1)!
        let month = Int(output.2)!
        let day = Int(output.3)!
        let hour = output.4.map { Int($0)! }
        let minute = output.5.map { Int($0)! }
        let second = output.6.map { Int($0)! }
        let fraction = output.7.map { String($0) } ?? ""
        let nanosecond = fraction.isEmpty ? 0 : Int(fraction.padding(toLength: 9, withPad: "0", startingAt: 0))!
        guard (1...12).contains(month) else { return .failure(.month(month)) }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            return .failure(.day(day, month: month, year: year, daysInMonth: days))
        }
        if let hour, !(0...23).contains(hour) { return .failure(.hour(hour)) }
        if let minute, !(0...59).contains(minute) { return .failure(.minute(minute)) }
        // A leap second (:60) is never what a person means to log; UTC clocks repeat :59 instead.
        if let second, !(0...59).contains(second) { return .failure(.second(second)) }
        var offset: Int?
        if let zone = output.8 {
            guard hour != nil else { return .failure(.notTheForm) }
            if zone == "Z" || zone == "z" {
                offset = 0
            } else {
                let digits = zone.dropFirst().filter(\.isNumber)
                let hours = Int(digits.prefix(2))!
                let minutes = Int(digits.suffix(2))!
                // RFC 3339 allows any offset to 23:59, though no zone on Earth is past 14:00.
                guard hours <= 23, minutes <= 59 else { return .failure(.utcOffset(String(zone))) }
                offset = (zone.first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            }
        }
        return .success(
            WrittenDate(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                nanosecond: nanosecond, utcOffsetSeconds: offset))
    }

    /// The instant meant: in the zone written, or else local time in `timeZone`. A date alone is the
    /// first moment of that day, even where the clocks skip midnight.
    public func date(localTimeZone timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        // An offset is applied by hand: TimeZone(secondsFromGMT:) refuses those past 18 hours.
        calendar.timeZone = utcOffsetSeconds == nil ? timeZone : .gmt
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0,
            nanosecond: nanosecond)
        // Every part was checked above, so the calendar has a date for them (in a clock change's gap it moves on).
        let date = calendar.date(from: components)!
        if let utcOffsetSeconds { return date.addingTimeInterval(-TimeInterval(utcOffsetSeconds)) }
        return hour == nil ? calendar.startOfDay(for: date) : date
    }

    fileprivate static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
