import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Nothing the user logs is ever lost": a 201 from `limber serve` means the episode is in the file,
/// even when the server dies the moment after it answered. Checked on the real binary, over real
/// HTTP, with the file read back by a fresh `limber history` afterwards.
@Suite("A server killed right after it answered keeps every episode it acknowledged", .timeLimit(.minutes(2)))
struct KilledServerKeepsAcknowledgedWritesTests {
    /// Enough acknowledged writes that several batches of the group commit have been answered.
    static let acknowledgementsBeforeKill = 60
    static let clients = 6

    @Test("Episodes posted by several clients at once and answered 201 are all in the file after SIGKILL")
    func acknowledgedEpisodesSurviveSIGKILL() throws {
        let database = TestDatabase()
        let running = try RunningServer(environment: database.environment)
        let server = running.process
        let port = running.port
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }

        // Each client posts until the server is gone. The client whose answer makes the count
        // kills the server at once, before anything else can run, while the others' requests are
        // still in flight, so some writes are cut off mid-batch.
        let acknowledged = AcknowledgedIDs()
        let pid = server.processIdentifier
        DispatchQueue.concurrentPerform(iterations: Self.clients) { _ in
            while true {
                let id = UUID().uuidString.lowercased()
                guard let status = Self.postEpisode(id: id, port: port) else { return }
                guard status == 201 else { return }
                if acknowledged.append(id) == Self.acknowledgementsBeforeKill { kill(pid, SIGKILL) }
            }
        }
        // The clients stop only once the server is gone, or when it answered anything but 201
        // before the count was reached; the count below then fails, and the server must not outlive
        // the test.
        kill(pid, SIGKILL)
        server.waitUntilExit()

        let stored = Set(try database.history().episodes.compactMap { ($0["id"] as? String)?.lowercased() })
        let answered = acknowledged.ids
        #expect(answered.count >= Self.acknowledgementsBeforeKill, "the server answered 201 this many times")
        let lost = answered.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "\(lost.count) of \(answered.count) acknowledged episodes were lost")
    }

    /// Posts one episode and returns the response's status code; nil when the server is gone.
    static func postEpisode(id: String, port: Int) -> Int? {
        let body = """
            {"id": "\(id)", "occurredAt": "2026-11-20T23:10:00Z", "durationSeconds": 90, "regions": ["calf"],
             "severity": 6, "triggers": ["night"], "wokeFromSleep": true, "notes": "\(String(repeating: "n", count: 500))"}
            """
        let request =
            "POST /api/v1/episodes HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        guard let descriptor = RunningServer.connected(to: port) else { return nil }
        defer { close(descriptor) }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, RunningServer.noSignal)
            }
            guard count > 0 else { return nil }
            sent += count
        }
        // Only the status line matters: the server writes it after the episode is committed.
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !head.contains(UInt8(ascii: "\n")) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            head += buffer.prefix(count)
        }
        let line = String(decoding: head, as: UTF8.self)
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}

/// The ids the server answered 201 for, appended from every client thread.
///
/// `@unchecked Sendable`: every access takes the lock. (`Mutex` would say so by itself, but needs
/// macOS 15, and the package supports macOS 14.)
private final class AcknowledgedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var ids: [String] { lock.withLock { stored } }

    /// Adds the id and returns how many there are now, so that exactly one caller sees each count.
    func append(_ id: String) -> Int {
        lock.withLock {
            stored.append(id)
            return stored.count
        }
    }
}
