import Foundation
import LimberCore
import Testing

/// What a person types into the diary is read, checked, exported and summed up the same way in
/// the CLI and the web app; these tests pin what they would notice.
@Suite("Diary rules read, check, export and sum up the diary")
struct DiaryRulesTests {
    let catalog: Catalog
    let london = TimeZone(identifier: "Europe/London")!
    let newYork = TimeZone(identifier: "America/New_York")!

    /// The moment the tests pretend it is; the rules never read a clock.
    let now = instant("2026-12-01T12:00:00Z")

    init() throws {
        catalog = try CatalogLoader.load()
    }

    // MARK: - Durations

    @Test(
        "A duration reads as seconds, minutes, hours, a mix of them, or a bare number of seconds",
        arguments: [("90s", 90), ("2m", 120), ("1m30s", 90), ("1h", 3600), ("45", 45), ("24h", 86_400)])
    func durationIsRead(text: String, seconds: Int) throws {
        #expect(try DiaryRules.parseDuration(text) == seconds)
    }

    @Test(
        "A zero, too long, unknown-unit, empty or number-less duration is refused, naming the text",
        arguments: ["0s", "25h", "2x", "", "m", "86401", "1m30", "1m 30s", "-5"])
    func badDurationIsRefused(text: String) {
        let error = #expect(throws: FieldError.self) { try DiaryRules.parseDuration(text) }

        #expect(error?.field == "duration")
        #expect(error?.value == text)
    }

    @Test("A duration too large for a whole number is refused instead of stopping the program")
    func hugeDurationIsRefused() {
        // 9999999999999999 hours and Int.max seconds plus one would overflow while being added up.
        for text in ["9999999999999999h", "9223372036854775807s1s", "99999999999"] {
            #expect(throws: FieldError.self) { try DiaryRules.parseDuration(text) }
        }
    }

    // MARK: - Dates

    @Test("A local date and time means that wall-clock time in the person's time zone")
    func localTimeUsesTheTimeZone() throws {
        let inLondon = try DiaryRules.parseDate("2026-11-20T23:10", field: "at", timeZone: london)
        let inNewYork = try DiaryRules.parseDate("2026-11-20T23:10", field: "at", timeZone: newYork)

        #expect(inLondon == instant("2026-11-20T23:10:00Z"))
        #expect(inNewYork == instant("2026-11-21T04:10:00Z"))
        #expect(inNewYork.timeIntervalSince(inLondon) == 5 * 3600)
    }

