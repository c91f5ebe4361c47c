import Foundation
import Testing

@Suite("limber review and the review in limber history")
struct ReviewCommandTests {
    /// Noon on the same weekday `weeksAgo` weeks back, in local time as `limber log --at` reads it.
    func weeksAgo(_ weeks: Int) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = .current
        let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: Date())!
        let day = calendar.date(byAdding: .day, value: -7 * weeks, to: noon)!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: day)
    }

    func log(_ database: TestDatabase, region: String = "calf", _ arguments: [String]) throws {
        let run = try CLI.run(["log", "--region", region] + arguments, environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("An empty diary needs nothing, says so, and is not a diagnosis")
    func emptyDiary() throws {
        let database = TestDatabase()
        let run = try CLI.run(["review"], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.trimmingCharacters(in: .newlines)
                == "Nothing in your diary needs a doctor's attention right now. This is not a diagnosis.")
        let json = try CLI.run(["review", "--json"], environment: database.environment)
        #expect(json.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test("A cramp logged in each of five weeks in a row raises the see-a-doctor note in review and history")
    func fiveWeeksInARow() throws {
        let database = TestDatabase()
        for weeks in 1...5 {
            try log(database, ["--severity", "4", "--duration", "2m", "--at", weeksAgo(weeks)])
        }

        let review = try CLI.run(["review"], environment: database.environment)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("SEE A DOCTOR  Cramps week after week"))
        #expect(review.stdout.contains("You logged cramps in each of 5 weeks in a row."))
        #expect(review.stdout.contains("Project default: at least 1 cramp a week for 4 weeks in a row."))
        #expect(review.stdout.contains("Sources: Mayo Clinic: Muscle cramp; Stretches for muscle spasms"))
        #expect(review.stdout.contains("This is not a diagnosis."))

        let json = try CLI.run(["review", "--json"], environment: database.environment)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(findings.map { $0["ruleId"] as? String } == ["frequent-cramps"])
        #expect(findings.first?["level"] as? String == "see-doctor")
        #expect((findings.first?["episodeIds"] as? [String])?.count == 5)
        #expect(findings.first?["isProjectDefault"] as? Bool == true)

        let history = try CLI.run(["history"], environment: database.environment)
        #expect(history.status == 0, "\(history.stderr)")
        let note = try #require(history.stdout.range(of: "SEE A DOCTOR  Cramps week after week"))
        let list = try #require(history.stdout.range(of: "Cramps (5)"))
        #expect(note.lowerBound < list.lowerBound, "the note comes above the list")
        #expect(history.stdout.contains("Severity trend: "))
    }

    @Test("History's weekly summary says whether severity is going up, down or staying steady")
    func severityTrend() throws {
        let database = TestDatabase()
        try log(database, ["--severity", "3", "--duration", "1m", "--at", weeksAgo(6)])
        try log(database, ["--severity", "3", "--duration", "1m", "--at", weeksAgo(5)])
        try log(database, ["--severity", "6", "--duration", "1m", "--at", weeksAgo(2)])
        let steady = try CLI.run(["history"], environment: database.environment).stdout
        #expect(steady.contains("Severity trend: not enough cramps to compare yet"), "\(steady)")

        try log(database, ["--severity", "5", "--duration", "1m", "--at", weeksAgo(1)])
        let history = try CLI.run(["history"], environment: database.environment).stdout
        #expect(history.contains("Severity trend: up (mean 5.5 in the last 4 weeks, 3.0 in the 4 before)"))
        #expect(history.contains("SEE A DOCTOR  Cramps are getting worse"))

        let json = try CLI.run(["history", "--json"], environment: database.environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["severityTrend"] as? [String: Any])?["direction"] as? String == "up")
        #expect((object["findings"] as? [[String: Any]])?.first?["ruleId"] as? String == "severity-rising")
    }

    @Test("A filtered history still shows a finding from cramps the filter leaves out")
    func filtersDoNotHideFindings() throws {
        let database = TestDatabase()
        try log(database, ["--severity", "4", "--duration", "12m", "--at", weeksAgo(3)])
        try log(database, region: "foot", ["--severity", "2", "--duration", "30s", "--at", weeksAgo(1)])
        let history = try CLI.run(["history", "--region", "foot"], environment: database.environment)
        #expect(history.stdout.contains("URGENT  A cramp lasted more than 10 minutes"))
        #expect(history.stdout.contains("Cramps (1)"))
    }

    @Test("The walking trigger is listed in log's help and accepted")
    func walkingTrigger() throws {
        let database = TestDatabase()
        let help = try CLI.run(["log", "--help"], environment: database.environment)
        #expect(help.stdout.contains("walking"))
        try log(database, ["--severity", "5", "--duration", "1m", "--trigger", "walking", "--at", weeksAgo(1)])
        let review = try CLI.run(["review"], environment: database.environment)
        #expect(review.stdout.contains("SEE A DOCTOR  Cramps while walking"))
    }
}
