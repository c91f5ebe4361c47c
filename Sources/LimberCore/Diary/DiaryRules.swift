import Foundation

/// The one place that says what a valid diary entry is; the CLI, the API and the store all ask it.
public enum DiaryRules {
    public static let severity = 0...10
    public static let pain = 0...10
    /// A cramp from one second to one day; anything longer is a typing mistake.
    public static let durationSeconds = 1...86_400
    public static let maxTextLength = 2_000
    /// Steps in one session: far above the longest routine (20 exercises of 10 sets of 100
    /// repetitions), and a bound the API's document can state.
    public static let steps = 0...100_000

    /// `now` is when the entry is checked: an episode may not be in the future or before `earliestDate`.
    public static func validate(
        _ episode: Episode, catalog: Catalog, now: Date, timeZone: TimeZone = .gmt
    ) throws(FieldError) {
        try checkDate(episode.occurredAt, field: "occurredAt", now: now, timeZone: timeZone)
        guard severity.contains(episode.severity) else {
            throw FieldError(
                field: "severity", value: "\(episode.severity)", accepted: "use a whole number from 0 to 10")
        }
        guard durationSeconds.contains(episode.durationSeconds) else {
            throw FieldError(
                field: "durationSeconds", value: "\(episode.durationSeconds)",
                accepted: "use a whole number of seconds from 1 to \(durationSeconds.upperBound) (24 hours), such as 90"
            )
        }
        guard !episode.regions.isEmpty else {
            throw FieldError(field: "regions", value: "", accepted: "name at least one region, such as [\"calf\"]")
        }
        for region in episode.regions where catalog.region(region) == nil {
            throw FieldError(
                field: "regions", value: region,
                accepted: "use one of \(catalog.regions.map(\.id).joined(separator: ", "))")
        }
        for (field, text) in [("relievedBy", episode.relievedBy), ("notes", episode.notes)] {
            // Counted in Unicode code points, as the API's document (JSON Schema's maxLength) counts:
            // "é" written as e and a combining accent is two, so what is stored is never longer
            // than the document promises.
            if let text, text.unicodeScalars.count > maxTextLength {
                throw FieldError(
                    field: field, value: String(text.prefix(20)) + "...",
                    accepted: "keep it to \(maxTextLength) characters")
            }
        }
    }

    /// `now` is when the record is checked: a session may not start or end in the future.
    public static func validate(_ record: SessionRecord, now: Date, timeZone: TimeZone = .gmt) throws(FieldError) {
        try checkDate(record.startedAt, field: "startedAt", now: now, timeZone: timeZone)
        try checkDate(record.endedAt, field: "endedAt", now: now, timeZone: timeZone)
        for (field, value) in [("painBefore", record.painBefore), ("painAfter", record.painAfter)] {
            if let value, !pain.contains(value) {
                throw FieldError(field: field, value: "\(value)", accepted: "use a whole number from 0 to 10")
            }
        }
        for (field, value) in [
            ("stepsCompleted", record.stepsCompleted), ("stepsSkipped", record.stepsSkipped),
            ("stepsTotal", record.stepsTotal),
        ] where !steps.contains(value) {
            throw FieldError(
                field: field, value: "\(value)",
                accepted: "use a whole number from \(steps.lowerBound) to \(steps.upperBound)")
        }
        guard record.endedAt >= record.startedAt else {
            throw FieldError(
                field: "endedAt", value: "\(record.endedAt)", accepted: "it must not be before startedAt",
                rule: .consistency)
        }
        guard record.stepsCompleted >= 0, record.stepsCompleted <= record.stepsTotal else {
            throw FieldError(
                field: "stepsCompleted", value: "\(record.stepsCompleted)", accepted: "use 0...\(record.stepsTotal)",
                rule: .consistency)
        }
        let left = record.stepsTotal - record.stepsCompleted
        guard record.stepsSkipped >= 0, record.stepsSkipped <= left else {
            throw FieldError(
                field: "stepsSkipped", value: "\(record.stepsSkipped)",
                accepted: "use 0...\(left): steps done and skipped together are at most stepsTotal",
                rule: .consistency)
        }
        guard !record.isComplete || (record.stepsCompleted == record.stepsTotal && record.stepsSkipped == 0) else {
            throw FieldError(
                field: "isComplete", value: "true",
                accepted:
                    "a session is complete only when every step was done; send false when any was skipped or left",
                rule: .consistency)
        }
    }

