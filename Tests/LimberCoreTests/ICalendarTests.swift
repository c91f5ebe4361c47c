import Foundation
import LimberCore
import Testing

/// The calendar feed a phone subscribes to: RFC 5545 text that any calendar reads, with the
/// reminder at the chosen local time, every week, with an alarm.
@Suite("The iCalendar feed follows RFC 5545")
struct ICalendarTests {
    /// Wednesday 18 November 2026, 12:00 UTC (and London).
    let now = Date(timeIntervalSince1970: 1_795_003_200)

    let bedtime = Reminder(
        id: UUID(uuidString: "6F1C2A7E-3B4D-4E5F-8A9B-0C1D2E3F4A5B")!, routineId: "bedtime-leg-cramps",
        weekdays: [1, 3, 5], hour: 21, minute: 30, timeZone: "Europe/London")

    let names = ["bedtime-leg-cramps": "Bedtime stretches for night leg cramps"]

    func feed(_ reminders: [Reminder], names: [String: String]? = nil, now: Date? = nil) -> String {
        ICalendar.feed(
            reminders: reminders, routineNames: names ?? self.names, now: now ?? self.now,
            calendarName: "Limber reminders")
    }

    /// The content lines after unfolding, without their CRLFs.
    func lines(_ text: String) -> [String] {
        ICalendar.unfold(text).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("The date is the one the tests assume")
    func fixedDate() {
        #expect(ISO8601DateFormatter().string(from: now) == "2026-11-18T12:00:00Z")
    }

    @Test("A feed is a VCALENDAR 2.0 with a PRODID, balanced components and CRLF line endings only")
    func structure() {
        let text = feed([bedtime])
        let lines = lines(text)

        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains { $0.hasPrefix("PRODID:") })
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feeds")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "no bare carriage returns")
        var open: [String] = []
        for line in lines {
            if line.hasPrefix("BEGIN:") { open.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") { #expect(open.popLast() == String(line.dropFirst(4)), "\(line)") }
        }
        #expect(open.isEmpty)
    }

    @Test("Each reminder is a weekly event with its summary, description and an alarm at its time")
    func event() {
        let lines = lines(feed([bedtime]))

        #expect(lines.contains("UID:6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b@limber"))
        #expect(lines.contains("DTSTAMP:20261118T120000Z"))
        #expect(lines.contains("SUMMARY:Limber: Bedtime stretches for night leg cramps"))
        #expect(lines.contains { $0.hasPrefix("DESCRIPTION:Time for Bedtime stretches for night leg cramps") })
        #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"))
        let alarm = lines.drop { $0 != "BEGIN:VALARM" }.prefix { $0 != "END:VALARM" }
        #expect(alarm.contains("ACTION:DISPLAY"))
        #expect(alarm.contains("TRIGGER:PT0M"))
        #expect(alarm.contains { $0.hasPrefix("DESCRIPTION:") })
    }

    @Test("Days typed as mon,wed,fri repeat on MO, WE and FR")
    func byDayFromTypedDays() throws {
        let days = try ReminderRules.parseDays("mon,wed,fri")
        let reminder = Reminder(
            routineId: "seed-full", weekdays: days, hour: 7, minute: 0, timeZone: "Europe/London")

        #expect(lines(feed([reminder])).contains("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"))
        #expect(
            lines(feed([Reminder(routineId: "seed-full", weekdays: [7, 6], hour: 7, minute: 0, timeZone: "UTC")]))
                .contains("RRULE:FREQ=WEEKLY;BYDAY=SA,SU"))
    }

    @Test(
        "The first start is the next time on or after now in the reminder's own zone",
        arguments: [
            // Wednesday 21:30 in London is exactly now: today counts.
            (1_795_037_400.0, "DTSTART;TZID=Europe/London:20261118T213000"),
            // A minute later: Friday.
            (1_795_037_460.0, "DTSTART;TZID=Europe/London:20261120T213000"),
            // Friday 22:00: the next is Monday.
            (1_795_213_800.0, "DTSTART;TZID=Europe/London:20261123T213000"),
        ])
    func firstStart(now seconds: Double, expected: String) {
        #expect(lines(feed([bedtime], now: Date(timeIntervalSince1970: seconds))).contains(expected))
    }

