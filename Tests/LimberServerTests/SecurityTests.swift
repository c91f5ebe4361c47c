import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Security headers and cross-site requests")
struct SecurityTests {
    struct Page: Sendable, CustomTestStringConvertible {
        var uri: String
        var status: HTTPResponse.Status
        var testDescription: String { "\(status.code) \(uri)" }
    }

    static let responses = [
        Page(uri: "/", status: .ok),
        Page(uri: "/api/v1/regions", status: .ok),
        Page(uri: "/api/v1/exercises/elbow-wiggle", status: .notFound),
        Page(uri: "/static/style.css", status: .ok),
        Page(uri: "/static/player.js", status: .ok),
        Page(uri: "/no-such-page", status: .notFound),
    ]

    @Test("Every kind of response carries the security headers", arguments: responses)
    func securityHeaders(_ page: Page) async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get(page.uri)
            #expect(response.status == page.status)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(directives.contains("script-src 'self'"))
            #expect(directives.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(!policy.contains("unsafe-eval"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!]?.isEmpty == false)
        }
    }

    @Test("A change sent from another site's page is refused and stores nothing")
    func foreignOrigin() async throws {
        try await TestApp.run { client, store in
            let response = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(), headers: [.origin: "http://evil.example"])
            #expect(response.status == .forbidden)
            #expect(response.mediaType == "application/problem+json")
            try await client.expectDocumented(response, "post", "/api/v1/episodes")
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)

            let form = try await client.client.execute(
                uri: "/diary", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://evil.example"],
                body: .init(string: "region=calf&severity=5&duration=90s"))
            #expect(form.status == .forbidden)
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
        }
    }

    @Test("A change the browser marks as cross-site is refused and stores nothing")
    func crossSiteFetch() async throws {
        try await TestApp.run { client, store in
            let response = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(), headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(response.status == .forbidden)
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)

            let delete = try await client.delete(
                "/api/v1/routines/my-anything", headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-site"])
            #expect(delete.status == .forbidden)
        }
    }

    @Test("A change from Limber's own page is accepted")
    func sameOrigin() async throws {
        try await TestApp.run { client, store in
            let response = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(),
                headers: [.origin: APIClient.sameOrigin, HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(response.status == .created)
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).count == 1)
        }
    }

    @Test("Reading is allowed from anywhere; only changes are checked")
    func crossSiteRead() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get(
                "/api/v1/regions",
                headers: [.origin: "http://evil.example", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(response.status == .ok)
        }
    }
}
