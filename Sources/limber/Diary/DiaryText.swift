import Foundation
import LimberCore

/// The diary as short lines a person scans: newest first, then a week-by-week summary.
enum DiaryText {
    static func when(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func episodeLine(_ e: Episode, timeZone: TimeZone) -> String {
        var parts = [
            when(e.occurredAt, timeZone: timeZone),
            ([e.side?.rawValue].compactMap { $0 } + [e.regions.joined(separator: ", ")]).joined(separator: " "),
            "severity \(e.severity)/10", formatDuration(e.durationSeconds),
        ]
        if e.wokeFromSleep { parts.append("woke you") }
        if !e.triggers.isEmpty { parts.append(e.triggers.map(\.rawValue).joined(separator: ", ")) }
        return parts.joined(separator: "  ")
    }

    static func history(
        episodes: [Episode], sessions: [SessionRecord], weeks: [WeekSummary], severityTrend: SeverityTrend?,
        timeZone: TimeZone, reminders: [Reminder] = []
    ) -> String {
        var lines: [String] = []
        lines.append("Cramps (\(episodes.count))")
        if episodes.isEmpty {
            lines.append("  none logged; add one with `limber log --region calf --severity 5 --duration 90s`")
        }
        for e in episodes {
            lines.append("  \(episodeLine(e, timeZone: timeZone))  [\(e.id.uuidString.lowercased())]")
            if let relievedBy = e.relievedBy { lines.append("      eased by: \(relievedBy)") }
            if let notes = e.notes { lines.append("      notes: \(notes)") }
        }
        lines.append("")
        lines.append("Sessions (\(sessions.count))")
        if sessions.isEmpty { lines.append("  none yet; start one with `limber start --region calf`") }
        for s in sessions {
            var line = "  \(when(s.startedAt, timeZone: timeZone))  \(s.routineName)  "
            line += s.stepsDescription
            if let pain = s.painDescription { line += "  " + pain }
            lines.append(line + "  [\(s.id.uuidString.lowercased())]")
        }
        if !weeks.isEmpty {
            lines.append("")
            let adherenceHeader = reminders.isEmpty ? "" : AdherenceText.header
            lines.append("By week      cramps  mean severity  sessions" + adherenceHeader)
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = timeZone
            day.dateFormat = "yyyy-MM-dd"
            let (earlier, recent) = DiarySummary.shortened(weeks)
            if let earlier {
                let mean = earlier.meanSeverity.map { String(format: "%.1f", $0) } ?? "-"
                lines.append(
                    "\(pad("earlier", 10))  \(pad(String(earlier.episodes), 6))  \(pad(mean, 13))  "
                        + "\(pad(String(earlier.sessions), 8))  (\(earlier.weeks) weeks from "
                        + "\(day.string(from: earlier.firstWeekStart)); `--json` has each week)")
            }
            for week in recent {
                let mean = week.meanSeverity.map { String(format: "%.1f", $0) } ?? "-"
                let row =
                    "\(day.string(from: week.weekStart))  \(pad(String(week.episodes), 6))  \(pad(mean, 13))  \(week.sessions)"
                lines.append(
                    reminders.isEmpty
                        ? row
                        : pad(row, 44)
                            + AdherenceText.cell(
                                weekStart: week.weekStart, reminders: reminders, sessions: sessions, timeZone: timeZone)
                )
            }
            lines.append(SeverityTrend.summary(severityTrend))
        }
        return lines.joined(separator: "\n")
    }
}
