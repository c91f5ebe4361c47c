import Foundation

/// Reads the diary for patterns a doctor should hear about: a very long cramp, cramps week after
/// week, cramps that keep waking the person, severity going up, cramps with a statin or a new
/// medicine, and cramps that come on while walking.
///
/// Pure: the caller gives the moment and the calendar (and so the time zone and where weeks
/// begin), so the same diary always gives the same findings. Entries after `now` are ignored.
public enum DiaryReview {
    /// The findings for `episodes` at `now`: urgent ones first, then in rule order; empty when
    /// nothing needs a doctor's attention.
    public static func review(episodes: [Episode], now: Date, calendar: Calendar) -> [ReviewFinding] {
        let logged = episodes.filter { $0.occurredAt <= now }.sorted {
            $0.occurredAt != $1.occurredAt ? $0.occurredAt < $1.occurredAt : $0.id.uuidString < $1.id.uuidString
        }
        let findings = [
            longCramp(logged),
            frequentCramps(logged, calendar: calendar),
            sleepDisturbed(logged, now: now, calendar: calendar),
            severityRising(logged, now: now, calendar: calendar),
            statinOrNewMedicine(logged),
            walkingCramps(logged),
        ].compactMap { $0 }
        let order = DiaryReviewRule.allCases
        return findings.sorted {
            $0.level != $1.level
                ? $0.level < $1.level
                : order.firstIndex(of: $0.ruleId)! < order.firstIndex(of: $1.ruleId)!
        }
    }

    // MARK: - Rules

    static func longCramp(_ episodes: [Episode]) -> ReviewFinding? {
        let long = episodes.filter { $0.durationSeconds > DiaryReviewThresholds.longCrampSeconds }
        guard let longest = long.map(\.durationSeconds).max() else { return nil }
        let what =
            long.count == 1
            ? "You logged a cramp that lasted \(formatDuration(longest))."
            : "You logged \(long.count) cramps that lasted longer than 10 minutes, the longest "
                + "\(formatDuration(longest))."
        return ReviewFinding(
            ruleId: .longCramp, level: .urgent, title: "A cramp lasted more than 10 minutes",
            message: what
                + " A cramp that goes on for more than 10 minutes is a warning sign: ask for an urgent "
                + "appointment with a doctor today, or call your urgent advice line (NHS 111 in the UK). "
                + "If a cramp like that is happening now and stretching does not ease it, get help now.",
            episodeIds: long.map(\.id), sources: [ReviewSources.nhsLegCramps, ReviewSources.niDirectCramp])
    }

    static func frequentCramps(_ episodes: [Episode], calendar: Calendar) -> ReviewFinding? {
        var weekStarts = WeekStarts(calendar)
        let byWeek = Dictionary(grouping: episodes) { weekStarts.start(of: $0.occurredAt) }
        let weeks = byWeek.filter { $0.value.count >= DiaryReviewThresholds.frequentCrampsPerWeek }.keys.sorted()
        var runs: [[Date]] = []
        for week in weeks {
            if let previous = runs.last?.last, calendar.date(byAdding: .weekOfYear, value: 1, to: previous) == week {
                runs[runs.count - 1].append(week)
            } else {
                runs.append([week])
            }
        }
        let needed = DiaryReviewThresholds.frequentCrampsConsecutiveWeeks
        guard let run = runs.last(where: { $0.count >= needed }) else { return nil }
        let runWeeks = Set(run)
        let inRun = episodes.filter { runWeeks.contains(weekStarts.start(of: $0.occurredAt)) }
        return ReviewFinding(
            ruleId: .frequentCramps, level: .seeDoctor, title: "Cramps week after week",
            message: "You logged cramps in each of \(run.count) weeks in a row. Cramps that keep coming back "
                + "are worth talking over with a doctor, because another condition can sometimes cause them. "
                + "Limber calls cramps in \(needed) or more weeks running frequent; that cut-off is "
                + "Limber's own choice, because medical sources give no number.",
            episodeIds: inRun.map(\.id), sources: [ReviewSources.mayoMuscleCramp, ReviewSources.seed],
            projectDefaultNote: "Project default: at least \(cramps(DiaryReviewThresholds.frequentCrampsPerWeek)) "
                + "a week for \(needed) weeks in a row. Sources give no number for frequent cramps; trials "
                + "took people with at least one cramp a week.")
    }

    static func sleepDisturbed(_ episodes: [Episode], now: Date, calendar: Calendar) -> ReviewFinding? {
        let days = DiaryReviewThresholds.sleepDisturbedWindowDays
        let window = calendar.daysBefore(now, days)...now
        let woke = episodes.filter { $0.wokeFromSleep && window.contains($0.occurredAt) }
        let needed = DiaryReviewThresholds.sleepDisturbedEpisodes
        guard woke.count >= needed else { return nil }
        return ReviewFinding(
            ruleId: .sleepDisturbed, level: .seeDoctor, title: "Cramps keep waking you",
            message: "\(cramps(woke.count)) woke you in the last \(days) days. Cramps that "
                + "break your sleep again and again, or leave you tired in the day, are a reason to see a "
                + "doctor, who can look for a cause.",
            episodeIds: woke.map(\.id), sources: [ReviewSources.nhsLegCramps, ReviewSources.mayoMuscleCramp],
            projectDefaultNote: "Project default: \(needed) or more cramps that woke you within \(days) days. "
                + "Sources give no number for how often is too often.")
    }

