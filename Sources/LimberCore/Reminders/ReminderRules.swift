import Foundation

/// What a reminder must be before it is saved, and how the CLI and the web form read days and
/// times as people type them. The field names are the reminder's own (`weekdays`, `timeZone`); the
/// parsers name the field they were given so the CLI can say `days` and the form `time`.
public enum ReminderRules {
    /// ISO weekday numbers in order, with the short names people type: 1 is Monday.
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    /// The same days in full, for labels.
    public static let fullDayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Throws the first problem with a reminder built by the CLI, the web form or the API.
    /// `customRoutineIDs` are the profile's own routines, which a reminder may name as well.
    public static func validate(
        _ reminder: Reminder, catalog: Catalog, customRoutineIDs: Set<String>
    ) throws(FieldError) {
        let weekdaysText = reminder.weekdays.map(String.init).joined(separator: ",")
        guard !reminder.weekdays.isEmpty else {
            throw FieldError(
                field: "weekdays", value: "", accepted: "choose at least one day, 1 (Monday) to 7 (Sunday)")
        }
        guard reminder.weekdays.allSatisfy((1...7).contains) else {
            throw FieldError(
                field: "weekdays", value: weekdaysText, accepted: "use days 1 (Monday) to 7 (Sunday)")
        }
        guard Set(reminder.weekdays).count == reminder.weekdays.count else {
            throw FieldError(field: "weekdays", value: weekdaysText, accepted: "name each day once")
        }
        guard (0...23).contains(reminder.hour) else {
            throw FieldError(field: "hour", value: String(reminder.hour), accepted: "use an hour from 0 to 23")
        }
        guard (0...59).contains(reminder.minute) else {
            throw FieldError(field: "minute", value: String(reminder.minute), accepted: "use a minute from 0 to 59")
        }
        try checkTimeZone(reminder.timeZone, field: "timeZone")
        // Last: whether the routine is there depends on what is stored, and a retry of a stored
        // reminder may name one deleted since; every rule about the values alone comes first.
        guard catalog.routine(reminder.routineId) != nil || customRoutineIDs.contains(reminder.routineId) else {
            throw FieldError(
                field: "routineId", value: reminder.routineId,
                accepted: "choose a built-in routine such as bedtime-leg-cramps, or one of your own",
                rule: .consistency)
        }
    }

    /// Reads `mon,wed,fri`, `daily` or `weekdays` (any case, spaces allowed) as sorted ISO weekdays.
    public static func parseDays(_ text: String, field: String = "days") throws(FieldError) -> [Int] {
        let accepted = "use day names such as mon,wed,fri (\(dayNames.joined(separator: " "))), daily or weekdays"
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch trimmed {
        case "": throw FieldError(field: field, value: "", accepted: accepted)
        case "daily": return Array(1...7)
        case "weekdays": return Array(1...5)
        default: break
        }
        var days: [Int] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let index = dayNames.firstIndex(where: { $0 == name || fullName($0) == name }) else {
                throw FieldError(field: field, value: text, accepted: accepted)
            }
            guard !days.contains(index + 1) else {
                throw FieldError(field: field, value: text, accepted: "name each day once; " + accepted)
            }
            days.append(index + 1)
        }
        return days.sorted()
    }

    /// Reads a 24-hour time such as `21:30` or `7:05`.
    public static func parseTime(_ text: String, field: String = "time") throws(FieldError) -> (hour: Int, minute: Int)
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw FieldError(field: field, value: text, accepted: "use a 24-hour time such as 21:30 (00:00 to 23:59)")
        }
        return (hour, minute)
    }

    /// Checks an IANA time zone name such as `Europe/London`; abbreviations like `EST` are refused
    /// because they do not say which daylight saving rules apply.
    public static func checkTimeZone(_ identifier: String, field: String = "timeZone") throws(FieldError) {
        let isIANAName = identifier == "UTC" || identifier == "GMT" || identifier.contains("/")
        guard isIANAName, TimeZone(identifier: identifier) != nil else {
            throw FieldError(
                field: field, value: identifier,
                accepted: "use an IANA time zone such as Europe/London or America/New_York")
        }
    }

    /// `mon,wed,fri`, `daily` or `weekdays`: the way `parseDays` reads them back.
    public static func daysText(_ weekdays: [Int]) -> String {
        let sorted = weekdays.sorted()
        if sorted == Array(1...7) { return "daily" }
        if sorted == Array(1...5) { return "weekdays" }
        return sorted.compactMap { (1...7).contains($0) ? dayNames[$0 - 1] : nil }.joined(separator: ",")
    }

    /// "every day", "weekdays" or "Monday, Wednesday, Friday", for sentences a person reads.
    public static func daysDescription(_ weekdays: [Int]) -> String {
        switch daysText(weekdays) {
        case "daily": return "every day"
        case "weekdays": return "weekdays"
        default: return weekdays.sorted().filter((1...7).contains).map { fullDayNames[$0 - 1] }.joined(separator: ", ")
        }
    }

    /// `21:30`, `07:05`.
    public static func timeText(hour: Int, minute: Int) -> String {
        String(format: "%02d:%02d", hour, minute)
    }

    private static func fullName(_ short: String) -> String {
        switch short {
        case "tue": return "tuesday"
        case "wed": return "wednesday"
        case "thu": return "thursday"
        case "sat": return "saturday"
        default: return short + "day"
        }
    }
}