    @Test("A zone behind UTC starts on its own local day")
    func firstStartBehindUTC() {
        // 03:00 UTC on Thursday 19 November is still Wednesday 22:00 in New York.
        let reminder = Reminder(
            routineId: "seed-full", weekdays: [3], hour: 23, minute: 0, timeZone: "America/New_York")

        let lines = lines(feed([reminder], now: Date(timeIntervalSince1970: 1_795_057_200)))

        #expect(lines.contains("DTSTART;TZID=America/New_York:20261118T230000"))
    }

    @Test("The same reminders give the same UIDs every time the feed is made")
    func stableUIDs() {
        let other = Reminder(routineId: "seed-full", weekdays: [6], hour: 9, minute: 0, timeZone: "Asia/Tokyo")

        let first = lines(feed([bedtime, other])).filter { $0.hasPrefix("UID:") }
        let later = lines(feed([bedtime, other], now: now.addingTimeInterval(9 * 86_400))).filter {
            $0.hasPrefix("UID:")
        }

        #expect(first.count == 2)
        #expect(first == later)
        #expect(
            first == [
                "UID:\(bedtime.id.uuidString.lowercased())@limber", "UID:\(other.id.uuidString.lowercased())@limber",
            ])
    }

    @Test("A routine name with a comma, semicolon, backslash and line break is escaped as TEXT")
    func escaping() {
        let names = ["bedtime-leg-cramps": "Calves, feet; back\\slash\nand more"]

        let lines = lines(feed([bedtime], names: names))

        #expect(lines.contains("SUMMARY:Limber: Calves\\, feet\\; back\\\\slash\\nand more"))
        #expect(ICalendar.escape("one\r\ntwo\rthree\nfour") == "one\\ntwo\\nthree\\nfour")
        #expect(ICalendar.escape("tab\there, bell\u{07}") == "tab\there\\, bell")
    }

    @Test("Every line is at most 75 octets, and unfolding gives back the line, multi-byte text included")
    func folding() {
        let name = String(repeating: "Étirement du mollet — 小腿拉伸 🧘‍♀️, ", count: 6)
        let text = feed([bedtime], names: ["bedtime-leg-cramps": name])

        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
        }
        #expect(lines(text).contains("SUMMARY:Limber: \(ICalendar.escape(name))"))
        #expect(text.components(separatedBy: "\r\n").count > 12, "the long lines were folded")
    }

    @Test("Folding never splits a character, even one longer than a line")
    func foldingKeepsCharactersWhole() {
        // An e with 40 combining accents is one character of 81 octets; it is split between its scalars.
        let long = "e" + String(repeating: "\u{301}", count: 40)
        for line in [
            "SUMMARY:" + String(repeating: "ü", count: 70), "X:" + long + long, String(repeating: "a", count: 75),
        ] {
            let folded = ICalendar.fold(line)
            let physical = folded.components(separatedBy: "\r\n")

            #expect(physical.allSatisfy { $0.utf8.count <= 75 })
            #expect(physical.dropFirst().allSatisfy { $0.utf8.first == UInt8(ascii: " ") })
            #expect(ICalendar.unfold(folded) == line)
            #expect(physical.allSatisfy { !$0.unicodeScalars.contains("\u{FFFD}") })
        }
        #expect(ICalendar.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
        #expect(ICalendar.fold(String(repeating: "a", count: 76)).hasSuffix("\r\n a"))
    }

    @Test("A zone with daylight saving gets DAYLIGHT and STANDARD observances with yearly rules")
    func daylightSavingZone() throws {
        let lines = lines(feed([bedtime]))
        let zone = Array(lines.drop { $0 != "BEGIN:VTIMEZONE" }.prefix { $0 != "END:VTIMEZONE" })

        #expect(zone.contains("TZID:Europe/London"))
        let daylight = Array(zone.drop { $0 != "BEGIN:DAYLIGHT" }.prefix { $0 != "END:DAYLIGHT" })
        let standard = Array(zone.drop { $0 != "BEGIN:STANDARD" }.prefix { $0 != "END:STANDARD" })
        #expect(daylight.contains("TZOFFSETFROM:+0000"))
        #expect(daylight.contains("TZOFFSETTO:+0100"))
        #expect(daylight.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        #expect(daylight.contains { $0.hasPrefix("DTSTART:") && $0.hasSuffix("T010000") })
        #expect(standard.contains("TZOFFSETFROM:+0100"))
        #expect(standard.contains("TZOFFSETTO:+0000"))
        #expect(standard.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        #expect(standard.contains { $0.hasPrefix("DTSTART:") && $0.hasSuffix("T020000") })
    }

    @Test("A zone without daylight saving gets one STANDARD observance, and each zone is written once")
    func zoneWithoutDaylightSaving() {
        let tokyo = Reminder(routineId: "seed-full", weekdays: [6], hour: 9, minute: 0, timeZone: "Asia/Tokyo")

        let lines = lines(feed([tokyo, tokyo, bedtime]))

        #expect(lines.filter { $0 == "TZID:Asia/Tokyo" }.count == 1)
        #expect(lines.filter { $0 == "TZID:Europe/London" }.count == 1)
        let zone = Array(lines.drop { $0 != "TZID:Asia/Tokyo" }.prefix { $0 != "END:VTIMEZONE" })
        #expect(!zone.contains("BEGIN:DAYLIGHT"))
        #expect(zone.contains("TZOFFSETFROM:+0900"))
        #expect(zone.contains("TZOFFSETTO:+0900"))
    }

    @Test("Every TZID an event uses has its VTIMEZONE, and only those are written")
    func zonesMatchEvents() {
        let kolkata = Reminder(routineId: "seed-full", weekdays: [2], hour: 6, minute: 15, timeZone: "Asia/Kolkata")
        let lines = lines(feed([bedtime, kolkata]))

        let used = Set(lines.compactMap { $0.firstMatch(of: /^DTSTART;TZID=([^:]+):/).map { String($0.1) } })
        let defined = Set(lines.compactMap { $0.firstMatch(of: /^TZID:(.+)$/).map { String($0.1) } })
        #expect(used == ["Europe/London", "Asia/Kolkata"])
        #expect(used == defined)
        #expect(lines.contains("TZOFFSETTO:+0530"))
    }

    @Test("A routine's length becomes the event's duration when it is known")
    func duration() {
        let text = ICalendar.feed(
            reminders: [bedtime], routineNames: names, now: now, calendarName: "Limber",
            routineSeconds: ["bedtime-leg-cramps": 481])

        #expect(lines(text).contains("DURATION:PT9M"))
        #expect(!lines(feed([bedtime])).contains { $0.hasPrefix("DURATION:") })
    }

    @Test("With links, the calendar names its own address and each event its routine's page; without, neither")
    func links() {
        let text = ICalendar.feed(
            reminders: [bedtime], routineNames: names, now: now, calendarName: "Limber",
            links: .init(
                feed: "https://limber.home.arpa/calendar/abc.ics",
                routines: ["bedtime-leg-cramps": "https://limber.home.arpa/routines/bedtime-leg-cramps\r\nX:1"]))

        #expect(lines(text).contains("SOURCE;VALUE=URI:https://limber.home.arpa/calendar/abc.ics"))
        #expect(lines(text).contains("URL:https://limber.home.arpa/routines/bedtime-leg-crampsX:1"))
        #expect(!lines(text).contains("X:1"), "a line break in an address never starts a new content line")
        #expect(!lines(feed([bedtime])).contains { $0.hasPrefix("SOURCE") || $0.hasPrefix("URL:") })
    }

    @Test("A reminder with no days is left out instead of written without a rule")
    func unschedulableIsLeftOut() {
        var broken = bedtime
        broken.weekdays = []

        #expect(!lines(feed([broken])).contains("BEGIN:VEVENT"))
        #expect(lines(feed([])).contains("END:VCALENDAR"))
    }

    @Test("A missing routine name shows the routine id")
    func missingName() {
        #expect(lines(feed([bedtime], names: [:])).contains("SUMMARY:Limber: bedtime-leg-cramps"))
    }
}
