import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("A killed limber log never leaves a half-written record or a broken database")
struct KillDuringWriteTests {
    @Test("SIGKILL at random moments during 40 logs leaves only whole episodes")
    func sigkillLoop() throws {
        let database = TestDatabase()
        let first = try CLI.run(
            ["log", "--region", "calf", "--severity", "1", "--duration", "10s"], environment: database.environment)
        #expect(first.status == 0, "\(first.stderr)")
        var acknowledged = 1
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let process = Process()
            process.executableURL = try CLI.executable
            process.arguments = [
                "log", "--region", "calf", "--severity", "\(round % 11)", "--duration", "\(round + 1)s", "--notes",
                String(repeating: "n", count: 1000),
            ]
            var env = ProcessInfo.processInfo.environment
            env["LIMBER_DATABASE"] = database.path
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Somewhere between start-up and a finished write.
            usleep(UInt32.random(in: 0..<60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { acknowledged += 1 }
        }
        let episodes = try database.history().episodes
        #expect(episodes.count >= acknowledged, "every acknowledged write survived")
        for episode in episodes {
            #expect(episode["regions"] as? [String] == ["calf"])
            let severity = try #require(episode["severity"] as? Int)
            #expect((0...10).contains(severity))
            #expect(episode["durationSeconds"] as? Int != nil)
            if let notes = episode["notes"] as? String { #expect(notes.count == 1000, "no half-written note") }
        }
        // SQLite's own check reads every page of the file.
        var configuration = Configuration()
        configuration.readonly = true
        let integrity = try DatabaseQueue(path: database.path, configuration: configuration).read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check")
        }
        #expect(integrity == ["ok"])
        let check = try CLI.run(
            ["log", "--region", "foot", "--severity", "2", "--duration", "5s"], environment: database.environment)
        #expect(check.status == 0, "the database still takes writes: \(check.stderr)")
    }
}
