import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Two `limber serve` processes on one PostgreSQL database serve one household: a sign-in made
/// through one works on the other, and a dose accepted through one is played by the other within
/// the stated bound (each server rereads a person's doses at most every 250 ms). Needs
/// `LIMBER_TEST_POSTGRES`, which `.ci/run` sets; each run makes a database of its own, since
/// accounts change how every other command behaves.
@Suite(
    "Two servers, one PostgreSQL database", .serialized, .timeLimit(.minutes(2)),
    .enabled(
        if: ProcessInfo.processInfo.environment["LIMBER_TEST_POSTGRES"] != nil,
        "set LIMBER_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run against PostgreSQL"))
struct TwoInstanceTests {
    static let password = "correct horse battery staple"

    @Test("Sign in through one server, carry on through the other; a dose accepted on one plays on the other")
    func oneHouseholdTwoServers() throws {
        let database = try FreshPostgresDatabase()
        defer { database.drop() }
        let environment = ["LIMBER_DATABASE": database.url]
        let added = try Self.limber(["users", "add", "ana", "--admin"], stdin: Self.password + "\n", environment)
        #expect(added.status == 0, "\(added.stderr)")

        let first = try RunningServer(environment: environment)
        let second = try RunningServer(environment: environment)
        defer {
            first.stop()
            second.stop()
        }
        let cookie = try #require(try first.signIn(as: "ana", password: Self.password))
        let me = ["Cookie": cookie]
        #expect(try second.request("GET", "/api/v1/episodes", headers: me).status == 200)
        #expect(try second.request("GET", "/api/v1/episodes").status == 401)

        // Three too-easy sessions through the first server make a suggestion there.
        for day in 20...22 {
            let session = """
                {"id": "\(UUID().uuidString)", "routineId": "relief-calf", "routineName": "Calf", \
                "startedAt": "2026-11-\(day)T21:00:00Z", "endedAt": "2026-11-\(day)T21:05:00Z", "isComplete": true, \
                "stepsCompleted": 4, "stepsTotal": 4, \
                "ratings": [{"exerciseId": "calf-stretch-wall", "difficulty": "too-easy"}]}
                """
            #expect(
                try first.request("POST", "/api/v1/sessions", json: session, headers: me).status == 201)
        }
        let progress = try first.request("GET", "/api/v1/progress", headers: me)
        let suggestions = try JSONSerialization.jsonObject(with: Data(progress.body.utf8)) as? [[String: Any]]
        let suggestion = try #require(
            suggestions?.first { $0["exerciseId"] as? String == "calf-stretch-wall" }?["id"] as? String,
            "\(progress.body)")

        // The second server has read the doses before (the catalog's 30 s), so what follows is
        // its cache learning of a change another process made, not a first read.
        let timeline = "/api/v1/routines/relief-calf/timeline"
        let before = try Self.calfHolds(second.request("GET", timeline, headers: me).body)
        #expect(before.allSatisfy { $0 == 30 } && !before.isEmpty, "\(before)")
        let accepted = try first.request("POST", "/api/v1/progress/\(suggestion)/accept", json: "{}", headers: me)
        #expect([200, 201].contains(accepted.status), "\(accepted.body)")

        let start = ContinuousClock.now
        var after = before
        while after == before && ContinuousClock.now - start < .seconds(5) {
            usleep(50_000)
            after = try Self.calfHolds(second.request("GET", timeline, headers: me).body)
        }
        #expect(after != before, "the second server still plays the holds \(before)")
        #expect(after.count > before.count, "an extra set plays the hold more often: \(before) then \(after)")

        // Signing out through the second ends the session on the first too.
        #expect(
            try second.request(
                "POST", "/logout", form: "csrf=\(Self.formToken(second, me))",
                headers: me
            ).status == 303)
        // The first server rereads a session it read less than a second ago: within that bound.
        #expect(try first.status(becoming: 401, "GET", "/api/v1/episodes", headers: me) == 401)
    }

    /// Every hold of the calf stretch in a timeline, in seconds, as the player would time them.
    static func calfHolds(_ json: String) throws -> [Int] {
        let timeline = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let steps = timeline?["steps"] as? [[String: Any]] ?? []
        return steps.filter { $0["exerciseId"] as? String == "calf-stretch-wall" && $0["kind"] as? String == "hold" }
            .compactMap { $0["duration"] as? Int }
    }

    /// The form token a signed-in page carries, read from the account page.
    static func formToken(_ server: RunningServer, _ headers: [String: String]) throws -> String {
        let page = try server.request("GET", "/account", headers: headers).body
        guard let range = page.range(of: #"name="csrf" value=""#) else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func limber(
        _ arguments: [String], stdin: String, _ environment: [String: String]
    ) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try CLI.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return (
            process.terminationStatus,
            String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }
}

/// A database of its own on the test PostgreSQL server, made with psql and dropped afterwards.
struct FreshPostgresDatabase {
    let url: String
    private let admin: String
    private let name: String

    init() throws {
        admin = ProcessInfo.processInfo.environment["LIMBER_TEST_POSTGRES"] ?? ""
        name = "limber_two_" + UUID().uuidString.prefix(8).lowercased()
        guard var parts = URLComponents(string: admin) else { throw CocoaError(.fileReadInvalidFileName) }
        parts.path = "/" + name
        url = parts.string ?? ""
        try Self.psql(admin, "CREATE DATABASE \(name)")
    }

    func drop() {
        try? Self.psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func psql(_ url: String, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-q", "-c", command]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
