import Foundation
import Testing

/// `limber` on PostgreSQL: `--database postgres://…` (or `LIMBER_DATABASE`) puts the CLI and the
/// server on one database server. Needs `LIMBER_TEST_POSTGRES`, which `.ci/run` sets.
@Suite(
    "limber on PostgreSQL", .serialized, .timeLimit(.minutes(2)),
    .enabled(
        if: ProcessInfo.processInfo.environment["LIMBER_TEST_POSTGRES"] != nil,
        "set LIMBER_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run against PostgreSQL"))
struct PostgresCommandTests {
    var environment: [String: String] {
        ["LIMBER_DATABASE": ProcessInfo.processInfo.environment["LIMBER_TEST_POSTGRES"] ?? ""]
    }

    @Test("A cramp logged in the terminal and one posted to the server are both in the one database")
    func terminalAndServerShareTheDatabase() throws {
        // Other tests share the database, so each cramp carries a note no other test writes.
        let mark = UUID().uuidString
        let logged = try CLI.run(
            ["log", "--region", "calf", "--severity", "4", "--duration", "2m", "--notes", "cli \(mark)"],
            environment: environment)
        #expect(logged.status == 0, "\(logged.stderr)")
        let server = try RunningServer(environment: environment)
        #expect(server.printed.contains("Database: postgres://"), "\(server.printed)")
        let posted = try server.request(
            "POST", "/api/v1/episodes",
            json:
                #"{"occurredAt": "2026-11-30T10:00:00Z", "durationSeconds": 60, "regions": ["calf"], "severity": 3, "notes": "web \#(mark)"}"#
        )
        #expect(posted.status == 201, "\(posted.body)")
        #expect(try server.request("GET", "/diary").body.contains("cli \(mark)"), "the server reads what the CLI wrote")
        server.stop()
        let history = try CLI.run(["history"], environment: environment)
        #expect(history.stdout.contains("cli \(mark)") && history.stdout.contains("web \(mark)"), "\(history.stdout)")
    }

    @Test("An address nothing answers at is one line naming it, without its password, and exits 1")
    func unreachable() throws {
        let run = try CLI.run(["history"], environment: ["LIMBER_DATABASE": "postgres://limber:secret@127.0.0.1:1/x"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("limber: database: "), "\(run.stderr)")
        #expect(!run.stderr.contains("secret"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
