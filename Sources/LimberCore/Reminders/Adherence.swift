import Foundation

/// How many of the sessions the reminders asked for were done: the weekly summary's adherence.
public enum Adherence {
    /// The week that starts at `weekStart` and lasts one calendar week.
    ///
    /// `scheduled` counts every reminder occurrence in the week, each at its own local time.
    /// `done` counts complete sessions of a reminded routine, at most as many per routine as were
    /// scheduled for it, so extra sessions of one routine cannot make up for another one skipped.
    /// `percent` is rounded and at most 100; nil when nothing was scheduled.
    public static func week(
        reminders: [Reminder], sessions: [SessionRecord], weekStart: Date, calendar: Calendar
    ) -> (done: Int, scheduled: Int, percent: Int?) {
        guard let weekEnd = calendar.date(byAdding: .weekOfYear, value: 1, to: weekStart) else {
            return (0, 0, nil)
        }
        var scheduledByRoutine: [String: Int] = [:]
        for reminder in reminders {
            scheduledByRoutine[reminder.routineId, default: 0] +=
                ReminderSchedule.occurrences(of: reminder, from: weekStart, before: weekEnd).count
        }
        var doneByRoutine: [String: Int] = [:]
        for session in sessions
        where session.isComplete && session.startedAt >= weekStart && session.startedAt < weekEnd {
            doneByRoutine[session.routineId, default: 0] += 1
        }
        let scheduled = scheduledByRoutine.values.reduce(0, +)
        let done = scheduledByRoutine.reduce(0) { $0 + min($1.value, doneByRoutine[$1.key] ?? 0) }
        guard scheduled > 0 else { return (done, 0, nil) }
        // Rounded half up in whole numbers, so 2 of 3 shows as 67 %.
        return (done, scheduled, min(100, (done * 200 + scheduled) / (2 * scheduled)))
    }
}
