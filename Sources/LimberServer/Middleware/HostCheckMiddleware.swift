import Foundation
import HTTPTypes
import Hummingbird

/// Answers only requests addressed to a name this server serves, as a defence against DNS
/// rebinding: a web page on evil.example can point its own name at 127.0.0.1 and have the
/// browser read Limber's diary as if it were evil.example's, but the browser still sends
/// `Host: evil.example`, which is refused here before any route, static file or feed sees it.
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    let servedHosts: ServedHosts

    /// Small, plain and the same for every refused request, so it says nothing about what is here.
    static let refusal = "This server does not answer for that host name.\n"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard servedHosts.allows(authority: request.head.authority) else {
            return Response(
                status: .misdirectedRequest,
                headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: Self.refusal)))
        }
        return try await next(request, context)
    }
}

/// The `Host` values a request may carry: the loopback names, the `--host` address and the host
/// of the public URL, each alone or with the port it is reached on. Computed once from the
/// configuration.
public struct ServedHosts: Sendable, Equatable {
    enum Ports: Sendable, Equatable {
        case any
        case only(Set<Int>)
    }

    /// Host (lowercased, an IPv6 address in brackets) to the ports it may name.
    let ports: [String: Ports]

    public init(_ configuration: ServerConfiguration) {
        // With port 0 the system picks the port when the server binds, after this is computed;
        // a loopback name is safe with any port, since only this machine can be behind it.
        let bound: Ports = configuration.port == 0 ? .any : .only([configuration.port])
        var ports: [String: Ports] = [:]
        for name in ["127.0.0.1", "localhost", "[::1]", Self.urlHost(configuration.host)] { ports[name] = bound }
        if let url = configuration.publicURL {
            // The public address may go through a proxy on another port than the one Limber binds.
            switch ports[url.host] {
            case .any?: break
            case .only(let known)?: ports[url.host] = .only(known.union([url.effectivePort]))
            case nil: ports[url.host] = .only([url.effectivePort])
            }
        }
        self.ports = ports
    }

    /// Whether a request with this `Host` header (HTTP/2's `:authority`) is for this server; a
    /// request without one is not.
    public func allows(authority: String?) -> Bool {
        guard let authority, let (host, port) = Self.split(authority.lowercased()) else { return false }
        // A fully qualified name may end with a dot; it names the same host.
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        switch (ports[name], port) {
        case (nil, _): return false
        case (_?, nil), (.any?, _?): return true
        case (.only(let allowed)?, let port?): return allowed.contains(port)
        }
    }

    /// `host` and `port` from `host`, `host:port`, `[v6]` or `[v6]:port`; nil when it is neither.
    static func split(_ authority: String) -> (host: String, port: Int?)? {
        var host = Substring(authority)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if let colon = host.firstIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty else { return nil }
        guard let portText else { return (String(host), nil) }
        guard portText.count <= 5, portText.allSatisfy(\.isASCII), let port = Int(portText) else { return nil }
        return (String(host), port)
    }

    /// An address as it stands in a URL: lowercased, an IPv6 address in brackets.
    static func urlHost(_ host: String) -> String {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare.contains(":") ? "[\(bare)]" : bare
    }
}
