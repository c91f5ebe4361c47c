import Foundation

/// Whether cramps are getting worse: the mean severity of the last 4 weeks against the 4 weeks
/// before. The diary review's severity-rising rule and the weekly summary both read this one
/// comparison, so they never disagree.
public struct SeverityTrend: Codable, Sendable, Hashable {
    public enum Direction: String, Codable, Sendable, Hashable {
        /// The recent mean is at least the meaningful change above the earlier one.
        case up
        /// The recent mean is at least the meaningful change below the earlier one.
        case down
        /// The means differ by less than the meaningful change.
        case steady
    }

    public var direction: Direction
    /// Mean severity (0 to 10) of the cramps in the recent window.
    public var recentMean: Double
    /// Mean severity (0 to 10) of the cramps in the window before it.
    public var earlierMean: Double
    public var recentEpisodes: Int
    public var earlierEpisodes: Int

    /// The two windows that end at `now`, each `severityWindowDays` calendar days long: the recent
    /// one holds its first instant, the earlier one stops just before it.
    public static func windows(now: Date, calendar: Calendar) -> (earlier: Range<Date>, recent: ClosedRange<Date>) {
        let days = DiaryReviewThresholds.severityWindowDays
        let middle = calendar.daysBefore(now, days)
        let start = calendar.daysBefore(middle, days)
        return (start..<middle, middle...now)
    }

    /// The trend at `now`, or nil when either window has fewer than
    /// `severityMinimumEpisodesPerWindow` cramps: then there is too little to compare.
    public static func measure(episodes: [Episode], now: Date, calendar: Calendar) -> SeverityTrend? {
        let (earlierWindow, recentWindow) = windows(now: now, calendar: calendar)
        let earlier = episodes.filter { earlierWindow.contains($0.occurredAt) }.map(\.severity)
        let recent = episodes.filter { recentWindow.contains($0.occurredAt) }.map(\.severity)
        let minimum = DiaryReviewThresholds.severityMinimumEpisodesPerWindow
        guard earlier.count >= minimum, recent.count >= minimum else { return nil }
        let (earlierSum, recentSum) = (earlier.reduce(0, +), recent.reduce(0, +))
        // recentSum/recent.count − earlierSum/earlier.count compared with the threshold, multiplied
        // out so that a change of exactly 2.0 points is not lost to floating-point rounding.
        let difference = recentSum * earlier.count - earlierSum * recent.count
        let threshold = DiaryReviewThresholds.severityMeaningfulChange * earlier.count * recent.count
        let direction: Direction =
            difference >= threshold ? .up : difference <= -threshold ? .down : .steady
        return SeverityTrend(
            direction: direction, recentMean: Double(recentSum) / Double(recent.count),
            earlierMean: Double(earlierSum) / Double(earlier.count), recentEpisodes: recent.count,
            earlierEpisodes: earlier.count)
    }

    /// The trend in one line for the weekly summary, such as "Severity trend: up (mean 5.5 in the
    /// last 4 weeks, 3.0 in the 4 before)"; nil says there is too little to compare yet.
    public static func summary(_ trend: SeverityTrend?) -> String {
        let weeks = DiaryReviewThresholds.severityWindowDays / 7
        guard let trend else {
            return "Severity trend: not enough cramps to compare yet (it needs at least "
                + "\(DiaryReviewThresholds.severityMinimumEpisodesPerWindow) in the last \(weeks) weeks and in "
                + "the \(weeks) before)"
        }
        let recent = String(format: "%.1f", trend.recentMean)
        let earlier = String(format: "%.1f", trend.earlierMean)
        return "Severity trend: \(trend.direction.rawValue) (mean \(recent) in the last \(weeks) weeks, "
            + "\(earlier) in the \(weeks) before)"
    }
}

extension Calendar {
    /// The same local time `days` calendar days earlier, so a change of clocks does not move it.
    func daysBefore(_ date: Date, _ days: Int) -> Date {
        self.date(byAdding: .day, value: -days, to: date) ?? date.addingTimeInterval(-Double(days) * 86_400)
    }
}