    static func severityRising(_ episodes: [Episode], now: Date, calendar: Calendar) -> ReviewFinding? {
        guard let trend = SeverityTrend.measure(episodes: episodes, now: now, calendar: calendar),
            trend.direction == .up
        else { return nil }
        let recentWindow = SeverityTrend.windows(now: now, calendar: calendar).recent
        let weeks = DiaryReviewThresholds.severityWindowDays / 7
        let points = DiaryReviewThresholds.severityMeaningfulChange
        return ReviewFinding(
            ruleId: .severityRising, level: .seeDoctor, title: "Cramps are getting worse",
            message: "Your cramps in the last \(weeks) weeks averaged \(oneDecimal(trend.recentMean)) out of 10, "
                + "up from \(oneDecimal(trend.earlierMean)) in the \(weeks) weeks before. A rise of \(points) "
                + "points or more on the 0 to 10 scale is a real change. See a doctor, especially if "
                + "stretching and self-care are not helping.",
            episodeIds: episodes.filter { recentWindow.contains($0.occurredAt) }.map(\.id),
            sources: [ReviewSources.painScaleChange, ReviewSources.mayoMuscleCramp],
            projectDefaultNote: "Project default: two windows of \(weeks) weeks each, with at least "
                + "\(cramps(DiaryReviewThresholds.severityMinimumEpisodesPerWindow)) in each. The "
                + "\(points)-point change comes from pain research.")
    }

    static func statinOrNewMedicine(_ episodes: [Episode]) -> ReviewFinding? {
        let statin = episodes.filter { $0.triggers.contains(.statin) }
        let medicine = episodes.filter { $0.triggers.contains(.newMedicine) }
        guard !statin.isEmpty || !medicine.isEmpty else { return nil }
        var parts: [String] = []
        var sources: [Source] = []
        if !statin.isEmpty {
            parts.append(
                "You noted a statin with \(cramps(statin.count)). Muscle pain, tenderness, weakness or cramps "
                    + "with no clear reason while you take a statin should be reported to your doctor.")
            sources.append(ReviewSources.nhsStatins)
        }
        if !medicine.isEmpty {
            parts.append(
                "You noted a new medicine with \(cramps(medicine.count)). Cramps that begin after starting a "
                    + "medicine can be a side effect; tell the doctor or pharmacist who gave it to you.")
            sources.append(ReviewSources.merckMuscleCramps)
        }
        parts.append("Do not stop a prescribed medicine on your own; ask first.")
        let title =
            statin.isEmpty
            ? "Cramps after a new medicine"
            : medicine.isEmpty ? "Cramps while taking a statin" : "Cramps with a statin or a new medicine"
        let ids = episodes.filter { $0.triggers.contains(.statin) || $0.triggers.contains(.newMedicine) }
        return ReviewFinding(
            ruleId: .statinOrNewMedicine, level: .seeDoctor, title: title, message: parts.joined(separator: " "),
            episodeIds: ids.map(\.id), sources: sources)
    }

    static func walkingCramps(_ episodes: [Episode]) -> ReviewFinding? {
        let walking = episodes.filter { $0.triggers.contains(.walking) }
        guard !walking.isEmpty else { return nil }
        return ReviewFinding(
            ruleId: .walkingCramps, level: .seeDoctor, title: "Cramps while walking",
            message: "You logged \(cramps(walking.count)) that came on while walking. Leg pain or cramps that "
                + "start as you walk and ease when you rest can come from poor blood flow to the legs rather "
                + "than the muscle itself, so see a doctor to have it checked.",
            episodeIds: walking.map(\.id), sources: [ReviewSources.merckMuscleCramps])
    }

    // MARK: - Wording

    private static func cramps(_ count: Int) -> String {
        count == 1 ? "1 cramp" : "\(count) cramps"
    }

    private static func oneDecimal(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

/// The sources the review's advice rests on (clinical facts 1, 7 to 13 and 25).
enum ReviewSources {
    static let nhsLegCramps = Source(kind: .reference, title: "Leg cramps", publisher: "NHS")
    static let niDirectCramp = Source(kind: .reference, title: "Cramp", publisher: "NI Direct")
    static let mayoMuscleCramp = Source(kind: .reference, title: "Muscle cramp", publisher: "Mayo Clinic")
    static let merckMuscleCramps = Source(kind: .reference, title: "Muscle cramps", publisher: "Merck Manual")
    static let nhsStatins = Source(kind: .reference, title: "Statins: side effects", publisher: "NHS")
    static let seed = Source(kind: .seed)
    static let painScaleChange = Source(
        kind: .reference,
        title: "Clinical importance of changes in chronic pain intensity measured on an 11-point numerical "
            + "pain rating scale (Farrar and others, 2001)",
        publisher: "Pain, via PubMed")
}

extension Calendar {
    /// ISO weeks (Monday first) in `timeZone`: the weeks the diary is summed up and reviewed in.
    public static func diaryWeeks(timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar
    }
}
