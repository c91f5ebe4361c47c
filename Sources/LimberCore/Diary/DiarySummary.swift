import Foundation

/// One week of the diary at a glance.
public struct WeekSummary: Codable, Sendable, Hashable {
    /// The first day of the week, at midnight in the person's time zone.
    public var weekStart: Date
    public var episodes: Int
    /// Mean severity of the week's episodes, or nil when there were none.
    public var meanSeverity: Double?
    public var sessions: Int
}

/// Groups the diary by week. Pure: the calendar (and so the time zone and first weekday) is given.
public enum DiarySummary {
    /// Weeks from the first record's week to the last's, empty weeks included, oldest first.
    public static func weeks(episodes: [Episode], sessions: [SessionRecord], calendar: Calendar) -> [WeekSummary] {
        let dates = episodes.map(\.occurredAt) + sessions.map(\.startedAt)
        guard let first = dates.min(), let last = dates.max() else { return [] }
        return weeks(episodes: episodes, sessions: sessions, calendar: calendar, from: first, through: last)
    }

    /// Every week from the one holding `first` to the one holding `last`, records outside left out.
    public static func weeks(
        episodes: [Episode], sessions: [SessionRecord], calendar: Calendar, from first: Date, through last: Date
    ) -> [WeekSummary] {
        func weekStart(_ date: Date) -> Date {
            calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? calendar.startOfDay(for: date)
        }
        let episodesByWeek = Dictionary(grouping: episodes) { weekStart($0.occurredAt) }
        let sessionsByWeek = Dictionary(grouping: sessions) { weekStart($0.startedAt) }
        var weeks: [WeekSummary] = []
        var week = weekStart(first)
        let end = weekStart(last)
        while week <= end {
            let those = episodesByWeek[week] ?? []
            weeks.append(
                WeekSummary(
                    weekStart: week, episodes: those.count,
                    meanSeverity: those.isEmpty
                        ? nil : Double(those.map(\.severity).reduce(0, +)) / Double(those.count),
                    sessions: sessionsByWeek[week]?.count ?? 0))
            guard let next = calendar.date(byAdding: .weekOfYear, value: 1, to: week) else { break }
            week = next
        }
        return weeks
    }
}
