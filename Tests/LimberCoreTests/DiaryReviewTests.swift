import Foundation
import Testing

@testable import LimberCore

/// The diary review: each rule at its boundaries, weeks in the person's own time zone, and the
/// order findings come in.
@Suite("Diary review: patterns in the diary that a doctor should hear about")
struct DiaryReviewTests {
    static let london = TimeZone(identifier: "Europe/London")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// ISO weeks (Monday first) in `timeZone`, as the CLI and the server build it.
    static func calendar(_ timeZone: TimeZone = london) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar
    }

    /// A local date and time such as 2026-12-02T12:00 in `timeZone`.
    static func local(_ text: String, _ timeZone: TimeZone = london) throws -> Date {
        try DiaryRules.parseDate(text, field: "at", timeZone: timeZone)
    }

    /// Wednesday 2 December 2026, noon in London.
    static var now: Date { get throws { try local("2026-12-02T12:00") } }

    static func cramp(
        _ at: Date, seconds: Int = 90, severity: Int = 5, triggers: [Trigger] = [], woke: Bool = false
    ) -> Episode {
        Episode(
            occurredAt: at, durationSeconds: seconds, regions: ["calf"], severity: severity, triggers: triggers,
            wokeFromSleep: woke)
    }

    func review(_ episodes: [Episode], now: Date? = nil, calendar: Calendar = calendar()) throws -> [ReviewFinding] {
        DiaryReview.review(episodes: episodes, now: try now ?? Self.now, calendar: calendar)
    }

    func rules(_ findings: [ReviewFinding]) -> [DiaryReviewRule] { findings.map(\.ruleId) }

    /// One cramp a week, on each of these Mondays at 20:00.
    func weekly(_ mondays: [String]) throws -> [Episode] {
        try mondays.map { Self.cramp(try Self.local($0 + "T20:00")) }
    }

    @Test("An empty diary gives no findings")
    func emptyDiary() throws {
        #expect(try review([]).isEmpty)
    }

    @Test("A short, mild cramp now and then gives no findings")
    func ordinaryDiary() throws {
        let findings = try review([
            Self.cramp(try Self.local("2026-11-03T23:00")), Self.cramp(try Self.local("2026-11-25T23:00")),
        ])
        #expect(findings.isEmpty)
    }

    // MARK: - long-cramp

    @Test(
        "A cramp longer than 10 minutes is urgent; exactly 10 minutes is not",
        arguments: [(599, false), (600, false), (601, true)])
    func longCramp(seconds: Int, raises: Bool) throws {
        let episode = Self.cramp(try Self.local("2026-11-30T03:00"), seconds: seconds)
        let findings = try review([episode, Self.cramp(try Self.local("2026-11-20T03:00"), seconds: 60)])
        #expect(rules(findings) == (raises ? [.longCramp] : []))
        if raises {
            let finding = try #require(findings.first)
            #expect(finding.level == .urgent)
            #expect(finding.episodeIds == [episode.id])
            #expect(finding.message.contains("10 min 1 s"))
            #expect(finding.sources.map(\.publisher) == ["NHS", "NI Direct"])
            #expect(!finding.isProjectDefault && finding.projectDefaultNote == nil, "10 minutes comes from the NHS")
        }
    }

    // MARK: - frequent-cramps

    @Test(
        "Cramps in 4 or more weeks in a row are frequent; 3 weeks are not",
        arguments: [(3, false), (4, true), (5, true)])
    func frequentCramps(weeks: Int, raises: Bool) throws {
        let mondays = ["2026-11-30", "2026-11-23", "2026-11-16", "2026-11-09", "2026-11-02"].prefix(weeks)
        let episodes = try weekly(Array(mondays))
        let findings = try review(episodes)
        #expect(rules(findings) == (raises ? [.frequentCramps] : []))
        if raises {
            let finding = try #require(findings.first)
            #expect(finding.level == .seeDoctor)
            #expect(Set(finding.episodeIds) == Set(episodes.map(\.id)))
            #expect(finding.message.contains("each of \(weeks) weeks in a row"))
            #expect(finding.message.contains("Limber's own choice"), "the message says the cut-off is ours")
            #expect(finding.isProjectDefault)
            #expect(finding.projectDefaultNote?.hasPrefix("Project default") == true)
        }
    }

    @Test("A week without a cramp starts the count again")
    func gapWeekResets() throws {
        // Three weeks, a week off, three weeks: never 4 in a row.
        let broken = try weekly(["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-16", "2026-11-23", "2026-11-30"])
        #expect(try review(broken).isEmpty)

        // Two weeks, a week off, then 4 in a row: only the run of 4 is the finding.
        let before = try weekly(["2026-10-19", "2026-10-26"])
        let run = try weekly(["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"])
        let finding = try #require(try review(before + run).first)
        #expect(finding.ruleId == .frequentCramps)
        #expect(finding.episodeIds == run.map(\.id))
    }

    @Test("Several cramps in one week count as one week")
    func oneBusyWeekIsOneWeek() throws {
        let days = ["2026-11-30T01:00", "2026-12-01T01:00", "2026-12-01T22:00", "2026-12-02T02:00"]
        #expect(try review(try days.map { Self.cramp(try Self.local($0)) }).isEmpty)
    }

    @Test("Weeks turn over at local midnight: Sunday 23:30 is the old week, Monday 00:30 the new one")
    func weekBoundaryInLocalTime() throws {
        let newYork = Self.calendar(Self.newYork)
        let now = try Self.local("2026-12-02T12:00", Self.newYork)
        let threeWeeks = try ["2026-11-11T20:00", "2026-11-18T20:00", "2026-11-25T20:00"].map {
            Self.cramp(try Self.local($0, Self.newYork))
        }
        let sundayNight = Self.cramp(try Self.local("2026-11-29T23:30", Self.newYork))
        let mondayMorning = Self.cramp(try Self.local("2026-11-30T00:30", Self.newYork))

        #expect(try review(threeWeeks + [sundayNight], now: now, calendar: newYork).isEmpty)
        #expect(rules(try review(threeWeeks + [mondayMorning], now: now, calendar: newYork)) == [.frequentCramps])
        // In UTC, Sunday 23:30 in New York is already Monday: the calendar's time zone decides.
        #expect(
            rules(try review(threeWeeks + [sundayNight], now: now, calendar: Self.calendar(.gmt)))
                == [.frequentCramps])
    }

    // MARK: - sleep-disturbed

    @Test(
        "Three or more cramps that woke you in the last 28 days are flagged; two are not",
        arguments: [(2, false), (3, true), (4, true)])
    func sleepDisturbed(count: Int, raises: Bool) throws {
        let nights = ["2026-11-18T03:00", "2026-11-22T03:00", "2026-11-25T03:00", "2026-12-01T03:00"].suffix(count)
        let woke = try nights.map { Self.cramp(try Self.local($0), woke: true) }
        let slept = try ["2026-11-28T22:00", "2026-11-29T22:00"].map { Self.cramp(try Self.local($0)) }
        let findings = try review(woke + slept)
        #expect(rules(findings) == (raises ? [.sleepDisturbed] : []))
        if raises {
            let finding = try #require(findings.first)
            #expect(finding.episodeIds == woke.map(\.id), "only the cramps that woke you")
            #expect(finding.message.hasPrefix("\(count) cramps woke you in the last 28 days"))
            #expect(finding.isProjectDefault)
        }
    }

    @Test("The 28 days include the moment exactly 28 days ago, and nothing a minute before it")
    func sleepWindowEdge() throws {
        let recent = try ["2026-11-20T03:00", "2026-12-01T03:00"].map { Self.cramp(try Self.local($0), woke: true) }
        let exactly = Self.cramp(try Self.local("2026-11-04T12:00"), woke: true)
        let justBefore = Self.cramp(try Self.local("2026-11-04T11:59"), woke: true)
        #expect(rules(try review(recent + [exactly])) == [.sleepDisturbed])
        #expect(try review(recent + [justBefore]).isEmpty)
    }

    // MARK: - severity-rising

    /// Cramps in the earlier window (5 to 8 weeks ago) and the recent one (the last 4 weeks).
    func severities(earlier: [Int], recent: [Int]) throws -> [Episode] {
        let earlierStart = try Self.local("2026-10-08T12:00")
        let recentStart = try Self.local("2026-11-05T12:00")
        return earlier.enumerated().map { Self.cramp(earlierStart.addingTimeInterval(Double($0) * 3600), severity: $1) }
            + recent.enumerated().map { Self.cramp(recentStart.addingTimeInterval(Double($0) * 3600), severity: $1) }
    }

    @Test(
        "A mean severity at least 2 points above the 4 weeks before is flagged; 1.9 points is not",
        arguments: [
            ([5, 5, 5, 5, 5, 5, 5, 5, 5, 4], false),  // 4.9, up 1.9
            ([5, 5], true),  // 5.0, up 2.0
            ([5, 5, 5, 5, 5, 5, 5, 5, 5, 6], true),  // 5.1, up 2.1
        ])
    func severityRising(recent: [Int], raises: Bool) throws {
        let episodes = try severities(earlier: [3, 3], recent: recent)
        let findings = try review(episodes)
        #expect(rules(findings) == (raises ? [.severityRising] : []))
        if raises {
            let finding = try #require(findings.first)
            #expect(finding.episodeIds == episodes.suffix(recent.count).map(\.id), "the recent cramps")
            #expect(finding.message.contains("up from 3.0"))
            #expect(finding.isProjectDefault)
        }
    }

    @Test(
        "Severity is only compared with at least 2 cramps in each 4-week window",
        arguments: [([3], [9, 9]), ([3, 3], [9])])
    func severityNeedsEnoughEntries(earlier: [Int], recent: [Int]) throws {
        #expect(try review(try severities(earlier: earlier, recent: recent)).isEmpty)
        #expect(
            SeverityTrend.measure(
                episodes: try severities(earlier: earlier, recent: recent), now: try Self.now, calendar: Self.calendar()
            ) == nil)
    }

    @Test("Severity going down, or moving less than 2 points, raises nothing and reads as down or steady")
    func severityFallingOrSteady() throws {
        let calendar = Self.calendar()
        let falling = try severities(earlier: [8, 8], recent: [6, 6])
        #expect(try review(falling).isEmpty)
        #expect(SeverityTrend.measure(episodes: falling, now: try Self.now, calendar: calendar)?.direction == .down)
        let steady = try severities(earlier: [8, 8], recent: [7, 6])
        #expect(SeverityTrend.measure(episodes: steady, now: try Self.now, calendar: calendar)?.direction == .steady)
        let rising = try severities(earlier: [4, 4], recent: [6, 6])
        let trend = try #require(SeverityTrend.measure(episodes: rising, now: try Self.now, calendar: calendar))
        #expect(trend.direction == .up)
        #expect(trend.recentMean == 6 && trend.earlierMean == 4)
        #expect(trend.recentEpisodes == 2 && trend.earlierEpisodes == 2)
    }

    @Test("A cramp exactly 4 weeks ago belongs to the earlier window")
    func severityWindowEdge() throws {
        let windows = SeverityTrend.windows(now: try Self.now, calendar: Self.calendar())
        let fourWeeksAgo = try Self.local("2026-11-04T12:00")
        #expect(!windows.recent.contains(fourWeeksAgo.addingTimeInterval(-1)))
        #expect(windows.recent.contains(fourWeeksAgo))
        #expect(windows.earlier.contains(fourWeeksAgo.addingTimeInterval(-1)))
        #expect(windows.earlier.lowerBound == (try Self.local("2026-10-07T12:00")))
    }

    // MARK: - statin-or-new-medicine and walking-cramps

    @Test(
        "A cramp tagged statin or new medicine is worth a word with a doctor",
        arguments: [
            ([Trigger.statin], "Cramps while taking a statin", "NHS"),
            ([Trigger.newMedicine], "Cramps after a new medicine", "Merck Manual"),
        ])
    func medicine(triggers: [Trigger], title: String, publisher: String) throws {
        let tagged = Self.cramp(try Self.local("2026-11-20T03:00"), triggers: triggers + [.night])
        let untagged = Self.cramp(try Self.local("2026-11-21T03:00"), triggers: [.night, .diuretic])
        let findings = try review([tagged, untagged])
        let finding = try #require(findings.first)
        #expect(rules(findings) == [.statinOrNewMedicine])
        #expect(finding.title == title)
        #expect(finding.level == .seeDoctor)
        #expect(finding.episodeIds == [tagged.id])
        #expect(finding.sources.map(\.publisher) == [publisher])
        #expect(finding.message.contains("Do not stop a prescribed medicine"))
    }

    @Test("Cramps tagged with other triggers raise no medicine or walking finding")
    func otherTriggers() throws {
        let others = Trigger.allCases.filter { ![.statin, .newMedicine, .walking].contains($0) }
        #expect(try review([Self.cramp(try Self.local("2026-11-20T03:00"), triggers: others)]).isEmpty)
    }

    @Test("A cramp that came on while walking points to a doctor, citing Merck")
    func walkingCramps() throws {
        let walk = Self.cramp(try Self.local("2026-11-20T15:00"), triggers: [.walking])
        let finding = try #require(try review([walk]).first)
        #expect(finding.ruleId == .walkingCramps)
        #expect(finding.episodeIds == [walk.id])
        #expect(finding.sources.map(\.publisher) == ["Merck Manual"])
        #expect(finding.message.contains("while walking"))
    }

    // MARK: - Order and time

    @Test("Urgent findings come first, then the rules in their order")
    func order() throws {
        let episodes =
            try weekly(["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]) + [
                Self.cramp(try Self.local("2026-11-10T15:00"), triggers: [.walking]),
                Self.cramp(try Self.local("2026-11-11T15:00"), triggers: [.statin]),
                Self.cramp(try Self.local("2026-11-12T15:00"), seconds: 900),
            ]
        #expect(rules(try review(episodes)) == [.longCramp, .frequentCramps, .statinOrNewMedicine, .walkingCramps])
    }

    @Test("Entries after now are left out")
    func futureEntriesIgnored() throws {
        let later = Self.cramp(try Self.local("2026-12-02T12:01"), seconds: 1200, triggers: [.statin])
        #expect(try review([later]).isEmpty)
        #expect(
            rules(try review([later], now: try Self.local("2026-12-02T12:01"))) == [.longCramp, .statinOrNewMedicine])
    }

    @Test("A finding encodes its rule and level as the API's kebab-case ids")
    func encoding() throws {
        let finding = try #require(
            try review([Self.cramp(try Self.local("2026-11-20T15:00"), triggers: [.walking])]).first)
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(finding)) as? [String: Any]
        #expect(object?["ruleId"] as? String == "walking-cramps")
        #expect(object?["level"] as? String == "see-doctor")
        #expect(object?["isProjectDefault"] as? Bool == false)
        #expect(object?["projectDefaultNote"] == nil)
        #expect(try JSONDecoder().decode(ReviewFinding.self, from: try JSONEncoder().encode(finding)) == finding)
    }
}
