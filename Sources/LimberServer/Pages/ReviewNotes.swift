import Foundation
import LimberCore

/// The diary review as the diary page shows it: each finding in a `.doctor-note` box with its
/// sources, and the severity trend for the weekly summary.
struct ReviewNotes {
    struct Note {
        var ruleId: String
        var level: String
        var isUrgent: Bool
        var title: String
        var message: String
        var projectDefaultNote: String?
        var sources: [SourceLine]
    }

    var notes: [Note]
    var hasNotes: Bool
    var severityTrend: String

    /// Reviews the whole diary at `now`, in ISO weeks of `timeZone`, as `GET /api/v1/review` does.
    init(episodes: [Episode], now: Date, timeZone: TimeZone) {
        let calendar = Calendar.diaryWeeks(timeZone: timeZone)
        notes = DiaryReview.review(episodes: episodes, now: now, calendar: calendar).map { finding in
            Note(
                ruleId: finding.ruleId.rawValue, level: finding.level == .urgent ? "Urgent" : "See a doctor",
                isUrgent: finding.level == .urgent, title: finding.title, message: finding.message,
                projectDefaultNote: finding.projectDefaultNote, sources: finding.sources.map(SourceLine.init))
        }
        hasNotes = !notes.isEmpty
        severityTrend = SeverityTrend.summary(
            SeverityTrend.measure(episodes: episodes, now: now, calendar: calendar))
    }
}
