import Foundation
import LimberCore
import Testing

/// The weekly summary's "sessions done / scheduled": what the reminders asked for in a week, and how
/// many of those sessions were done.
@Suite("Adherence counts the week's reminded sessions and those done")
struct AdherenceTests {
    let calendar: Calendar
    /// Monday 16 November 2026, midnight in London (GMT, so also 00:00 UTC).
    let weekStart: Date

    init() throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        self.calendar = calendar
        weekStart = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 16)))
    }

    let bedtime = Reminder(
        routineId: "bedtime-leg-cramps", weekdays: [1, 3, 5], hour: 21, minute: 30, timeZone: "Europe/London")

    func session(_ routineId: String = "bedtime-leg-cramps", at date: Date, isComplete: Bool = true) -> SessionRecord {
        SessionRecord(
            routineId: routineId, routineName: routineId, startedAt: date, endedAt: date.addingTimeInterval(300),
            isComplete: isComplete, stepsCompleted: isComplete ? 10 : 3, stepsTotal: 10)
    }

    func day(_ offset: Int, hour: Int = 21) -> Date {
        weekStart.addingTimeInterval(TimeInterval(offset * 86_400 + hour * 3600))
    }

    func week(_ reminders: [Reminder], _ sessions: [SessionRecord]) -> (done: Int, scheduled: Int, percent: Int?) {
        Adherence.week(reminders: reminders, sessions: sessions, weekStart: weekStart, calendar: calendar)
    }

    @Test(
        "Mon, Wed and Fri schedule three; none, two, three or five done read 0, 67, 100 and 100 %",
        arguments: [(0, 0, 0), (2, 2, 67), (3, 3, 100), (5, 3, 100)])
    func percentages(sessionsDone: Int, done: Int, percent: Int) {
        let sessions = (0..<sessionsDone).map { session(at: day($0)) }

        let result = week([bedtime], sessions)

        #expect(result.scheduled == 3)
        #expect(result.done == done)
        #expect(result.percent == percent)
    }

    @Test("With no reminders nothing is scheduled and there is no percentage")
    func nothingScheduled() {
        let result = week([], [session(at: day(1))])

        #expect(result.scheduled == 0)
        #expect(result.percent == nil)
    }

    @Test("A session at the week's first instant counts; one a second before or at the next week's start does not")
    func sessionBoundaries() {
        let nextWeek = weekStart.addingTimeInterval(7 * 86_400)
        let sessions = [
            session(at: weekStart), session(at: weekStart.addingTimeInterval(-1)), session(at: nextWeek),
            session(at: nextWeek.addingTimeInterval(-1)),
        ]

        #expect(week([bedtime], sessions).done == 2)
    }

    @Test("Stopped sessions and sessions of routines without a reminder are not counted as done")
    func onlyCompleteRemindedSessionsCount() {
        let sessions = [session(at: day(0), isComplete: false), session("relief-calf", at: day(1))]

        #expect(week([bedtime], sessions).done == 0)
    }

    @Test("Extra sessions of one routine do not make up for another routine's skipped ones")
    func perRoutineCap() {
        let back = Reminder(
            routineId: "back-spasm", weekdays: [2, 4, 6], hour: 8, minute: 0, timeZone: "Europe/London")
        let sessions = (0..<6).map { session(at: day($0)) }

        let result = week([bedtime, back], sessions)

        #expect(result.scheduled == 6)
        #expect(result.done == 3)
        #expect(result.percent == 50)
    }

    @Test("A reminder at Monday 00:00 and one at Sunday 23:59 both fall inside the week")
    func occurrenceBoundaries() {
        let monday = Reminder(routineId: "seed-full", weekdays: [1], hour: 0, minute: 0, timeZone: "Europe/London")
        let sunday = Reminder(routineId: "seed-full", weekdays: [7], hour: 23, minute: 59, timeZone: "Europe/London")

        #expect(week([monday, sunday], []).scheduled == 2)
    }

    @Test("A reminder in another zone counts in the week its instant falls in, here and now")
    func otherZone() {
        // Sunday 20:00 in New York is Monday 01:00 in London: 15 November's falls in this week,
        // 22 November's in the next.
        let newYork = Reminder(
            routineId: "seed-full", weekdays: [7], hour: 20, minute: 0, timeZone: "America/New_York")

        #expect(week([newYork], []).scheduled == 1)
    }

    @Test("A daily reminder in the week the clocks go back still schedules seven sessions")
    func daylightSavingWeek() throws {
        let start = try #require(calendar.date(from: DateComponents(year: 2026, month: 10, day: 19)))
        let daily = Reminder(
            routineId: "seed-full", weekdays: Array(1...7), hour: 1, minute: 30, timeZone: "Europe/London")

        let result = Adherence.week(reminders: [daily], sessions: [], weekStart: start, calendar: calendar)

        #expect(result.scheduled == 7)
    }
}
