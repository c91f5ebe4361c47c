import Foundation
import LimberCore

/// The diary's three charts over the last 12 weeks.
struct DiaryCharts {
    let episodesPerWeek: String
    let meanSeverity: String
    let sessionsPerWeek: String

    static let weeks = 12

    init(episodes: [Episode], sessions: [SessionRecord], now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? now
        let first = calendar.date(byAdding: .weekOfYear, value: -(Self.weeks - 1), to: thisWeek) ?? thisWeek
        let weeks = DiarySummary.weeks(
            episodes: episodes, sessions: sessions, calendar: calendar, from: first, through: now)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM"
        let counts = weeks.map { (formatter.string(from: $0.weekStart), $0.episodes, $0.meanSeverity, $0.sessions) }
        episodesPerWeek = BarChart(
            title: "Cramps per week, last 12 weeks", bars: counts.map { .init(label: $0.0, value: Double($0.1)) },
            maximum: 4
        ).svg()
        meanSeverity = BarChart(
            title: "Mean severity per week (0 to 10)", bars: counts.map { .init(label: $0.0, value: $0.2) },
            maximum: 10, valueFormat: { String(format: "%.1f", $0) }
        ).svg()
        sessionsPerWeek = BarChart(
            title: "Sessions per week", bars: counts.map { .init(label: $0.0, value: Double($0.3)) }, maximum: 4
        ).svg()
    }
}
