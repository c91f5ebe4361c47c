import Foundation
import Testing

@Suite("limber progress: suggestions, accept and undo")
struct ProgressCommandTests {
    static let calf = "calf-stretch-wall"
    static let extraSet = "extra-set.calf-stretch-wall.2"

    /// Imports three finished sessions, a day apart, that rated the calf stretch and the mid-trap
    /// raise too easy: what a person who found both easy all week would have in their diary.
    func diaryWithThreeEasySessions(
        routine: String = "seed-full", exercises: [String] = [calf, "mid-trap-raise"]
    ) throws -> TestDatabase {
        let database = TestDatabase()
        try FileManager.default.createDirectory(at: database.folder, withIntermediateDirectories: true)
        let now = Date()
        let sessions: [[String: Any]] = (1...3).map { daysAgo in
            let startedAt = now.addingTimeInterval(-Double(4 - daysAgo) * 86_400)
            return [
                "id": UUID().uuidString, "routineId": routine, "routineName": "A routine",
                "startedAt": Self.timestamp(startedAt), "endedAt": Self.timestamp(startedAt.addingTimeInterval(540)),
                "isComplete": true, "stepsCompleted": 40, "stepsTotal": 40, "painBefore": 3, "painAfter": 2,
                "ratings": exercises.map { ["exerciseId": $0, "difficulty": "too-easy"] },
            ]
        }
        let export: [String: Any] = [
            "format": "limber-diary", "version": 1, "exportedAt": Self.timestamp(now), "episodes": [],
            "sessions": sessions,
        ]
        let file = database.folder.appendingPathComponent("easy-week.json")
        try JSONSerialization.data(withJSONObject: export).write(to: file)
        let run = try CLI.run(["import", file.path], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        return database
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The calf stretch's hold lengths in `limber timeline seed-full --json`.
    func calfHolds(_ database: TestDatabase) throws -> [Int] {
        let run = try CLI.run(["timeline", "seed-full", "--json"], environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let timeline = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = timeline["steps"] as? [[String: Any]] ?? []
        return steps.filter { $0["kind"] as? String == "hold" && $0["exerciseId"] as? String == Self.calf }
            .compactMap { $0["duration"] as? Int }
    }

    func progress(_ database: TestDatabase, _ arguments: [String] = []) throws -> CLIRun {
        try CLI.run(["progress"] + arguments, environment: database.environment)
    }

    @Test("Three easy sessions at 30 s suggest a second calf set; accepting plays it, and undo goes back to one")
    func acceptAndUndo() throws {
        let database = try diaryWithThreeEasySessions()
        let listed = try progress(database)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("you may do it twice instead of once"))
        #expect(listed.stdout.contains("limber progress accept \(Self.extraSet)"))
        #expect(try calfHolds(database) == [30, 30], "a suggestion changes nothing until it is accepted")

        let accepted = try progress(database, ["accept", Self.extraSet])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("Hold 30 s, 2 times, 10 s rest; left leg, then right (your dose)"))
        #expect(try calfHolds(database) == [30, 30, 30, 30])
        let shown = try CLI.run(["show", Self.calf], environment: database.environment)
        #expect(
            shown.stdout.contains("Dose: Hold 30 s, 2 times, 10 s rest; left leg, then right (your dose)"),
            "\(shown.stdout)")
        #expect(shown.stdout.contains("Limber's dose: Hold 30 s"))

        let after = try progress(database)
        #expect(!after.stdout.contains("extra-set."), "the ratings were of the old dose: \(after.stdout)")
        #expect(after.stdout.contains("limber progress undo \(Self.calf)"))
        let again = try progress(database, ["accept", Self.extraSet])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Already accepted"))
        #expect(try calfHolds(database) == [30, 30, 30, 30], "accepting twice steps up once")

        let undone = try progress(database, ["undo", Self.calf])
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(undone.stdout.contains("Hold 30 s"))
        #expect(try calfHolds(database) == [30, 30])
        let nothingLeft = try progress(database, ["undo", Self.calf])
        #expect(nothingLeft.status == 2)
        #expect(nothingLeft.stderr.contains("no dose of your own"))
    }

    @Test("--json lists the suggestions; advice only and unknown ids cannot be accepted and change nothing")
    func jsonAndRefusals() throws {
        let database = try diaryWithThreeEasySessions()
        let run = try progress(database, ["--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let suggestions = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(suggestions.compactMap { $0["id"] as? String } == [Self.extraSet, "hand-weights.mid-trap-raise"])
        #expect(suggestions.last?["proposed"] == nil)

        let advice = try progress(database, ["accept", "hand-weights.mid-trap-raise"])
        #expect(advice.status == 2)
        #expect(advice.stderr.contains("advice only"))
        let unknown = try progress(database, ["accept", "longer-hold.calf-stretch-wall.90"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        #expect(try calfHolds(database) == [30, 30])
    }

    @Test("After a session, limber start prints the suggestions for what was just done, with the accept command")
    func suggestionsAfterStart() throws {
        let database = try diaryWithThreeEasySessions(routine: "tiny", exercises: ["tiny-calf"])
        let catalog = ["--catalog", TestDatabase.tinyCatalog]
        let run = try CLI.run(["start", "tiny", "--none-apply"] + catalog, environment: database.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("You may hold it for 12 seconds instead of 2"), "\(run.stdout)")
        #expect(run.stdout.contains("limber progress accept longer-hold.tiny-calf.12"))
        let accepted = try progress(database, ["accept", "longer-hold.tiny-calf.12"] + catalog)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let timeline = try CLI.run(["timeline", "tiny", "--json"] + catalog, environment: database.environment)
        #expect(timeline.stdout.contains("\"duration\" : 12"), "\(timeline.stdout)")
    }

    @Test("timeline and show without a database use the catalog's doses and create no file")
    func readOnlyWithoutDatabase() throws {
        let database = TestDatabase()
        #expect(try calfHolds(database) == [30, 30])
        let shown = try CLI.run(["show", Self.calf], environment: database.environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(!shown.stdout.contains("(your dose)"))
        #expect(!FileManager.default.fileExists(atPath: database.folder.path))
    }
}
