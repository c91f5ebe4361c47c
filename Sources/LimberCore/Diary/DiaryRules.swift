import Foundation

/// The one place that says what a valid diary entry is; the CLI, the API and the store all ask it.
public enum DiaryRules {
    public static let severity = 0...10
    public static let pain = 0...10
    /// A cramp from one second to one day; anything longer is a typing mistake.
    public static let durationSeconds = 1...86_400
    public static let maxTextLength = 2_000

    public static func validate(_ episode: Episode, catalog: Catalog) throws(FieldError) {
        guard severity.contains(episode.severity) else {
            throw FieldError(
                field: "severity", value: "\(episode.severity)", accepted: "use a whole number from 0 to 10")
        }
        guard durationSeconds.contains(episode.durationSeconds) else {
            throw FieldError(
                field: "duration", value: "\(episode.durationSeconds)s",
                accepted: "use 1 second to 24 hours, such as 90s, 2m or 1h")
        }
        guard !episode.regions.isEmpty else {
            throw FieldError(field: "region", value: "", accepted: "name at least one region")
        }
        for region in episode.regions where catalog.region(region) == nil {
            throw FieldError(
                field: "region", value: region,
                accepted: "use one of \(catalog.regions.map(\.id).joined(separator: ", "))")
        }
        for (field, text) in [("relievedBy", episode.relievedBy), ("notes", episode.notes)] {
            if let text, text.count > maxTextLength {
                throw FieldError(
                    field: field, value: String(text.prefix(20)) + "...",
                    accepted: "keep it to \(maxTextLength) characters")
            }
        }
    }

    public static func validate(_ record: SessionRecord) throws(FieldError) {
        for (field, value) in [("painBefore", record.painBefore), ("painAfter", record.painAfter)] {
            if let value, !pain.contains(value) {
                throw FieldError(field: field, value: "\(value)", accepted: "use a whole number from 0 to 10")
            }
        }
        guard record.endedAt >= record.startedAt else {
            throw FieldError(field: "endedAt", value: "\(record.endedAt)", accepted: "it must not be before startedAt")
        }
        guard record.stepsCompleted >= 0, record.stepsCompleted <= record.stepsTotal else {
            throw FieldError(
                field: "stepsCompleted", value: "\(record.stepsCompleted)", accepted: "use 0...\(record.stepsTotal)")
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
    public static func parseDate(_ text: String, field: String, timeZone: TimeZone) throws(FieldError) -> Date {
        let formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.isLenient = false
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        // A date alone means the start of that day, even where the clocks skip midnight.
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = true
        if text.count == 10, let day = formatter.date(from: text) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            return calendar.startOfDay(for: day)
        }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        throw FieldError(field: field, value: text, accepted: "use a date and time such as 2026-11-20T23:10")
    }
}
