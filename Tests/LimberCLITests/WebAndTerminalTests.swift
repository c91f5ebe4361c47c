import Foundation
import Testing

/// The web app and the terminal coach on one database: what a person makes or chooses in one is
/// there in the other, because both read the same records through the same rules.
@Suite("The web and the terminal together", .serialized, .timeLimit(.minutes(2)))
struct WebAndTerminalTests {
    @Test("A routine made on the web is listed, timed and played by limber routines, timeline and start")
    func webRoutineInTheTerminal() throws {
        let database = TestDatabase()
        let catalog = ["--catalog", TestDatabase.tinyCatalog]
        let server = try RunningServer(arguments: catalog, environment: database.environment)
        let made = try server.request(
            "POST", "/api/v1/routines",
            json: #"{"name": "My evening calf", "items": [{"exerciseId": "tiny-calf"}]}"#)
        #expect(made.status == 201, "\(made.body)")
        let id = try #require(made.body.firstMatch(of: #/"id"\s*:\s*"(my-[0-9a-f]+)"/#)?.output.1).description
        server.stop()

        let routines = try CLI.run(["routines"] + catalog, environment: database.environment)
        #expect(routines.status == 0, "\(routines.stderr)")
        #expect(routines.stdout.contains("Your own:"))
        let own = try #require(routines.stdout.components(separatedBy: "Your own:").last)
        #expect(own.contains(id), "\(routines.stdout)")
        #expect(own.contains("My evening calf ("), "listed with its time: \(routines.stdout)")

        let timeline = try CLI.run(["timeline", id] + catalog, environment: database.environment)
        #expect(timeline.status == 0, "\(timeline.stderr)")
        #expect(timeline.stdout.contains("Left leg · hold 2 s"), "\(timeline.stdout)")

        let played = try CLI.run(["start", id, "--none-apply"] + catalog, environment: database.environment)
        #expect(played.status == 0, "\(played.stderr)")
        #expect(played.stdout.contains("Right leg · hold 2 s"), "\(played.stdout)")
        let session = try #require(try database.history().sessions.first)
        #expect(session["routineId"] as? String == id)
        #expect(session["routineName"] as? String == "My evening calf")
        #expect(session["isComplete"] as? Bool == true)
    }

    @Test("A routine of your own that the catalog can no longer time is listed as such, and the rest still are")
    func brokenOwnRoutineDoesNotHideTheList() throws {
        let database = TestDatabase()
        let server = try RunningServer(
            arguments: ["--catalog", TestDatabase.tinyCatalog], environment: database.environment)
        let made = try server.request(
            "POST", "/api/v1/routines", json: #"{"name": "Tiny only", "items": [{"exerciseId": "tiny-calf"}]}"#)
        #expect(made.status == 201, "\(made.body)")
        server.stop()
        // Without the tiny catalog, its exercise is unknown.
        let routines = try CLI.run(["routines"], environment: database.environment)
        #expect(routines.status == 0, "\(routines.stderr)")
        #expect(
            routines.stdout.contains("Tiny only (prevention, cannot be timed)")
                || routines.stdout.contains("Tiny only (cannot be timed)"), "\(routines.stdout)")
        #expect(routines.stdout.contains("seed-full"))
    }

    @Test("A --relieved-by that is too long is named by its flag")
    func relievedByNamedByItsFlag() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            [
                "log", "--region", "calf", "--severity", "3", "--duration", "2m", "--relieved-by",
                String(repeating: "r", count: 2001),
            ],
            environment: database.environment)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("limber: relieved-by: "), "\(run.stderr)")
    }

    @Test("An id that names no routine, built-in or own, is one line listing the ids there are")
    func unknownRoutine() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["start", "my-nothing", "--none-apply", "--catalog", TestDatabase.tinyCatalog],
            environment: database.environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("my-nothing"), "\(run.stderr)")
        #expect(run.stderr.contains("tiny"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }
}