    @Test("A date alone means its local midnight")
    func dateAloneIsMidnight() throws {
        #expect(
            try DiaryRules.parseDate("2026-11-20", field: "at", timeZone: london) == instant("2026-11-20T00:00:00Z"))
        #expect(
            try DiaryRules.parseDate("2026-11-20", field: "at", timeZone: newYork) == instant("2026-11-20T05:00:00Z"))
    }

    @Test("A date alone, in a time zone whose clocks skip midnight, means the first moment of that day")
    func dateAloneWhereMidnightIsSkipped() throws {
        // Chile moves its clocks from 00:00 to 01:00 on 6 September 2026, so that day starts at 01:00.
        let santiago = TimeZone(identifier: "America/Santiago")!
        let parsed = try DiaryRules.parseDate("2026-09-06", field: "at", timeZone: santiago)
        #expect(parsed == instant("2026-09-06T04:00:00Z"))
    }

    @Test("Words instead of a date are refused, naming the field and the text")
    func wordsAreRefused() {
        let error = #expect(throws: FieldError.self) {
            try DiaryRules.parseDate("yesterday", field: "at", timeZone: london)
        }

        #expect(error?.field == "at")
        #expect(error?.value == "yesterday")
    }

    @Test(
        "A day the month does not have, month 13, hour 25 or minute 60 is refused naming that part, never rolled over",
        arguments: [
            ("2026-02-30", "February 2026 has no day 30"), ("2026-02-29T10:00", "February 2026 has no day 29"),
            ("2026-04-31", "April 2026 has no day 31"), ("2026-13-01", "there is no month 13"),
            ("2026-00-10", "there is no month 0"), ("2026-11-20T25:00", "there is no hour 25"),
            ("2026-11-20T23:60", "there is no minute 60"), ("2026-11-20T23:10:61", "there is no second 61"),
        ])
    func impossibleDateIsRefused(text: String, reason: String) {
        let error = #expect(throws: FieldError.self) {
            try DiaryRules.parseDate(text, field: "at", timeZone: london, now: now)
        }

        #expect(error?.field == "at")
        #expect(error?.value == text)
        #expect(error?.accepted.contains(reason) == true, "\(error?.accepted ?? "")")
        #expect(error?.accepted.contains("YYYY-MM-DD") == true, "the message gives the form accepted")
    }

    @Test("29 February is accepted in a leap year")
    func leapDayIsAccepted() throws {
        #expect(
            try DiaryRules.parseDate("2024-02-29T10:00", field: "at", timeZone: london, now: now)
                == instant("2024-02-29T10:00:00Z"))
    }

    @Test("The API's instants refuse a day or hour that does not exist instead of rolling it over")
    func isoInstantsAreStrict() {
        #expect(ISODate.parse("2026-02-30T10:00:00Z") == nil)
        #expect(ISODate.parse("2026-11-20T24:00:00Z") == nil)
        #expect(ISODate.problem("2026-02-30T10:00:00Z")?.reason == "February 2026 has no day 30 (it has 28 days)")
        #expect(ISODate.parse("2026-11-20T23:10:00.250Z") == instant("2026-11-20T23:10:00.250Z"))
        #expect(ISODate.parse("2026-11-21T00:10:00+01:00") == instant("2026-11-20T23:10:00Z"))
    }

    @Test("A time up to 5 minutes ahead of now is accepted, for clocks that disagree; later is refused with the range")
    func futureIsRefused() throws {
        let fourMinutesAhead = now.addingTimeInterval(4 * 60)
        #expect(validationError(episode(at: fourMinutesAhead)) == nil)

        let error = try #require(validationError(episode(at: now.addingTimeInterval(6 * 60))))
        #expect(error.field == "occurredAt")
        #expect(error.accepted.contains("in the future"))
        #expect(error.accepted.contains("2026-12-01T12:00Z"), "the message says what now is: \(error.accepted)")
        #expect(error.accepted.contains("5 minutes"))
    }

    @Test("A typed time tomorrow is refused in the person's own clock time")
    func typedFutureIsRefused() {
        let error = #expect(throws: FieldError.self) {
            try DiaryRules.parseDate("2026-12-02T09:00", field: "at", timeZone: newYork, now: now)
        }

        #expect(error?.field == "at")
        #expect(error?.value == "2026-12-02T09:00")
        #expect(error?.accepted.contains("2026-12-01 07:00") == true, "now, in New York: \(error?.accepted ?? "")")
    }

    @Test("A cramp before 2000 is refused as too long ago, giving the range; 1 January 2000 is accepted")
    func longAgoIsRefused() throws {
        #expect(validationError(episode(at: "2000-01-01T00:00:00Z")) == nil)

        let error = try #require(validationError(episode(at: "1999-12-31T23:59:00Z")))
        #expect(error.field == "occurredAt")
        #expect(error.accepted.contains("too long ago"))
        #expect(error.accepted.contains("2000-01-01T00:00Z"))
        #expect(error.accepted.contains("2026-12-01T12:00Z"))
    }

    @Test("A session that starts or ends in the future is refused")
    func futureSessionIsRefused() {
        let session = SessionRecord(
            routineId: "relief-calf", routineName: "Calf cramp relief", startedAt: now.addingTimeInterval(-60),
            endedAt: now.addingTimeInterval(3600), isComplete: false, stepsCompleted: 1, stepsTotal: 6)

        let error = #expect(throws: FieldError.self) { try DiaryRules.validate(session, now: now) }

        #expect(error?.field == "endedAt")
    }

    // MARK: - Sessions: done, skipped, complete

    @Test("Steps done and skipped together may not exceed the steps there are")
    func tooManySkippedIsRefused() {
        let session = SessionRecord(
            routineId: "seed-full", routineName: "All six core stretches", startedAt: instant("2026-11-20T21:00:00Z"),
            endedAt: instant("2026-11-20T21:09:00Z"), isComplete: false, stepsCompleted: 5, stepsSkipped: 4,
            stepsTotal: 8)

        let error = #expect(throws: FieldError.self) { try DiaryRules.validate(session, now: now) }

        #expect(error?.field == "stepsSkipped")
        #expect(error?.value == "4")
    }

    @Test("A session with a skipped step cannot be marked complete")
    func completeWithSkipsIsRefused() {
        let session = SessionRecord(
            routineId: "seed-full", routineName: "All six core stretches", startedAt: instant("2026-11-20T21:00:00Z"),
            endedAt: instant("2026-11-20T21:09:00Z"), isComplete: true, stepsCompleted: 6, stepsSkipped: 2,
            stepsTotal: 8)

        let error = #expect(throws: FieldError.self) { try DiaryRules.validate(session, now: now) }

        #expect(error?.field == "isComplete")
    }

    @Test("A session reads as how many steps were done, skipped, and the pain before and after")
    func sessionDescription() {
        var session = SessionRecord(
            routineId: "seed-full", routineName: "All six core stretches", startedAt: instant("2026-11-20T21:00:00Z"),
            endedAt: instant("2026-11-20T21:09:00Z"), isComplete: false, stepsCompleted: 5, stepsSkipped: 2,
            stepsTotal: 8, painBefore: 6, painAfter: 3)

        #expect(session.stepsDescription == "5 of 8 steps, 2 skipped")
        #expect(session.painDescription == "pain 6 → 3")
        session.stepsSkipped = 0
        #expect(session.stepsDescription == "5 of 8 steps")
    }

    @Test(
        "An export from before skips were counted reads as none skipped, unless it reached the end with steps missing")
    func oldExportSessionsReadHonestly() throws {
        let old = """
            {"format": "limber-diary", "version": 1, "exportedAt": "2026-11-21T10:00:00Z", "episodes": [],
             "sessions": [
              {"id": "5f0c2a9e-1111-4c6e-9d43-7a1e5c2b9f10", "routineId": "seed-full", "routineName": "Six",
               "startedAt": "2026-11-20T21:00:00Z", "endedAt": "2026-11-20T21:05:00Z", "isComplete": false,
               "stepsCompleted": 3, "stepsTotal": 8, "ratings": []},
              {"id": "5f0c2a9e-2222-4c6e-9d43-7a1e5c2b9f10", "routineId": "seed-full", "routineName": "Six",
               "startedAt": "2026-11-20T22:00:00Z", "endedAt": "2026-11-20T22:05:00Z", "isComplete": true,
               "stepsCompleted": 6, "stepsTotal": 8, "ratings": []}]}
            """

        let sessions = try DiaryExport.read(Data(old.utf8), file: "old.json").sessions

        #expect(sessions.map(\.stepsSkipped) == [0, 2])
        #expect(sessions.map(\.isComplete) == [false, false])
    }

    // MARK: - A long diary's summary

    @Test("A year of weeks is summed up as the last 8 weeks and one line for the rest")
    func longDiaryIsShortened() {
        let calendar = isoCalendar(london)
        let start = instant("2025-12-01T10:00:00Z")
        // 1,000 cramps over a year, severity 2 before the last 8 weeks and 8 within them.
        // The last cramp falls in the week of Monday 30 November 2026, so the last 8 weeks start on
        // Monday 12 October, midnight in London (still summer time: 23:00 UTC the day before).
        let cutoff = instant("2026-10-11T23:00:00Z")
        let episodes = (0..<1000).map { index in
            let date = start.addingTimeInterval(Double(index) * 365 * 86_400 / 1000)
            return Episode(occurredAt: date, durationSeconds: 60, regions: ["calf"], severity: date < cutoff ? 2 : 8)
        }
        let weeks = DiarySummary.weeks(episodes: episodes, sessions: [], calendar: calendar)

        let (earlier, recent) = DiarySummary.shortened(weeks)

        #expect(weeks.count > 50)
        #expect(recent.count == 8)
        #expect(recent == Array(weeks.suffix(8)))
        #expect(earlier != nil)
        let rest = earlier
        #expect(rest?.weeks == weeks.count - 8)
        #expect(rest?.episodes == weeks.dropLast(8).map(\.episodes).reduce(0, +))
        #expect(rest?.meanSeverity == 2)
        #expect(rest?.firstWeekStart == weeks.first?.weekStart)
        #expect(DiarySummary.shortened(Array(weeks.prefix(5))).earlier == nil, "a short diary is shown whole")
    }

    // MARK: - Checking an episode

    @Test(
        "Severity 0 and 10 are accepted, -1 and 11 refused",
        arguments: [(-1, false), (0, true), (10, true), (11, false)])
    func severityBoundaries(severity: Int, isAccepted: Bool) {
        let error = validationError(episode(severity: severity))

        if isAccepted {
            #expect(error == nil)
        } else {
            #expect(error?.field == "severity")
            #expect(error?.value == "\(severity)")
        }
    }

    @Test(
        "A duration of 1 s to 24 h is accepted, 0 s and a day and a second refused",
        arguments: [(0, false), (1, true), (86_400, true), (86_401, false)])
    func durationBoundaries(seconds: Int, isAccepted: Bool) {
        let error = validationError(episode(durationSeconds: seconds))

        if isAccepted {
            #expect(error == nil)
        } else {
            // The rules name the field as the JSON does; the CLI and the form rename it (EpisodeDraft).
            #expect(error?.field == "durationSeconds")
            #expect(error?.value == "\(seconds)")
            #expect(error?.accepted.contains("such as 90") == true)
        }
    }

    @Test("A region the catalog does not know is refused with the regions it does")
    func unknownRegionIsRefused() {
        let error = validationError(episode(regions: ["calf", "elbow"]))

        #expect(error?.field == "regions")
        #expect(error?.value == "elbow")
        #expect(error?.accepted.contains("calf") == true)
    }

    @Test("Notes of 2000 characters are kept, 2001 refused")
    func notesLength() {
        var fits = episode()
        fits.notes = String(repeating: "a", count: 2000)
        var tooLong = episode()
        tooLong.notes = String(repeating: "a", count: 2001)

        #expect(validationError(fits) == nil)
        let error = validationError(tooLong)
        #expect(error?.field == "notes")
        #expect(error?.accepted == "keep it to 2000 characters")
    }

    // MARK: - Export

    @Test("A JSON export reads back with every field, dates to the millisecond")
    func jsonRoundTripKeepsEveryField() throws {
        let export = DiaryExport(
            exportedAt: instant("2026-11-22T08:00:00.250Z"),
            episodes: [
                Episode(
                    occurredAt: instant("2026-11-20T23:10:42.125Z"), durationSeconds: 95, regions: ["calf", "foot"],
                    side: .left, severity: 7, triggers: Trigger.allCases, wokeFromSleep: true,
                    relievedBy: "calf-stretch-wall", notes: "Woke me at 3 am — \"sharp\" 🦵\nEased after 2 min"),
                Episode(
                    occurredAt: instant("2026-11-21T08:00:00Z"), durationSeconds: 1, regions: ["neck"], severity: 0),
            ],
            sessions: [
                SessionRecord(
                    routineId: "relief-calf", routineName: "Calf cramp relief",
                    startedAt: instant("2026-11-20T23:15:00.500Z"), endedAt: instant("2026-11-20T23:22:30.750Z"),
                    isComplete: false, stepsCompleted: 4, stepsTotal: 6,
                    ratings: [.init(exerciseId: "calf-stretch-wall", difficulty: .tooHard)], painBefore: 8,
                    painAfter: 3)
            ])

        let read = try DiaryExport.read(try export.jsonData(), file: "diary.json")

        #expect(read == export)
    }

    @Test("Any time to the millisecond survives an export and an import")
    func everyMillisecondSurvivesTheRoundTrip() throws {
        // The instants above are exact binary fractions; most milliseconds are not, and a
        // formatter that cuts the fraction short instead of rounding it writes one less.
        let start = instant("2026-11-20T23:10:42Z").timeIntervalSince1970
        let lost = try (0..<1000).filter { millisecond in
            let date = Date(timeIntervalSince1970: start + Double(millisecond) / 1000)
            let read = try DiaryExport.read(
                try DiaryExport(exportedAt: date, episodes: [], sessions: []).jsonData(), file: "diary.json")
            return !sameMillisecond(read.exportedAt, date)
        }

        #expect(lost.count == 0, "these came back one less, and more: \(lost.prefix(3))")
    }

    @Test("CSV quotes commas, quote marks and line breaks, and defuses a leading equals sign")
    func csvEscapes() throws {
        let cramp = Episode(
            occurredAt: instant("2026-11-20T23:10:00Z"), durationSeconds: 90, regions: ["calf", "foot"], side: .left,
            severity: 7, triggers: [.night, .heat], wokeFromSleep: true, relievedBy: "=1+1",
            notes: "He said \"ouch\", then\nslept")
        let export = DiaryExport(exportedAt: instant("2026-11-22T08:00:00Z"), episodes: [cramp], sessions: [])

        let rows = export.csv().components(separatedBy: "\r\n")

        #expect(rows.count == 3, "header, one episode, and the line break that ends the file")
        #expect(
            rows[1]
                == "episode,\(cramp.id.uuidString),2026-11-20T23:10:00.000Z,,90,calf;foot,left,7,night;heat,yes,'=1+1,"
                + "\"He said \"\"ouch\"\", then\nslept\",,,,,,,,")
    }

    @Test("A formula with commas is both defused and quoted")
    func csvDefusesAQuotedFormula() {
        var cramp = episode()
        cramp.notes = "=HYPERLINK(\"http://example.com\", \"open\")"
        let export = DiaryExport(exportedAt: instant("2026-11-22T08:00:00Z"), episodes: [cramp], sessions: [])

        #expect(export.csv().contains(",\"'=HYPERLINK(\"\"http://example.com\"\", \"\"open\"\")\","))
    }

    @Test("A JSON file of another format is refused, naming the field")
    func otherFormatIsRefused() {
        let other = Data(
            #"{"format": "other-app", "version": 1, "exportedAt": "2026-11-22T08:00:00Z", "episodes": [], "sessions": []}"#
                .utf8)

        let error = #expect(throws: FieldError.self) { try DiaryExport.read(other, file: "backup.json") }

        #expect(error?.field == "backup.json: format")
        #expect(error?.value == "other-app v1")
    }

    @Test("A JSON file with no format at all is refused, naming the missing field")
    func missingFormatIsRefused() {
        let other = Data(#"{"episodes": [], "sessions": []}"#.utf8)

        let error = #expect(throws: FieldError.self) { try DiaryExport.read(other, file: "backup.json") }

        #expect(error?.field == "backup.json: format")
    }

    // MARK: - Weekly summary

    @Test("Weeks without records appear between the others with nothing in them")
    func emptyWeeksAppear() {
        let calendar = isoCalendar(london)
        let episodes = [
            episode(at: "2026-11-03T10:00:00Z", severity: 2),
            episode(at: "2026-11-05T10:00:00Z", severity: 5),
            episode(at: "2026-11-06T22:00:00Z", severity: 6),
            episode(at: "2026-11-25T10:00:00Z", severity: 9),
        ]

        let weeks = DiarySummary.weeks(episodes: episodes, sessions: [], calendar: calendar)

        #expect(
            weeks.map(\.weekStart) == [
                instant("2026-11-02T00:00:00Z"), instant("2026-11-09T00:00:00Z"), instant("2026-11-16T00:00:00Z"),
                instant("2026-11-23T00:00:00Z"),
            ])
        #expect(weeks.map(\.episodes) == [3, 0, 0, 1])
        #expect(weeks.map(\.meanSeverity) == [13.0 / 3.0, nil, nil, 9])
        #expect(weeks.map(\.sessions) == [0, 0, 0, 0])
    }

    @Test("Sessions are counted in the week they started")
    func sessionsAreCounted() {
        let calendar = isoCalendar(london)
        let start = instant("2026-11-10T19:00:00Z")
        let session = SessionRecord(
            routineId: "relief-calf", routineName: "Calf cramp relief", startedAt: start,
            endedAt: start.addingTimeInterval(300), isComplete: true, stepsCompleted: 6, stepsTotal: 6)

        let weeks = DiarySummary.weeks(
            episodes: [episode(at: "2026-11-03T10:00:00Z")], sessions: [session, session], calendar: calendar)

        #expect(weeks.map(\.sessions) == [0, 2])
        #expect(weeks.map(\.episodes) == [1, 0])
    }

    @Test("A Sunday-night cramp and a Monday-morning one fall in different weeks in the person's time zone")
    func weeksFollowTheTimeZone() {
        // 23:30 on Sunday in New York is already Monday in UTC, so only the person's own time
        // zone puts the two cramps in different weeks.
        let sundayNight = episode(at: "2026-11-23T04:30:00Z", severity: 8)
        let mondayMorning = episode(at: "2026-11-23T12:00:00Z", severity: 2)

        let inNewYork = DiarySummary.weeks(
            episodes: [sundayNight, mondayMorning], sessions: [], calendar: isoCalendar(newYork))
        let inUTC = DiarySummary.weeks(
            episodes: [sundayNight, mondayMorning], sessions: [], calendar: isoCalendar(TimeZone(identifier: "UTC")!))

        #expect(inNewYork.map(\.weekStart) == [instant("2026-11-16T05:00:00Z"), instant("2026-11-23T05:00:00Z")])
        #expect(inNewYork.map(\.meanSeverity) == [8, 2])
        #expect(inUTC.map(\.episodes) == [2])
    }

    @Test("Weeks across a change of the clocks each start at local midnight")
    func weeksAcrossAClockChange() {
        // New York leaves daylight saving time on 1 November 2026.
        let weeks = DiarySummary.weeks(
            episodes: [episode(at: "2026-10-20T12:00:00Z"), episode(at: "2026-11-10T12:00:00Z")], sessions: [],
            calendar: isoCalendar(newYork))

        #expect(
            weeks.map(\.weekStart) == [
                instant("2026-10-19T04:00:00Z"), instant("2026-10-26T04:00:00Z"), instant("2026-11-02T05:00:00Z"),
                instant("2026-11-09T05:00:00Z"),
            ])
        #expect(weeks.map(\.episodes) == [1, 0, 0, 1])
    }

    @Test("An empty diary has no weeks")
    func emptyDiaryHasNoWeeks() {
        #expect(DiarySummary.weeks(episodes: [], sessions: [], calendar: isoCalendar(london)).isEmpty)
    }

    // MARK: - Helpers

    private func episode(
        at text: String = "2026-11-20T23:10:00Z", durationSeconds: Int = 90, regions: [String] = ["calf"],
        severity: Int = 5
    ) -> Episode {
        episode(at: instant(text), durationSeconds: durationSeconds, regions: regions, severity: severity)
    }

    private func episode(
        at date: Date, durationSeconds: Int = 90, regions: [String] = ["calf"], severity: Int = 5
    ) -> Episode {
        Episode(occurredAt: date, durationSeconds: durationSeconds, regions: regions, severity: severity)
    }

    private func validationError(_ episode: Episode) -> FieldError? {
        do throws(FieldError) {
            try DiaryRules.validate(episode, catalog: catalog, now: now)
            return nil
        } catch {
            return error
        }
    }

    private func isoCalendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar
    }
}

/// A fixed instant from ISO-8601 text such as "2026-11-20T23:10:42.125Z" (milliseconds optional).
private func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions =
        text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let parsed = formatter.date(from: text) else { preconditionFailure("not an ISO-8601 date: \(text)") }
    return parsed
}

private func sameMillisecond(_ lhs: Date, _ rhs: Date) -> Bool {
    (lhs.timeIntervalSince1970 * 1000).rounded() == (rhs.timeIntervalSince1970 * 1000).rounded()
}
