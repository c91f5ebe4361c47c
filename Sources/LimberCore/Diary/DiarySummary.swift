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
        var weekStarts = WeekStarts(calendar)
        let episodesByWeek = Dictionary(grouping: episodes) { weekStarts.start(of: $0.occurredAt) }
        let sessionsByWeek = Dictionary(grouping: sessions) { weekStarts.start(of: $0.startedAt) }
        var weeks: [WeekSummary] = []
        var week = weekStarts.start(of: first)
        let end = weekStarts.start(of: last)
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

/// The weeks before the ones shown one by one, added up, so a year-long diary's summary stays short.
public struct EarlierWeeks: Codable, Sendable, Hashable {
    /// The first of these weeks.
    public var firstWeekStart: Date
    public var weeks: Int
    public var episodes: Int
    public var meanSeverity: Double?
    public var sessions: Int
}

extension DiarySummary {
    /// How many weeks a summary shows one by one: two months is enough to see a pattern change, and
    /// keeps the summary on one screen however long the diary is. A project default.
    public static let recentWeeks = 8

    /// The last `count` weeks as they are, and the rest added up into one `EarlierWeeks` (nil when there is no rest).
    public static func shortened(
        _ weeks: [WeekSummary], keepingLast count: Int = recentWeeks
    ) -> (earlier: EarlierWeeks?, recent: [WeekSummary]) {
        guard weeks.count > count else { return (nil, weeks) }
        let older = weeks.dropLast(count)
        let episodes = older.map(\.episodes).reduce(0, +)
        // The mean over all their cramps, not the mean of weekly means: a busy week weighs more.
        let severityTotal = older.map { Double($0.episodes) * ($0.meanSeverity ?? 0) }.reduce(0, +)
        let earlier = EarlierWeeks(
            firstWeekStart: older.first!.weekStart, weeks: older.count, episodes: episodes,
            meanSeverity: episodes == 0 ? nil : severityTotal / Double(episodes),
            sessions: older.map(\.sessions).reduce(0, +))
        return (earlier, Array(weeks.suffix(count)))
    }
}
