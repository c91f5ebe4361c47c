import Foundation
import Testing

/// `limber trace` is what the browser test holds the web player to, so it must be the real engine's word.
@Suite("limber trace, the Swift engine's trace for the browser test")
struct TraceCommandTests {
    /// The relief-neck timeline in a file, as the browser test hands it over.
    func timelineFile() throws -> URL {
        let run = try CLI.run(["timeline", "relief-neck", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("limber-trace-\(UUID()).json")
        try Data(run.stdout.utf8).write(to: file)
        return file
    }

    @Test("A skip, a quick back and a quit land where the session engine puts them, each printed with its moment")
    func tracesTheEngine() throws {
        let file = try timelineFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CLI.run(["trace", "--timeline", file.path, "--script", "start@0 skip@2 back@3 quit@10"])
        #expect(run.status == 0, "\(run.stderr)")
        let points = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(points.map { $0["action"] as? String } == ["start", "skip", "back", "quit"])
        #expect(points.map { $0["stepIndex"] as? Int } == [0, 1, 0, 0], "back 1 s into the hold returns to setup")
        #expect(points.map { $0["offset"] as? Double } == [0, 10, 0, 7])
        #expect(points.map { $0["status"] as? String } == ["running", "running", "running", "finished"])
        #expect(points[1]["skipped"] as? [Int] == [0])
        #expect(points[3]["skipped"] as? [Int] == [], "after going back, the setup is where the session stopped")
        #expect(!(try CLI.run(["--help"]).stdout.contains("trace")), "a tool for tests stays out of the help")
    }

    @Test("A script word that is not an action exits 2 naming the word and the actions")
    func badScript() throws {
        let file = try timelineFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CLI.run(["trace", "--timeline", file.path, "--script", "start@0 jump@3"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("jump@3") && run.stderr.contains("start, pause, resume, skip, back, quit, tick"))
    }
}