    /// Reads "90s", "2m", "1m30s", "1h" or a bare number of seconds.
    public static func parseDuration(_ text: String) throws(FieldError) -> Int {
        let error = FieldError(field: "duration", value: text, accepted: "use a length such as 90s, 2m, 1m30s or 1h")
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.count <= 6, let seconds = Int(trimmed) {
            guard durationSeconds.contains(seconds) else { throw error }
            return seconds
        }
        var total = 0
        var number = ""
        var sawUnit = false
        for character in trimmed {
            if character.isNumber {
                number.append(character)
                // Long digit runs would overflow; nothing that long is a valid duration anyway.
                guard number.count <= 6 else { throw error }
                continue
            }
            guard let value = Int(number) else { throw error }
            switch character {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: throw error
            }
            guard total <= durationSeconds.upperBound else { throw error }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty, durationSeconds.contains(total) else { throw error }
        return total
    }

    /// Reads a local date and time such as "2026-11-20T23:10", or a date alone as its midnight.
    /// A day, month, hour or minute that does not exist is refused, naming it, never rolled over.
    public static func parseDate(_ text: String, field: String, timeZone: TimeZone) throws(FieldError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch WrittenDate.read(trimmed) {
        case .success(let written): return written.date(localTimeZone: timeZone)
        case .failure(let problem):
            throw FieldError(
                field: field, value: text,
                accepted: problem.accepted(
                    form: "use the form YYYY-MM-DD or YYYY-MM-DDTHH:MM, such as \(WrittenDate.example)"),
                // The form (digits in place, months 01 to 12) is the document's; a day past a
                // month's end depends on the month and year.
                rule: problem.isDayPastMonthEnd ? .consistency : .value)
        }
    }

    /// Reads a date as `parseDate` does and checks it falls in `acceptedDates(now:)`: the one rule for
    /// `limber log --at`, every `--since`, the diary form and the API.
    public static func parseDate(
        _ text: String, field: String, timeZone: TimeZone, now: Date
    ) throws(FieldError) -> Date {
        let date = try parseDate(text, field: field, timeZone: timeZone)
        try checkDate(date, field: field, value: text, now: now, timeZone: timeZone)
        return date
    }

    // MARK: - When a record can be

    /// The earliest moment a record may name. A fixed date rather than "N years ago", so an export
    /// imports the same way in any year; early enough for a paper diary copied in, late enough that a
    /// mistyped year (0226, 1926, 2-digit years) is caught. A project default, not a medical fact.
    public static let earliestDate = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z

    /// How far past `now` a record may be: the clocks of a phone and the server, or two computers
    /// sharing a database, can disagree by a little. A project default.
    public static let clockAllowanceSeconds: TimeInterval = 5 * 60

    /// The moments a cramp or session may be recorded at, given the time now.
    public static func acceptedDates(now: Date) -> ClosedRange<Date> {
        earliestDate...max(earliestDate, now.addingTimeInterval(clockAllowanceSeconds))
    }

    /// Refuses a moment outside `acceptedDates(now:)`, giving the range in `timeZone`'s local time.
    public static func checkDate(
        _ date: Date, field: String, value: String? = nil, now: Date, timeZone: TimeZone = .gmt
    ) throws(FieldError) {
        let range = acceptedDates(now: now)
        guard !range.contains(date) else { return }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = timeZone == .gmt ? "yyyy-MM-dd'T'HH:mm'Z'" : "yyyy-MM-dd HH:mm"
        let shown = value ?? formatter.string(from: date)
        let minutes = Int(clockAllowanceSeconds / 60)
        let accepted =
            "use a time from \(formatter.string(from: range.lowerBound)) to now, \(formatter.string(from: now)) "
            + "(Limber allows \(minutes) minutes for clocks that disagree)"
        throw FieldError(
            field: field, value: shown,
            accepted: (date > range.upperBound ? "it is in the future; " : "it is too long ago; ") + accepted,
            rule: .consistency)
    }
}
