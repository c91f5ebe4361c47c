import Foundation

/// The one way Limber writes and reads instants in files and JSON: ISO 8601 in UTC with
/// milliseconds, e.g. `2026-11-20T23:10:00.250Z`.
public enum ISODate {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Foundation's formatter truncates the fraction instead of rounding it, so a date a hair
    /// below a whole millisecond would be written one millisecond early and drift on every round
    /// trip. Moving to the middle of the nearest millisecond first makes truncation exact.
    public static func string(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return style.format(Date(timeIntervalSince1970: (milliseconds + 0.5) / 1000))
    }

    /// Reads ISO 8601 with or without fractional seconds; nil when the text is not a date and time
    /// with a zone, or names a day, hour or minute that does not exist (Foundation would roll
    /// 2026-02-30 over to 2 March). `problem(_:)` says which part is wrong.
    public static func parse(_ text: String) -> Date? {
        guard problem(text) == nil else { return nil }
        if let date = try? style.parse(text) { return date }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        // Foundation refuses offsets past 18 hours, which RFC 3339 (and so format: date-time) allows.
        if case .success(let written) = WrittenDate.read(text) { return written.date(localTimeZone: .gmt) }
        return nil
    }

    /// Why a text is not an instant Limber reads, or nil when it is one.
    public static func problem(_ text: String) -> WrittenDate.Problem? {
        switch WrittenDate.read(text) {
        case .failure(let problem): problem
        case .success(let written): written.hour == nil || written.utcOffsetSeconds == nil ? .notTheForm : nil
        }
    }

    public static let encodingStrategy: JSONEncoder.DateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(string(date))
    }

    public static let decodingStrategy: JSONDecoder.DateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = parse(text) else {
            let accepted = (problem(text) ?? .notTheForm).accepted(
                form: "use an ISO 8601 date and time, such as 2026-11-20T23:10:00Z")
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not accepted; \(accepted)")
        }
        return date
    }
}
