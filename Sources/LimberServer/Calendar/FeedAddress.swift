import HTTPTypes
import Hummingbird

/// Where the calendar feed can be reached from: the public URL when there is one, else the
/// address the request came to (which `HostCheckMiddleware` has already checked is one of ours).
struct FeedAddress: Sendable {
    let publicURL: PublicURL?
    let listensOnLoopbackOnly: Bool
    /// Listening on every address (0.0.0.0 or ::), whose name no phone ever sends as its Host.
    let listensOnEveryAddress: Bool
    let port: Int

    init(_ configuration: ServerConfiguration) {
        publicURL = configuration.publicURL
        listensOnLoopbackOnly = configuration.listensOnLoopbackOnly
        listensOnEveryAddress = ["0.0.0.0", "::", "[::]"].contains(configuration.host)
        port = configuration.port
    }

    /// The command that makes the feed reachable from a phone on the same network, with an
    /// example address for the person to replace with their computer's own.
    var reachableCommand: String {
        let portOption = port == 8080 ? "" : " --port \(port)"
        return "limber serve --host 0.0.0.0\(portOption) --public-url http://192.168.1.20:\(port)"
    }

    /// Whether a phone has no way to reach the feed without a public URL: the server listens only
    /// on loopback, which on a phone names the phone itself, or on every address, where the host
    /// check refuses the phone's name for this computer because it was never told it.
    var isUnreachableFromOtherDevices: Bool {
        publicURL == nil && (listensOnLoopbackOnly || listensOnEveryAddress)
    }

    /// The base of every absolute address in a response to `request`.
    func base(for request: Request) -> PublicURL? {
        if let publicURL { return publicURL }
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return try? PublicURL(parsing: "\(scheme)://\(request.head.authority ?? "localhost")")
    }
}
