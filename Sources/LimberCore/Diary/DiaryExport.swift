import Foundation

/// The diary as a file a person keeps: JSON that `limber import` reads back exactly, or CSV for a
/// spreadsheet. Pure: the caller passes the moment of export.
public struct DiaryExport: Codable, Sendable, Hashable {
    /// Marks the file as Limber's, so importing some other JSON fails clearly.
    public static let formatName = "limber-diary"

    public var format: String
    public var version: Int
    public var exportedAt: Date
    public var episodes: [Episode]
    public var sessions: [SessionRecord]

    public init(exportedAt: Date, episodes: [Episode], sessions: [SessionRecord]) {
        self.format = Self.formatName
        self.version = 1
        self.exportedAt = exportedAt
        self.episodes = episodes
        self.sessions = sessions
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = ISODate.encodingStrategy
        return try encoder.encode(self)
    }

    /// Reads an export back; a file that is not one names what is wrong.
    public static func read(_ data: Data, file: String) throws(FieldError) -> DiaryExport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = ISODate.decodingStrategy
        do {
            let export = try decoder.decode(DiaryExport.self, from: data)
            guard export.format == formatName, export.version == 1 else {
                throw FieldError(
                    field: "\(file): format", value: "\(export.format) v\(export.version)",
                    accepted: "import a file made by `limber export --format json` (\(formatName) v1)")
            }
            return export
        } catch let error as FieldError {
            throw error
        } catch let error as DecodingError {
            let location: String
            switch error {
            case .keyNotFound(let key, let context): location = jsonPath(context.codingPath + [key])
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                location = jsonPath(context.codingPath)
            @unknown default: location = ""
            }
            throw FieldError(
                field: location.isEmpty ? file : "\(file): \(location)", value: "unreadable",
                accepted: "import a file made by `limber export --format json`")
        } catch {
            throw FieldError(
                field: file, value: "unreadable", accepted: "import a file made by `limber export --format json`")
        }
    }

    /// One row per record; episodes and sessions share the columns that make sense for both.
    public func csv() -> String {
        let header = [
            "type", "id", "start", "end", "duration_seconds", "regions", "side", "severity", "triggers",
            "woke_from_sleep", "relieved_by", "notes", "routine_id", "routine_name", "complete", "steps_completed",
            "steps_total", "pain_before", "pain_after", "ratings",
        ]
        var rows = [header]
        for e in episodes {
            rows.append([
                "episode", e.id.uuidString, ISODate.string(e.occurredAt), "", "\(e.durationSeconds)",
                e.regions.joined(separator: ";"), e.side?.rawValue ?? "", "\(e.severity)",
                e.triggers.map(\.rawValue).joined(separator: ";"), e.wokeFromSleep ? "yes" : "no", e.relievedBy ?? "",
                e.notes ?? "", "", "", "", "", "", "", "", "",
            ])
        }
        for s in sessions {
            rows.append([
                "session", s.id.uuidString, ISODate.string(s.startedAt), ISODate.string(s.endedAt),
                "", "", "", "", "", "", "", "", s.routineId, s.routineName, s.isComplete ? "yes" : "no",
                "\(s.stepsCompleted)", "\(s.stepsTotal)", s.painBefore.map(String.init) ?? "",
                s.painAfter.map(String.init) ?? "",
                s.ratings.map { "\($0.exerciseId)=\($0.difficulty.rawValue)" }.joined(separator: ";"),
            ])
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting, and a leading quote mark on anything a spreadsheet would run as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first), Int(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
