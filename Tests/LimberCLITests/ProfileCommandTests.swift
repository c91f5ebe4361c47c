import Foundation
import Testing

/// `limber profile`: the conditions and the time zone a person saves once, and what they change.
@Suite("limber profile")
struct ProfileCommandTests {
    @Test("Without a saved zone the machine's is used and said; --time-zone saves one, system goes back")
    func timeZoneRoundTrip() throws {
        let database = TestDatabase()
        let machine = try CLI.run(
            ["profile", "--json"], environment: database.environment.merging(["TZ": "Europe/Paris"]) { $1 })
        #expect(machine.status == 0, "\(machine.stderr)")
        #expect(machine.stdout.contains(#""timeZoneSaved" : false"#), "\(machine.stdout)")

        let saved = try CLI.run(["profile", "--time-zone", "America/New_York"], environment: database.environment)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("Time zone: America/New_York."), "\(saved.stdout)")
        let json = try CLI.run(["profile", "--json"], environment: database.environment)
        #expect(json.stdout.contains(#""timeZone" : "America/New_York""#), "\(json.stdout)")
        #expect(json.stdout.contains(#""timeZoneSaved" : true"#))

        let back = try CLI.run(["profile", "--time-zone", "system"], environment: database.environment)
        #expect(back.status == 0)
        #expect(back.stdout.contains("this machine's"), "\(back.stdout)")
    }

    @Test("A zone that is not an IANA name is one line naming time-zone, exits 2 and saves nothing")
    func badTimeZone() throws {
        let database = TestDatabase()
        for zone in ["EST", "Mars/Olympus"] {
            let run = try CLI.run(
                ["profile", "--time-zone", zone, "--condition", "knee"], environment: database.environment)
            #expect(run.status == 2)
            #expect(
                run.stderr.contains("time-zone: \"\(zone)\" is not accepted; use an IANA time zone"), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: database.path), "bad input changes nothing")
    }

    @Test("limber log --at reads the time in the saved zone, and history shows it there, whatever the machine's zone")
    func logAndHistoryUseTheSavedZone() throws {
        let database = TestDatabase()
        let utc = database.environment.merging(["TZ": "UTC"]) { $1 }
        _ = try CLI.run(["profile", "--time-zone", "America/New_York"], environment: utc)
        let logged = try CLI.run(
            ["log", "--region", "calf", "--severity", "4", "--duration", "2m", "--at", "2026-11-20T23:10"],
            environment: utc)
        #expect(logged.status == 0, "\(logged.stderr)")
        let episode = try #require(try database.history().episodes.first)
        // 23:10 in New York is 04:10 the next day in UTC, the machine's zone here.
        #expect(episode["occurredAt"] as? String == "2026-11-21T04:10:00.000Z")
        let history = try CLI.run(["history"], environment: utc)
        #expect(history.stdout.contains("2026-11-20 23:10  calf"), "\(history.stdout)")

        let reminder = try CLI.run(
            ["remind", "add", "--routine", "bedtime-leg-cramps", "--days", "daily", "--time", "21:30", "--json"],
            environment: utc)
        #expect(
            reminder.stdout.contains(#""timeZone" : "America/New_York""#),
            "a new reminder starts in the saved zone: \(reminder.stdout)")
    }
}
