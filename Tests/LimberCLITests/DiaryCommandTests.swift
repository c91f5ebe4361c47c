import Foundation
import Testing

@Suite("limber log, history, delete, export and import")
struct DiaryCommandTests {
    func log(_ database: TestDatabase, _ arguments: [String]) throws -> CLIRun {
        try CLI.run(["log"] + arguments, environment: database.environment)
    }

    @Test("A logged cramp shows in history with every field")
    func logThenHistory() throws {
        let database = TestDatabase()
        let run = try log(
            database,
            [
                "--region", "calf", "--side", "left", "--severity", "7", "--duration", "1m30s", "--at",
                "2026-11-20T23:10", "--trigger", "night", "--trigger", "dehydration", "--woke", "--relieved-by",
                "standing on it", "--notes", "after a long walk",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        let episode = try #require(try database.history().episodes.first)
        #expect(episode["regions"] as? [String] == ["calf"])
        #expect(episode["side"] as? String == "left")
        #expect(episode["severity"] as? Int == 7)
        #expect(episode["durationSeconds"] as? Int == 90)
        #expect(episode["triggers"] as? [String] == ["night", "dehydration"])
        #expect(episode["wokeFromSleep"] as? Bool == true)
        #expect(episode["relievedBy"] as? String == "standing on it")
        let text = try CLI.run(["history"], environment: database.environment).stdout
        #expect(text.contains("2026-11-20 23:10  left calf  severity 7/10  1 min 30 s"))
        #expect(text.contains("By week"))
    }

    @Test(
        "Bad input exits 2 with one line naming the field, and writes nothing",
        arguments: [
            (["--region", "calf", "--severity", "11", "--duration", "2m"], "severity: \"11\""),
            (["--region", "elbow", "--severity", "3", "--duration", "2m"], "region: \"elbow\""),
            (["--region", "calf", "--severity", "3", "--duration", "soon"], "duration: \"soon\""),
            (["--region", "calf", "--severity", "3", "--duration", "2m", "--at", "last night"], "at: \"last night\""),
            (["--region", "calf", "--severity", "3", "--duration", "2m", "--trigger", "moon"], "trigger: \"moon\""),
            (["--region", "calf", "--duration", "2m"], "severity: missing"),
            (["--region", "calf", "--severity", "three", "--duration", "2m"], "severity: \"three\" is not accepted"),
        ])
    func badInput(arguments: [String], expected: String) throws {
        let database = TestDatabase()
        _ = try log(database, ["--region", "foot", "--severity", "2", "--duration", "30s"])
        let run = try log(database, arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try database.history().episodes.count == 1, "nothing was written")
    }

    @Test("Deleting an episode removes it; an unknown id changes nothing and exits 2")
    func delete() throws {
        let database = TestDatabase()
        _ = try log(database, ["--region", "calf", "--severity", "4", "--duration", "45s"])
        let id = try #require(try database.history().episodes.first?["id"] as? String)
        let missing = try CLI.run(
            ["delete", "episode", UUID().uuidString], environment: database.environment)
        #expect(missing.status == 2)
        #expect(try database.history().episodes.count == 1)
        let run = try CLI.run(["delete", "episode", id], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try database.history().episodes.isEmpty)
    }

    @Test("An export imported elsewhere loses nothing, and importing it twice duplicates nothing")
    func exportImportRoundTrip() throws {
        let source = TestDatabase()
        _ = try log(
            source, ["--region", "calf", "--severity", "4", "--duration", "45s", "--notes", "a, \"quoted\" note"])
        _ = try log(source, ["--region", "lower-back", "--severity", "6", "--duration", "10m", "--trigger", "statin"])
        _ = try CLI.run(
            ["start", "tiny", "--catalog", TestDatabase.tinyCatalog, "--none-apply"], environment: source.environment)
        let file = source.folder.appendingPathComponent("export.json").path
        let export = try CLI.run(["export", "--format", "json", "--output", file], environment: source.environment)
        #expect(export.status == 0, "\(export.stderr)")

        let target = TestDatabase()
        let first = try CLI.run(["import", file], environment: target.environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Imported 2 episodes and 1 sessions"))
        let second = try CLI.run(["import", file], environment: target.environment)
        #expect(second.stdout.contains("Imported 0 episodes and 0 sessions; 3 were already there"))

        let before = try source.history()
        let after = try target.history()
        #expect(after.episodes.count == 2)
        #expect(after.sessions.count == 1)
        #expect(NSArray(array: before.episodes).isEqual(to: after.episodes))
        #expect(NSArray(array: before.sessions).isEqual(to: after.sessions))
    }

    @Test("A file that is not an export is refused and nothing is imported")
    func importRejectsOtherFiles() throws {
        let database = TestDatabase()
        try FileManager.default.createDirectory(at: database.folder, withIntermediateDirectories: true)
        let file = database.folder.appendingPathComponent("other.json")
        try Data(#"{"hello": "world"}"#.utf8).write(to: file)
        let run = try CLI.run(["import", file.path], environment: database.environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("nothing was imported"))
    }

    @Test("CSV export has a header and quotes fields with commas and quotes")
    func csvExport() throws {
        let database = TestDatabase()
        _ = try log(database, ["--region", "calf", "--severity", "4", "--duration", "45s", "--notes", "a, \"b\""])
        let run = try CLI.run(["export", "--format", "csv"], environment: database.environment)
        #expect(run.status == 0)
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("type,id,start,end,duration_seconds"))
        #expect(lines[1].hasPrefix("episode,"))
        #expect(lines[1].contains("\"a, \"\"b\"\"\""))
    }
}
