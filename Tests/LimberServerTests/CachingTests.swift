import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import LimberCore
import Testing

/// The catalog, timelines and the home page are built once and sent many times; these tests check
/// that what a person sees never lags behind what they changed, and that a client which already
/// has a body is not sent it again.
@Suite("Cached responses")
struct CachingTests {
    func calfHolds(_ client: APIClient) async throws -> [Int] {
        try await client.json("/api/v1/timeline?routine=seed-full")["steps"]?.array.filter {
            $0["kind"]?.string == "hold" && $0["exerciseId"]?.string == "calf-stretch-wall"
        }.compactMap { $0["duration"]?.int } ?? []
    }

    @Test(
        "A tag from an earlier answer gets a bodiless 304, a stale tag the full body",
        arguments: [
            ("/api/v1/exercises", "/api/v1/exercises"), ("/api/v1/exercises?region=calf", "/api/v1/exercises"),
            ("/api/v1/exercises/calf-stretch-wall", "/api/v1/exercises/{id}"), ("/api/v1/regions", "/api/v1/regions"),
            ("/api/v1/timeline?routine=seed-full", "/api/v1/timeline"),
            ("/api/v1/routines/seed-full/timeline", "/api/v1/routines/{id}/timeline"),
            ("/api/v1/timeline?region=calf&side=left", "/api/v1/timeline"), ("/", nil),
            ("/api/v1/safety", "/api/v1/safety"), ("/api/v1/safety?region=calf", "/api/v1/safety"),
            ("/api/v1/openapi.json", nil), ("/regions/calf", nil), ("/exercises/calf-stretch-wall", nil),
            ("/safety", nil),
        ])
    func conditionalGet(uri: String, documentedPath: String?) async throws {
        try await TestApp.run { client, _ in
            let first = try await client.get(uri)
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""), "a strong tag: \(etag)")

            let again = try await client.get(uri, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            if let documentedPath {
                try await client.expectDocumented(first, "get", documentedPath)
                try await client.expectDocumented(again, "get", documentedPath)
            }
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            #expect(again.headers[.contentSecurityPolicy] != nil, "security headers on a 304 too")

            let listed = try await client.get(uri, headers: [.ifNoneMatch: "\"0000000000000000\", W/\(etag)"])
            #expect(listed.status == .notModified, "a weak copy of the tag in a list still matches")

            let stale = try await client.get(uri, headers: [.ifNoneMatch: "\"0000000000000000\""])
            #expect(stale.status == .ok)
            #expect(stale.body == first.body)
        }
    }

    @Test("The same request gives the same bytes and tag; a changed dose gives a new tag")
    func tagsFollowTheBytes() async throws {
        let clock = ManualClock()
        try await TestApp.run(dosesRecheckedAfter: .milliseconds(100), clock: clock.serverClock) { client, store in
            let uri = "/api/v1/timeline?routine=seed-full"
            let first = try await client.get(uri)
            let second = try await client.get(uri)
            #expect(second.body == first.body)
            #expect(second.headers[.eTag] == first.headers[.eTag])

            try await store.savePersonalDose(
                PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 45)), profile: .local)
            // The server was not told (as when the terminal coach writes the same file); it reads
            // the doses again once they are older than the recheck interval, and not before.
            #expect(try await client.get(uri).headers[.eTag] == first.headers[.eTag], "not yet rechecked")
            clock.advance(by: .milliseconds(101))
            let changed = try await client.get(uri, headers: [.ifNoneMatch: first.headers[.eTag] ?? ""])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != first.headers[.eTag])
            #expect(try await calfHolds(client) == [45, 45])
        }
    }
}

@Suite("Cached responses, compressed")
struct CompressedCachedResponseTests {
    @Test(
        "A client that accepts gzip gets the timeline, catalog and home page compressed, and whole",
        arguments: ["/api/v1/timeline?routine=seed-full", "/api/v1/exercises", "/"])
    func gzipWhenAccepted(uri: String) async throws {
        try await TestApp.run { client, _ in
            let plain = try await client.get(uri)
            let zipped = try await client.get(uri, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding")
            #expect(zipped.headers[.eTag] != plain.headers[.eTag], "each variant has its own tag")
            #expect(zipped.body.readableBytes * 3 < plain.body.readableBytes, "text compresses well")
            var compressed = zipped.body
            #expect(try compressed.decompress(with: .gzip()) == plain.body)
        }
    }
}

/// Pages rendered once and kept (home, region, exercise, safety) are kept per person: each shows
/// its own person's name and never another's, and none carries a form token, which belongs to
/// one sign-in.
@Suite("Kept pages and who they belong to")
struct KeptPageTests {
    @Test("Kept pages show the signed-in person's own name and no form token, for two people on one server")
    func keptPagesPerPerson() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            try await SignInSupport.addAccount("ben", to: store)
            let ana = try await client.signedIn(as: "ana")
            let ben = try await client.signedIn(as: "ben")
            for path in ["/", "/regions/calf", "/exercises/calf-stretch-wall", "/safety"] {
                for _ in 0..<2 {  // built, then sent from memory
                    let anaPage = try await ana.get(path)
                    let benPage = try await ben.get(path)
                    #expect(anaPage.status == .ok && benPage.status == .ok, "\(path)")
                    #expect(anaPage.text.contains("aria-label=\"Your account: ana\""), "\(path)")
                    #expect(!anaPage.text.contains("Your account: ben"), "\(path)")
                    #expect(benPage.text.contains("aria-label=\"Your account: ben\""), "\(path)")
                    #expect(!anaPage.text.contains("name=\"csrf\"") && !benPage.text.contains("name=\"csrf\""))
                }
            }
        }
    }

    @Test("Kept region and exercise pages show a dose saved by another process once it is rechecked")
    func keptPagesFollowDoses() async throws {
        let clock = ManualClock()
        try await TestApp.run(dosesRecheckedAfter: .milliseconds(100), clock: clock.serverClock) { client, store in
            let exercise = "/exercises/calf-stretch-wall"
            #expect(!(try await client.get(exercise).text.contains("(your dose)")))
            let region = try await client.get("/regions/calf").text
            try await store.savePersonalDose(
                PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 45)), profile: .local)
            clock.advance(by: .milliseconds(101))
            let changed = try await client.get(exercise).text
            #expect(changed.contains("(your dose)"))
            #expect(changed.contains("45 s") || changed.contains("45 seconds"), "\(changed)")
            #expect(try await client.get("/regions/calf").text != region, "the region page times the new dose")
        }
    }
}
