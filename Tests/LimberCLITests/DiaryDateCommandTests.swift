import Foundation
import Testing

@Suite("Dates and long diaries on the command line")
struct DiaryDateCommandTests {
    func log(_ database: TestDatabase, _ arguments: [String]) throws -> CLIRun {
        try CLI.run(
            ["log", "--region", "calf", "--severity", "3", "--duration", "2m"] + arguments,
            environment: database.environment)
    }

    /// Local wall-clock text `offset` seconds from now, as a person types it after `--at`.
    func localText(_ offset: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: Date().addingTimeInterval(offset))
    }

    @Test(
        "An --at the calendar does not have, or too long ago, exits 2 with one line naming it, and writes nothing",
        arguments: [
            ("2026-02-30", "at: \"2026-02-30\" is not accepted; February 2026 has no day 30"),
            ("2026-13-01T10:00", "there is no month 13"), ("2026-11-20T25:00", "there is no hour 25"),
            ("1926-11-20", "it is too long ago; use a time from 2000-01-01 00:00"),
        ])
    func impossibleAt(text: String, expected: String) throws {
        let database = TestDatabase()
        _ = try log(database, [])
        let run = try log(database, ["--at", text])

        #expect(run.status == 2)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try database.history().episodes.count == 1, "nothing was written")
    }

    @Test("A cramp logged for tomorrow is refused with the range; one a minute ahead (clocks differ) is kept")
    func futureAt() throws {
        let database = TestDatabase()

        let tomorrow = try log(database, ["--at", localText(86_400)])
        #expect(tomorrow.status == 2)
        #expect(
            tomorrow.stderr.contains("it is in the future; use a time from 2000-01-01 00:00 to now"),
            "\(tomorrow.stderr)")
        #expect(tomorrow.stderr.contains("5 minutes"))
        #expect(try database.history().episodes.isEmpty)

        let soon = try log(database, ["--at", localText(60)])
        #expect(soon.status == 0, "\(soon.stderr)")
    }

    @Test("history --since a day that does not exist, or in the future, exits 2 with one line naming since")
    func impossibleSince() throws {
        let database = TestDatabase()
        _ = try log(database, [])
        for (since, expected) in [("2026-02-30", "February 2026 has no day 30"), (localText(86_400), "in the future")] {
            let run = try CLI.run(["history", "--since", since], environment: database.environment)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("limber: since: \"\(since)\" is not accepted; "), "\(run.stderr)")
            #expect(run.stderr.contains(expected))
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("A year of 1,000 cramps has a weekly summary of the last 8 weeks and one line for the rest")
    func longDiarySummaryIsShort() throws {
        let database = TestDatabase()
        let now = Date()
        let episodes = (0..<1000).map { index -> String in
            let date = now.addingTimeInterval(-Double(index) * 365 * 86_400 / 1000 - 3600)
            return """
                {"id": "\(UUID().uuidString.lowercased())", "occurredAt": "\(iso(date))", "durationSeconds": 60,
                 "regions": ["calf"], "severity": \(index % 11), "triggers": [], "wokeFromSleep": false}
                """
        }
        let file = try write(database, episodes: episodes, sessions: [])
        let imported = try CLI.run(["import", file], environment: database.environment)
        #expect(imported.status == 0, "\(imported.stderr)")

        let text = try CLI.run(["history"], environment: database.environment).stdout
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("By week") })
        let summary = lines[(header + 1)...].prefix {
            !$0.isEmpty && $0.first?.isNumber == true || $0.hasPrefix("earlier")
        }
        #expect(summary.count == 9, "8 weeks and one line for the rest:\n\(summary.joined(separator: "\n"))")
        #expect(summary.first?.hasPrefix("earlier") == true)
        #expect(summary.first?.contains("weeks from") == true)
    }

    @Test("history shows a session's steps done of all, the steps skipped, and the pain before and after")
    func sessionStepsInHistory() throws {
        let database = TestDatabase()
        let session = """
            {"id": "\(UUID().uuidString.lowercased())", "routineId": "seed-full", "routineName": "All six core stretches",
             "startedAt": "2026-11-20T21:00:00Z", "endedAt": "2026-11-20T21:06:00Z", "isComplete": false,
             "stepsCompleted": 5, "stepsSkipped": 2, "stepsTotal": 8, "ratings": [], "painBefore": 6, "painAfter": 3}
            """
        let file = try write(database, episodes: [], sessions: [session])
        let imported = try CLI.run(["import", file], environment: database.environment)
        #expect(imported.status == 0, "\(imported.stderr)")

        let text = try CLI.run(["history"], environment: database.environment).stdout
        #expect(text.contains("All six core stretches  5 of 8 steps, 2 skipped  pain 6 → 3"), "\(text)")
    }

    private func write(_ database: TestDatabase, episodes: [String], sessions: [String]) throws -> String {
        try FileManager.default.createDirectory(at: database.folder, withIntermediateDirectories: true)
        let file = database.folder.appendingPathComponent("diary.json").path
        let body = """
            {"format": "limber-diary", "version": 1, "exportedAt": "\(iso(Date()))",
             "episodes": [\(episodes.joined(separator: ","))], "sessions": [\(sessions.joined(separator: ","))]}
            """
        try Data(body.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    private func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
