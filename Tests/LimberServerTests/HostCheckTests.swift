import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LimberCore
import LimberServer
import LimberStore
import Testing

/// The DNS rebinding defence, over a real socket: a browser tricked into sending Limber's pages
/// to another site still names that site in `Host`, and gets nothing back.
@Suite("Only the host names Limber serves get an answer")
struct HostCheckTests {
    static let publicURL = try! PublicURL(parsing: "https://limber.home.arpa")

    /// Starts the whole application on a free loopback port and sends each request with the
    /// `Host` header given, as a browser would after DNS rebinding.
    func withLiveServer(
        publicURL: PublicURL? = nil,
        _ test:
            @escaping @Sendable (_ get: @Sendable (String, String) async throws -> TestClient.Response) async throws
            -> Void
    ) async throws {
        let store = try SQLiteStore.inMemory()
        try await store.setCalendarFeedToken("feedtoken", profile: .local)
        let app = try await buildApplication(
            ServerConfiguration(
                port: 0, catalog: try CatalogLoader.load(), store: store, publicURL: publicURL))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await TestClient.withClient(host: "127.0.0.1", port: port) { raw in
                try await test { host, uri in
                    try await raw.execute(TestClient.Request(uri, method: .get, authority: host))
                }
            }
        }
    }

    @Test(
        "A request for another host name gets 421 and none of Limber's pages, files, feed or data",
        arguments: ["/", "/diary", "/api/v1/episodes", "/static/style.css", "/calendar/feedtoken.ics", "/nothing-here"])
    func foreignHostIsRefused(_ uri: String) async throws {
        try await withLiveServer { get in
            for host in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example"] {
                let response = try await get(host, uri)
                #expect(response.status == .misdirectedRequest, "\(host) \(uri)")
                let body = response.body.map { String(buffer: $0) } ?? ""
                #expect(body == "This server does not answer for that host name.\n", "\(host) \(uri)")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] != nil, "the refusal has the security headers too")
            }
        }
    }

    @Test("The loopback names, with or without a port, get the page")
    func loopbackNamesAreServed() async throws {
        try await withLiveServer { get in
            for host in ["localhost", "127.0.0.1", "[::1]", "LOCALHOST", "localhost."] {
                let response = try await get(host, "/")
                #expect(response.status == .ok, "\(host)")
                #expect(response.body.map { String(buffer: $0) }?.contains("<html") == true, "\(host)")
            }
            let feed = try await get("localhost", "/calendar/feedtoken.ics")
            #expect(feed.status == .ok, "the feed is answered too")
        }
    }

    @Test("The public URL's host gets the page and the feed; a look-alike does not")
    func publicHostIsServed() async throws {
        try await withLiveServer(publicURL: Self.publicURL) { get in
            let cases: [(String, String, HTTPResponse.Status)] = [
                ("limber.home.arpa", "/", .ok), ("limber.home.arpa:443", "/reminders", .ok),
                ("Limber.Home.Arpa", "/calendar/feedtoken.ics", .ok),
                ("limber.home.arpa:8443", "/", .misdirectedRequest),
                ("limber.home.arpa.evil.example", "/", .misdirectedRequest),
            ]
            for (host, uri, expected) in cases {
                let response = try await get(host, uri)
                #expect(response.status == expected, "\(host) \(uri)")
            }
        }
    }

    @Test("The served names are the loopback ones and --host, at the port served, and the public URL's")
    func servedHostsFromConfiguration() throws {
        let store = try SQLiteStore.inMemory()
        let catalog = try CatalogLoader.load()
        let hosts = ServedHosts(
            ServerConfiguration(
                host: "192.168.1.20", port: 8080, catalog: catalog, store: store,
                publicURL: try PublicURL(parsing: "http://192.168.1.20:8080")))
        for allowed in ["localhost:8080", "127.0.0.1", "[::1]:8080", "192.168.1.20", "192.168.1.20:8080"] {
            #expect(hosts.allows(authority: allowed), "\(allowed)")
        }
        for refused in [
            nil, "", "localhost:9090", "192.168.1.21:8080", "evil.example", "[::1", "localhost:80x", ":8080",
        ] {
            #expect(!hosts.allows(authority: refused), "\(refused ?? "no Host")")
        }
    }
}
