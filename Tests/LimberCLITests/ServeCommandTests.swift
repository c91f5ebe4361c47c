import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `limber serve` as a person starts it: a real process on a real port.
@Suite("limber serve", .serialized, .timeLimit(.minutes(2)))
struct ServeCommandTests {
    /// A socket listening on a loopback port the system chose, standing for another server.
    final class OccupiedPort {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                        && getsockname(descriptor, socketAddress, &length) == 0
                }
            }
            guard descriptor >= 0, bound else {
                close(descriptor)
                throw CocoaError(.fileWriteUnknown)
            }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    /// Runs the CLI and kills it if it is still running after `seconds`, so a server that did not
    /// fail as it should fails the test instead of hanging the run.
    func run(_ arguments: [String], environment: [String: String], seconds: Double = 30) throws -> CLIRun {
        try CLI.run(arguments, environment: environment, killAfter: seconds)
    }

    @Test("A port already in use is one line naming the port and the fix, never \"running at\", and a non-zero exit")
    func portInUse() throws {
        let database = TestDatabase()
        let occupied = try OccupiedPort()
        let run = try run(["serve", "--port", "\(occupied.port)"], environment: database.environment)
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "limber: port: \(occupied.port) is already in use; stop the other server or choose another with --port\n"
        )
        #expect(!run.stdout.contains("running at"), "\(run.stdout)")
    }

    @Test("\"Limber is running at\" means it: the server answers at once, and only for the names it serves")
    func runningLineMeansListening() throws {
        let database = TestDatabase()
        let server = try RunningServer(
            arguments: ["--public-url", "https://limber.home.arpa"], environment: database.environment)
        let port = server.port
        #expect(
            server.printed.hasPrefix(
                "Limber is running at http://127.0.0.1:\(port)/\nOther devices use: https://limber.home.arpa/\n"))
        #expect(try server.request("GET", "/api/v1/regions").status == 200)
        #expect(try server.request("GET", "/", host: "limber.home.arpa").status == 200)
        #expect(try server.request("GET", "/api/v1/episodes", host: "evil.example").status == 421)
    }

    @Test(
        "A --public-url that is not an http or https address is one line naming it, and nothing starts",
        arguments: ["ftp://limber.home.arpa", "limber.home.arpa", "https://limber.home.arpa/?a=1", "http://"])
    func badPublicURL(_ url: String) throws {
        let database = TestDatabase()
        let run = try run(["serve", "--public-url", url], environment: database.environment)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("limber: public-url: \"\(url)\" is not accepted; "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: database.path), "bad input changes nothing")
    }

    @Test("A bad LIMBER_PUBLIC_URL is named as the variable, not as an option the person never typed")
    func badPublicURLVariable() throws {
        let database = TestDatabase()
        let run = try run(
            ["remind", "feed"],
            environment: database.environment.merging(["LIMBER_PUBLIC_URL": "limber.home.arpa"]) { $1 })
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("limber: LIMBER_PUBLIC_URL: \"limber.home.arpa\" is not accepted; "))
    }
}
