import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `limber serve` running as a real process on a loopback port, and plain HTTP/1.1 requests to
/// it over a socket: what a phone's browser sends, with nothing in between.
final class RunningServer {
    let process = Process()
    let port: Int
    /// What the server printed up to "Press Ctrl-C to stop.".
    private(set) var printed = ""

    /// Starts the server and returns once it says it is running (and so is listening).
    init(arguments: [String] = [], environment: [String: String]) throws {
        port = try Self.freePort()
        process.executableURL = try CLI.executable
        process.arguments = ["serve", "--port", "\(port)"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        while !printed.contains("Press Ctrl-C to stop.") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: printed]) }
            printed += String(decoding: data, as: UTF8.self)
        }
    }

    /// Stops the server as Ctrl-C would, and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// One request; the answer's status code, its head (status line and headers) and body. `form`
    /// is sent as a browser sends a form; `headers` are added as given, such as a cookie.
    func request(
        _ method: String, _ path: String, json: String? = nil, form: String? = nil, host: String? = nil,
        headers: [String: String] = [:]
    ) throws -> (status: Int, body: String, head: String) {
        guard let descriptor = Self.connected(to: port) else { throw CocoaError(.fileReadUnknown) }
        defer { close(descriptor) }
        let body = Array((json ?? form ?? "").utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        if json != nil { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        if form != nil {
            head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Self.noSignal) }
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
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"), parts[0])
    }

    /// The status `path` answers once it answers `expected`, asking every 100 ms for up to
    /// `within`; else the last status. For a change made elsewhere (the CLI, another server)
    /// that this server learns of within a stated bound (1 s for sessions and tokens).
    func status(
        becoming expected: Int, _ method: String, _ path: String, headers: [String: String] = [:],
        within: Duration = .seconds(3)
    ) throws -> Int {
        let start = ContinuousClock.now
        while true {
            let status = try request(method, path, headers: headers).status
            if status == expected || ContinuousClock.now - start > within { return status }
            usleep(100_000)
        }
    }

    /// Signs in through the web form; the session cookie it sets (`limber_session=...`, ready for
    /// a `Cookie` header), if any.
    func signIn(as name: String, password: String) throws -> String? {
        let form = "username=\(name)&password=\(password.replacingOccurrences(of: " ", with: "+"))"
        let answer = try request("POST", "/login", form: form)
        return answer.head.firstMatch(of: #/(?im)^set-cookie: (limber_session=[^;\r\n]+)/#).map { String($0.output.1) }
    }

    /// A socket connected to the loopback port, or nil when nothing answers there. Writing to it
    /// after the server died fails instead of stopping the test with SIGPIPE (`noSignal`).
    static func connected(to port: Int) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        #if canImport(Darwin)
            var one: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// The flag that makes `send` fail rather than raise SIGPIPE on a closed connection.
    #if canImport(Glibc)
        static let noSignal = Int32(MSG_NOSIGNAL)
    #else
        static let noSignal: Int32 = 0  // Darwin has SO_NOSIGPIPE on the socket instead
    #endif

    /// A loopback port nothing listens on: one the system chose for a stand-in, free again once
    /// the stand-in closes.
    static func freePort() throws -> Int {
        try ServeCommandTests.OccupiedPort().port
    }
}
