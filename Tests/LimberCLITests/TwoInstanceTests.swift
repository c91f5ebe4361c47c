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
        let signIn = try HTTP.send(
            port: first.port, "POST", "/login", form: "username=ana&password=correct+horse+battery+staple")
        #expect(signIn.status == 303)
        let cookie = try #require(signIn.cookie("limber_session"), "\(signIn.head)")
        let me = ["Cookie": "limber_session=\(cookie)"]
        #expect(try HTTP.send(port: second.port, "GET", "/api/v1/episodes", headers: me).status == 200)
        #expect(try HTTP.send(port: second.port, "GET", "/api/v1/episodes").status == 401)

        // Three too-easy sessions through the first server make a suggestion there.
        for day in 20...22 {
            let session = """
                {"id": "\(UUID().uuidString)", "routineId": "relief-calf", "routineName": "Calf", \
                "startedAt": "2026-11-\(day)T21:00:00Z", "endedAt": "2026-11-\(day)T21:05:00Z", "isComplete": true, \
                "stepsCompleted": 4, "stepsTotal": 4, \
                "ratings": [{"exerciseId": "calf-stretch-wall", "difficulty": "too-easy"}]}
                """
            #expect(
                try HTTP.send(port: first.port, "POST", "/api/v1/sessions", json: session, headers: me).status == 201)
        }
        let progress = try HTTP.send(port: first.port, "GET", "/api/v1/progress", headers: me)
        let suggestions = try JSONSerialization.jsonObject(with: Data(progress.body.utf8)) as? [[String: Any]]
        let suggestion = try #require(
            suggestions?.first { $0["exerciseId"] as? String == "calf-stretch-wall" }?["id"] as? String,
            "\(progress.body)")

        // The second server has read the doses before (the catalog's 30 s), so what follows is
        // its cache learning of a change another process made, not a first read.
        let timeline = "/api/v1/routines/relief-calf/timeline"
        let before = try Self.calfHolds(HTTP.send(port: second.port, "GET", timeline, headers: me).body)
        #expect(before.allSatisfy { $0 == 30 } && !before.isEmpty, "\(before)")
        let accepted = try HTTP.send(
            port: first.port, "POST", "/api/v1/progress/\(suggestion)/accept", json: "{}", headers: me)
        #expect([200, 201].contains(accepted.status), "\(accepted.body)")

        let start = ContinuousClock.now
        var after = before
        while after == before && ContinuousClock.now - start < .seconds(5) {
            usleep(50_000)
            after = try Self.calfHolds(HTTP.send(port: second.port, "GET", timeline, headers: me).body)
        }
        #expect(after != before, "the second server still plays the holds \(before)")
        #expect(after.count > before.count, "an extra set plays the hold more often: \(before) then \(after)")

        // Signing out through the second ends the session on the first too.
        #expect(
            try HTTP.send(
                port: second.port, "POST", "/logout", form: "csrf=\(Self.formToken(second, me))",
                headers: me
            ).status == 303)
        #expect(try HTTP.send(port: first.port, "GET", "/api/v1/episodes", headers: me).status == 401)
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
        let page = try HTTP.send(port: server.port, "GET", "/account", headers: headers).body
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

/// Plain HTTP/1.1 over a loopback socket with headers and the answer's head, for requests a
/// browser sends with a cookie.
enum HTTP {
    struct Answer {
        var status: Int
        var head: String
        var body: String

        func cookie(_ name: String) -> String? {
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("set-cookie: \(name)=") {
                let value = line.dropFirst("set-cookie: \(name)=".count).prefix { $0 != ";" }
                return value.isEmpty ? nil : String(value)
            }
            return nil
        }
    }

    static func send(
        port: Int, _ method: String, _ path: String, json: String? = nil, form: String? = nil,
        headers: [String: String] = [:]
    ) throws -> Answer {
        guard let descriptor = RunningServer.connected(to: port) else { throw CocoaError(.fileReadUnknown) }
        defer { close(descriptor) }
        let body = Array((json ?? form ?? "").utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if json != nil { head += "Content-Type: application/json\r\n" }
        if form != nil { head += "Content-Type: application/x-www-form-urlencoded\r\n" }
        if json != nil || form != nil { head += "Content-Length: \(body.count)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, RunningServer.noSignal) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer.prefix(count)
        }
        let text = String(decoding: received, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return Answer(status: status, head: parts[0], body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
