import Foundation
import Testing

@Suite("limber remind and export --format ics")
struct RemindCommandTests {
    func remind(_ database: TestDatabase, _ arguments: [String]) throws -> CLIRun {
        try CLI.run(["remind"] + arguments, environment: database.environment)
    }

    /// The reminders as `limber remind list --json` prints them.
    func reminders(_ database: TestDatabase) throws -> [[String: Any]] {
        let run = try remind(database, ["list", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test("A reminder added is listed with its routine, days, time and zone, and removing it leaves none")
    func addListRemove() throws {
        let database = TestDatabase()
        let added = try remind(
            database,
            [
                "add", "--routine", "bedtime-leg-cramps", "--days", "mon,wed,fri", "--time", "21:30", "--time-zone",
                "Europe/London",
            ])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Bedtime stretches for night leg cramps  mon,wed,fri  at 21:30  Europe/London"))

        let listed = try reminders(database)
        #expect(listed.count == 1)
        #expect(listed.first?["routineId"] as? String == "bedtime-leg-cramps")
        #expect(listed.first?["weekdays"] as? [Int] == [1, 3, 5])
        #expect(listed.first?["hour"] as? Int == 21)
        #expect(listed.first?["minute"] as? Int == 30)
        #expect(listed.first?["timeZone"] as? String == "Europe/London")
        let text = try remind(database, ["list"])
        #expect(text.stdout.contains("Reminders (1)"))

        let id = try #require(listed.first?["id"] as? String)
        let removed = try remind(database, ["remove", id])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try reminders(database).isEmpty)
        #expect(try remind(database, ["list"]).stdout.contains("No reminders yet"))
    }

    @Test("Without --time-zone the machine's zone is used, and daily and weekdays are understood")
    func defaults() throws {
        let database = TestDatabase()
        let daily = try remind(database, ["add", "--routine", "seed-full", "--days", "daily", "--time", "7:05"])
        #expect(daily.status == 0, "\(daily.stderr)")
        let weekdays = try remind(
            database, ["add", "--routine", "back-spasm", "--days", "weekdays", "--time", "18:00"])
        #expect(weekdays.status == 0, "\(weekdays.stderr)")

        let listed = try reminders(database)
        #expect(listed.map { $0["weekdays"] as? [Int] ?? [] } == [[1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5]])
        #expect(listed.first?["timeZone"] as? String == TimeZone.current.identifier)
        #expect(listed.first?["hour"] as? Int == 7)
    }

    @Test(
        "Bad input exits 2 with one line naming the field, and stores nothing",
        arguments: [
            (["--routine", "seed-full", "--days", "funday", "--time", "21:30"], "days: \"funday\""),
            (["--routine", "seed-full", "--days", "mon", "--time", "25:00"], "time: \"25:00\""),
            (["--routine", "seed-full", "--days", "mon", "--time", "9pm"], "time: \"9pm\""),
            (["--routine", "no-such", "--days", "mon", "--time", "21:30"], "routine: \"no-such\""),
            (
                ["--routine", "seed-full", "--days", "mon", "--time", "21:30", "--time-zone", "EST"],
                "time-zone: \"EST\""
            ),
            (["--routine", "seed-full", "--time", "21:30"], "--days"),
        ])
    func badInput(arguments: [String], expected: String) throws {
        let database = TestDatabase()
        let run = try remind(database, ["add"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try reminders(database).isEmpty)
    }

    @Test("Removing an unknown or malformed id exits 2 and changes nothing")
    func removeUnknown() throws {
        let database = TestDatabase()
        _ = try remind(database, ["add", "--routine", "seed-full", "--days", "sat", "--time", "09:00"])
        let unknown = try remind(database, ["remove", UUID().uuidString])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("id: no reminder has the id"))
        let malformed = try remind(database, ["remove", "tuesday"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("id: \"tuesday\""))
        #expect(try reminders(database).count == 1)
    }

    @Test("The feed address is made, replaced by a new secret, and revoked")
    func feedAddress() throws {
        let database = TestDatabase()
        #expect(try remind(database, ["feed"]).stdout.contains("No calendar feed yet"))

        let first = try remind(database, ["feed", "--new"])
        #expect(first.status == 0, "\(first.stderr)")
        let path = try #require(first.stdout.split(separator: "\n").first.map(String.init))
        #expect(path.wholeMatch(of: /\/calendar\/[A-Za-z0-9_-]{43}\.ics/) != nil, "\(path)")
        #expect(try remind(database, ["feed"]).stdout.hasPrefix(path))

        let second = try remind(database, ["feed", "--new"])
        #expect(second.stdout.split(separator: "\n").first.map(String.init) != path)

        let revoked = try remind(database, ["feed", "--revoke"])
        #expect(revoked.status == 0)
        #expect(try remind(database, ["feed"]).stdout.contains("No calendar feed yet"))
        let both = try remind(database, ["feed", "--new", "--revoke"])
        #expect(both.status == 2)
    }

    @Test("With --public-url or LIMBER_PUBLIC_URL, the feed command prints the whole address a phone subscribes to")
    func feedWithPublicURL() throws {
        let database = TestDatabase()
        let made = try remind(database, ["feed", "--new", "--public-url", "http://192.168.1.20:8080/"])
        #expect(made.status == 0, "\(made.stderr)")
        let address = try #require(made.stdout.split(separator: "\n").first.map(String.init))
        #expect(
            address.wholeMatch(of: /http:\/\/192\.168\.1\.20:8080\/calendar\/[A-Za-z0-9_-]{43}\.ics/) != nil,
            "\(address)")

        let fromVariable = try CLI.run(
            ["remind", "feed"],
            environment: database.environment.merging(["LIMBER_PUBLIC_URL": "http://192.168.1.20:8080"]) { $1 })
        #expect(fromVariable.stdout == address + "\n")

        let bare = try remind(database, ["feed"])
        #expect(bare.stdout.hasPrefix(address.replacingOccurrences(of: "http://192.168.1.20:8080", with: "") + "\n"))
        #expect(bare.stdout.contains("--public-url"), "without it, says how to get the whole address")
    }

    @Test("export --format ics writes the reminders as an iCalendar file")
    func exportICS() throws {
        let database = TestDatabase()
        _ = try remind(
            database,
            [
                "add", "--routine", "bedtime-leg-cramps", "--days", "mon,wed,fri", "--time", "21:30", "--time-zone",
                "Europe/London",
            ])
        _ = try remind(
            database,
            ["add", "--routine", "back-spasm", "--days", "sat", "--time", "08:15", "--time-zone", "Asia/Tokyo"])
        let file = database.folder.appendingPathComponent("reminders.ics").path
        let run = try CLI.run(["export", "--format", "ics", "--output", file], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Wrote 2 reminders"))

        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 3)
        #expect(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n"))
        #expect(text.contains("RRULE:FREQ=WEEKLY;BYDAY=SA\r\n"))
        #expect(text.contains("TZID:Asia/Tokyo\r\n"))
        #expect(text.contains("SUMMARY:Limber: Back spasm\r\n"))

        let stdout = try CLI.run(["export", "--format", "ics"], environment: database.environment)
        #expect(stdout.stdout.hasPrefix("BEGIN:VCALENDAR"))
    }
}

extension RemindCommandTests {
    @Test("history shows sessions done against sessions scheduled per week once there are reminders")
    func historyAdherence() throws {
        let database = TestDatabase()
        let environment = database.environment.merging(["TZ": "UTC"]) { $1 }
        func session(_ id: String, _ day: Int) -> String {
            """
            {"id": "\(id)", "routineId": "bedtime-leg-cramps", "routineName": "Bedtime stretches for night leg cramps",
             "startedAt": "2026-11-\(day)T21:30:00Z", "endedAt": "2026-11-\(day)T21:40:00Z", "isComplete": true,
             "stepsCompleted": 12, "stepsTotal": 12, "ratings": []}
            """
        }
        let file = database.folder.appendingPathComponent("sessions.json")
        try FileManager.default.createDirectory(at: database.folder, withIntermediateDirectories: true)
        try Data(
            """
            {"format": "limber-diary", "version": 1, "exportedAt": "2026-11-22T12:00:00Z", "episodes": [],
             "sessions": [\(session("9d7e6f5a-4b3c-4d2e-8f1a-0b9c8d7e6f5a", 16)),
                          \(session("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", 18))]}
            """.utf8
        ).write(to: file)
        let imported = try CLI.run(["import", file.path], environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")

        let before = try CLI.run(["history"], environment: environment)
        #expect(!before.stdout.contains("done / scheduled"), "no column without reminders")

        _ = try CLI.run(
            [
                "remind", "add", "--routine", "bedtime-leg-cramps", "--days", "mon,wed,fri", "--time", "21:30",
                "--time-zone", "Europe/London",
            ], environment: environment)
        let after = try CLI.run(["history"], environment: environment)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("done / scheduled"))
        let week = after.stdout.split(separator: "\n").first { $0.hasPrefix("2026-11-16") }
        #expect(week?.hasSuffix("2 / 3 (67 %)") == true, "\(after.stdout)")
    }
}
