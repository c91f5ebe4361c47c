import Foundation

/// Reminders as an iCalendar feed (RFC 5545) that a phone calendar subscribes to: one weekly
/// repeating event per reminder, with an alarm at its time and the time zones it uses.
///
/// Pure: `now` is the stamp and the start of the schedule, so the same input gives the same feed.
public enum ICalendar {
    /// Content lines are at most this many octets, not counting the CRLF (RFC 5545 section 3.1).
    public static let maximumLineOctets = 75

    static let productID = "-//Limber//Limber reminders 1.0//EN"
    static let byDayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Absolute addresses to write into the feed, so a calendar app can refresh it from where it
    /// is served and a tap on an event opens its routine. The caller builds them from the address
    /// other devices use (`--public-url`), which this pure code cannot know.
    public struct Links: Sendable, Hashable {
        /// The feed's own address, written as the calendar's SOURCE (RFC 7986 section 5.8).
        public var feed: String?
        /// Routine id to the page for that routine, written as each event's URL (RFC 5545 section 3.8.4.6).
        public var routines: [String: String]

        public init(feed: String?, routines: [String: String]) {
            self.feed = feed
            self.routines = routines
        }
    }

    /// The whole calendar, CRLF line endings included.
    ///
    /// - Parameters:
    ///   - routineNames: routine id to the name shown in the calendar; a missing one shows its id.
    ///   - now: the DTSTAMP of every event; each event's first DTSTART is its next time at or after it.
    ///   - routineSeconds: routine id to how long the routine takes; an event without one has no duration.
    ///   - links: absolute addresses for the feed and its routines; none are written without them.
    ///
    /// A reminder whose days or time zone cannot be scheduled is left out rather than written broken.
    public static func feed(
        reminders: [Reminder], routineNames: [String: String], now: Date, calendarName: String,
        routineSeconds: [String: Int] = [:], links: Links? = nil
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escape(calendarName))", "NAME:\(escape(calendarName))",
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H",
        ]
        if let feed = links?.feed { lines.append("SOURCE;VALUE=URI:\(uri(feed))") }
        let scheduled = reminders.compactMap { reminder in
            ReminderSchedule.nextOccurrence(of: reminder, onOrAfter: now).map { (reminder, $0) }
        }
        for identifier in Set(scheduled.map(\.0.timeZone)).sorted() {
            guard let zone = TimeZone(identifier: identifier) else { continue }
            lines += timeZoneLines(zone, identifier: identifier, now: now)
        }
        for (reminder, first) in scheduled {
            let name = routineNames[reminder.routineId] ?? reminder.routineId
            let time = ReminderRules.timeText(hour: reminder.hour, minute: reminder.minute)
            let summary = "Limber: \(name)"
            lines += [
                "BEGIN:VEVENT",
                "UID:\(reminder.id.uuidString.lowercased())@limber",
                "DTSTAMP:\(utcText(now))",
                "DTSTART;TZID=\(reminder.timeZone):"
                    + dateTimeText(
                        year: first.year, month: first.month, day: first.day, hour: reminder.hour,
                        minute: reminder.minute, second: 0),
            ]
            if let seconds = routineSeconds[reminder.routineId], seconds > 0 {
                lines.append("DURATION:PT\((seconds + 59) / 60)M")
            }
            lines += [
                "RRULE:FREQ=WEEKLY;BYDAY=\(reminder.weekdays.sorted().map { byDayNames[$0 - 1] }.joined(separator: ","))",
                "SUMMARY:\(escape(summary))",
                "DESCRIPTION:"
                    + escape(
                        "Time for \(name) (\(ReminderRules.daysDescription(reminder.weekdays)) at \(time)).\n"
                            + "Open Limber to be guided through it. Stop if it hurts."),
                "TRANSP:TRANSPARENT",
            ]
            if let page = links?.routines[reminder.routineId] { lines.append("URL:\(uri(page))") }
            lines += [
                "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escape(summary))", "TRIGGER:PT0M", "END:VALARM",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map { fold($0) + "\r\n" }.joined()
    }

    // MARK: - Text

    /// A URI value: not escaped like TEXT (a comma is part of the address), but with every
    /// control character dropped so an address can never end its content line early.
    static func uri(_ address: String) -> String {
        String(String.UnicodeScalarView(address.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// A TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma escaped, every kind of
    /// line break written as `\n`, and other control characters, which TEXT may not hold, dropped.
    public static func escape(_ text: String) -> String {
        var result = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCarriageReturn { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// One content line folded (RFC 5545 section 3.1): CRLF and a space before it grows past 75
    /// octets, never inside a UTF-8 character, and between whole characters wherever one fits.
    public static func fold(_ line: String) -> String {
        var pieces: [String] = []
        for character in line {
            if character.utf8.count < maximumLineOctets {
                pieces.append(String(character))
            } else {
                // A character longer than a line (a long emoji sequence) is split between its scalars.
                pieces += character.unicodeScalars.map { String($0) }
            }
        }
        var result = ""
        var octets = 0
        for piece in pieces {
            let size = piece.utf8.count
            if octets + size > maximumLineOctets {
                result += "\r\n "
                octets = 1
            }
            result += piece
            octets += size
        }
        return result
    }

    /// Undoes `fold`: what a reader does before it parses a content line. It works on octets, as
    /// readers do, because a space before a combining mark is one character to Swift.
    public static func unfold(_ text: String) -> String {
        let octets = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(octets.count)
        var index = 0
        while index < octets.count {
            if octets[index] == 13, index + 2 < octets.count, octets[index + 1] == 10,
                octets[index + 2] == 32 || octets[index + 2] == 9
            {
                index += 3
                continue
            }
            result.append(octets[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: - Dates

    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    static func dateTimeText(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> String {
        String(format: "%04d%02d%02dT%02d%02d%02d", year, month, day, hour, minute, second)
    }

    /// A UTC date-time such as 20261120T231000Z.
    static func utcText(_ date: Date) -> String {
        floatingText(date, offset: 0) + "Z"
    }

    /// The wall-clock date-time, without a zone, at `offset` seconds from UTC.
    static func floatingText(_ date: Date, offset: Int) -> String {
        let c = utcCalendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date.addingTimeInterval(TimeInterval(offset)))
        return dateTimeText(
            year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0, minute: c.minute ?? 0,
            second: c.second ?? 0)
    }

    /// A UTC offset such as +0100, -0500 or +0545 (with seconds only when it has them).
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = sign + String(format: "%02d%02d", magnitude / 3600, magnitude % 3600 / 60)
        return magnitude % 60 == 0 ? text : text + String(format: "%02d", magnitude % 60)
    }

    // MARK: - Time zones

    /// One change of a zone's offset, as a VTIMEZONE observance describes it.
    struct Transition {
        var date: Date
        var isDaylight: Bool
        var offsetFrom: Int
        var offsetTo: Int
        var name: String?

        /// The local date-time just before the change, which is what DTSTART names.
        var localStart: DateComponents {
            ICalendar.utcCalendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second, .weekday],
                from: date.addingTimeInterval(TimeInterval(offsetFrom)))
        }
    }

    /// A VTIMEZONE built from Foundation's time zone data. It covers a year before `now` to six years
    /// after: yearly changes become an observance with a yearly RRULE, irregular ones are listed as
    /// they come, and a zone without changes gets one STANDARD observance.
    static func timeZoneLines(_ zone: TimeZone, identifier: String, now: Date) -> [String] {
        let windowStart = now.addingTimeInterval(-366 * 86_400)
        let windowEnd = now.addingTimeInterval(6 * 366 * 86_400)
        var transitions: [Transition] = []
        var cursor = windowStart
        while transitions.count < 64, let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < windowEnd
        {
            transitions.append(
                Transition(
                    date: next, isDaylight: zone.isDaylightSavingTime(for: next),
                    offsetFrom: zone.secondsFromGMT(for: next.addingTimeInterval(-1)),
                    offsetTo: zone.secondsFromGMT(for: next), name: zone.abbreviation(for: next)))
            cursor = next
        }
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(identifier)"]
        if transitions.first.map({ $0.date > now }) ?? true {
            // No change before now in the window: the offset in force now has held since long ago.
            let offset = zone.secondsFromGMT(for: now)
            lines += observanceLines(
                Transition(
                    date: Date(timeIntervalSince1970: 0), isDaylight: zone.isDaylightSavingTime(for: now),
                    offsetFrom: offset, offsetTo: offset, name: zone.abbreviation(for: now)),
                rule: nil)
        }
        let groups = Dictionary(grouping: transitions) { "\($0.isDaylight) \($0.offsetFrom) \($0.offsetTo)" }
        for key in groups.keys.sorted(by: { groups[$0]![0].date < groups[$1]![0].date }) {
            let group = groups[key]!
            if let rule = yearlyRule(group, windowEnd: windowEnd) {
                lines += observanceLines(group[0], rule: rule)
            } else {
                for transition in group { lines += observanceLines(transition, rule: nil) }
            }
        }
        return lines + ["END:VTIMEZONE"]
    }

    static func observanceLines(_ transition: Transition, rule: String?) -> [String] {
        let kind = transition.isDaylight ? "DAYLIGHT" : "STANDARD"
        var lines = [
            "BEGIN:\(kind)", "DTSTART:\(floatingText(transition.date, offset: transition.offsetFrom))",
            "TZOFFSETFROM:\(offsetText(transition.offsetFrom))", "TZOFFSETTO:\(offsetText(transition.offsetTo))",
        ]
        if let rule { lines.append(rule) }
        if let name = transition.name, !name.isEmpty { lines.append("TZNAME:\(escape(name))") }
        return lines + ["END:\(kind)"]
    }

    /// `RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` when the changes fall once a year on the same
    /// weekday of the same week of the same month at the same local time, through the whole window;
    /// nil when they do not, so the changes are listed one by one instead.
    static func yearlyRule(_ group: [Transition], windowEnd: Date) -> String? {
        guard group.count >= 2, let last = group.last, windowEnd.timeIntervalSince(last.date) < 366 * 86_400 else {
            return nil
        }
        let starts = group.map(\.localStart)
        let first = starts[0]
        guard let year = first.year, let month = first.month, let day = first.day, let weekday = first.weekday
        else { return nil }
        func daysInMonth(_ c: DateComponents) -> Int {
            utcCalendar.date(from: c).flatMap { utcCalendar.range(of: .day, in: .month, for: $0)?.count } ?? 31
        }
        let nth = (day - 1) / 7 + 1
        let isLast = day + 7 > daysInMonth(first)
        func matches(_ ordinal: Int) -> Bool {
            starts.enumerated().allSatisfy { index, c in
                guard c.year == year + index, c.month == month, c.weekday == weekday, c.hour == first.hour,
                    c.minute == first.minute, c.second == first.second, let d = c.day
                else { return false }
                return ordinal == -1 ? d + 7 > daysInMonth(c) : (d - 1) / 7 + 1 == ordinal
            }
        }
        let names = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        for ordinal in (isLast ? [-1, nth] : [nth]) where matches(ordinal) {
            return "RRULE:FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(ordinal)\(names[weekday - 1])"
        }
        return nil
    }
}
