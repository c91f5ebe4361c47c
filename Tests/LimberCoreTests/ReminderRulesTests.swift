import Foundation
import LimberCore
import Testing

/// Reminders are read from what a person types (`mon,wed,fri`, `21:30`) and checked before they
/// are saved; a refusal names the field, the value and what is accepted.
@Suite("Reminder rules read and check schedules")
struct ReminderRulesTests {
    let catalog: Catalog

    init() throws {
        catalog = try CatalogLoader.load()
    }

    func reminder(
        routineId: String = "bedtime-leg-cramps", weekdays: [Int] = [1, 3, 5], hour: Int = 21, minute: Int = 30,
        timeZone: String = "Europe/London"
    ) -> Reminder {
        Reminder(routineId: routineId, weekdays: weekdays, hour: hour, minute: minute, timeZone: timeZone)
    }

    func validationError(_ reminder: Reminder, custom: Set<String> = []) -> FieldError? {
        do {
            try ReminderRules.validate(reminder, catalog: catalog, customRoutineIDs: custom)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Days

    @Test(
        "Days read as short or full names in any case, daily or weekdays, as sorted ISO weekdays",
        arguments: [
            ("mon,wed,fri", [1, 3, 5]), ("daily", [1, 2, 3, 4, 5, 6, 7]), ("weekdays", [1, 2, 3, 4, 5]),
            ("Sun, Mon", [1, 7]), ("SATURDAY,sunday", [6, 7]), ("thu", [4]), (" Weekdays ", [1, 2, 3, 4, 5]),
        ])
    func daysAreRead(text: String, weekdays: [Int]) throws {
        #expect(try ReminderRules.parseDays(text) == weekdays)
    }

    @Test(
        "An unknown, repeated, empty or malformed day list is refused, naming days and the text",
        arguments: ["funday", "mon,mon", "mon,,wed", "mo", "mon;wed", "1,3,5", "every day"])
    func badDaysAreRefused(text: String) {
        let error = #expect(throws: FieldError.self) { try ReminderRules.parseDays(text) }

        #expect(error?.field == "days")
        #expect(error?.value == text)
        #expect(error?.accepted.contains("mon,wed,fri") == true)
        #expect(error?.accepted.contains("daily or weekdays") == true)
    }

    @Test("No days at all is reported as missing")
    func emptyDaysAreMissing() {
        let error = #expect(throws: FieldError.self) { try ReminderRules.parseDays("  ") }

        #expect(error?.description.hasPrefix("days: missing;") == true)
    }

    @Test("Days print back the way they are typed")
    func daysPrintBack() {
        #expect(ReminderRules.daysText([5, 1, 3]) == "mon,wed,fri")
        #expect(ReminderRules.daysText(Array(1...7)) == "daily")
        #expect(ReminderRules.daysText(Array(1...5)) == "weekdays")
        #expect(ReminderRules.daysText([6, 7]) == "sat,sun")
    }

    // MARK: - Time

    @Test(
        "A 24-hour time reads from 00:00 to 23:59, with or without a leading zero",
        arguments: [("21:30", 21, 30), ("7:05", 7, 5), ("00:00", 0, 0), ("23:59", 23, 59), ("09:00", 9, 0)])
    func timeIsRead(text: String, hour: Int, minute: Int) throws {
        let time = try ReminderRules.parseTime(text)

        #expect(time.hour == hour)
        #expect(time.minute == minute)
    }

    @Test(
        "A time past 23:59, without a colon, in words or with odd digits is refused, naming time",
        arguments: ["24:00", "21:60", "2130", "9pm", "21:3", "-1:30", "21:30:00", "２１:３０", "123:00", ""])
    func badTimeIsRefused(text: String) {
        let error = #expect(throws: FieldError.self) { try ReminderRules.parseTime(text) }

        #expect(error?.field == "time")
        #expect(error?.value == text)
        #expect(error?.accepted.contains("21:30") == true)
    }

    @Test("Times print with two digits each")
    func timePrintsBack() {
        #expect(ReminderRules.timeText(hour: 7, minute: 5) == "07:05")
    }

    // MARK: - Validation

    @Test("A reminder for a built-in routine on some days at a real time in an IANA zone is accepted")
    func validReminderIsAccepted() {
        #expect(validationError(reminder()) == nil)
        #expect(validationError(reminder(weekdays: Array(1...7), hour: 0, minute: 0, timeZone: "Etc/UTC")) == nil)
        #expect(validationError(reminder(hour: 23, minute: 59, timeZone: "America/Argentina/Buenos_Aires")) == nil)
    }

    @Test("A reminder for one of your own routines is accepted; an unknown routine is refused")
    func routineMustExist() {
        #expect(validationError(reminder(routineId: "my-1234abcd"), custom: ["my-1234abcd"]) == nil)
        let error = validationError(reminder(routineId: "my-gone"))

        #expect(error?.field == "routineId")
        #expect(error?.value == "my-gone")
    }

    @Test(
        "Days must be 1 to 7, at least one, each once",
        arguments: [([], ""), ([0], "0"), ([8], "8"), ([1, 7, 8], "1,7,8"), ([1, 3, 1], "1,3,1")])
    func weekdayBoundaries(weekdays: [Int], value: String) {
        let error = validationError(reminder(weekdays: weekdays))

        #expect(error?.field == "weekdays")
        #expect(error?.value == value)
    }

    @Test(
        "The hour must be 0 to 23 and the minute 0 to 59",
        arguments: [(-1, 0, "hour"), (24, 0, "hour"), (0, -1, "minute"), (0, 60, "minute")])
    func timeBoundaries(hour: Int, minute: Int, field: String) {
        #expect(validationError(reminder(hour: hour, minute: minute))?.field == field)
    }

    @Test(
        "A time zone must be a known IANA name; abbreviations and unknown names are refused",
        arguments: ["EST", "GMT+2", "Mars/Olympus_Mons", "europe/london", "", "Europe/London "])
    func timeZoneIsChecked(identifier: String) {
        let error = validationError(reminder(timeZone: identifier))

        #expect(error?.field == "timeZone")
        #expect(error?.value == identifier)
        #expect(error?.accepted.contains("Europe/London") == true)
    }
}
