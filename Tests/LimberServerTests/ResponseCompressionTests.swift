import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import LimberServer

/// Pages and JSON built for one request go out gzip-compressed to a client that accepts it, and
/// exactly as before to one that does not.
@Suite("Compressed pages and answers")
struct ResponseCompressionTests {
    static let gzip: HTTPFields = [.acceptEncoding: "gzip, deflate, br"]

    @Test(
        "A page built per request is gzip for a browser and the same bytes, plain, for a client that asks for none",
        arguments: ["/play?routine=seed-full", "/exercises/calf-stretch-wall", "/api/v1/episodes", "/diary"])
    func pagesAreCompressed(uri: String) async throws {
        try await TestApp.run { client, _ in
            let plain = try await client.get(uri)
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentEncoding] == nil)
            let compressed = try await client.get(uri, headers: Self.gzip)
            if plain.body.readableBytes >= ResponseCompressionMiddleware.smallestCompressed {
                #expect(compressed.headers[.contentEncoding] == "gzip", "\(uri)")
                #expect(compressed.body.readableBytes < plain.body.readableBytes / 2, "\(uri)")
                var body = compressed.body
                #expect(try body.decompress(with: .gzip()) == plain.body)
                #expect(compressed.headers[.contentLength] == String(compressed.body.readableBytes))
            } else {
                #expect(compressed.headers[.contentEncoding] == nil, "a small body stays plain")
            }
            #expect(compressed.headers[.vary] == "Accept-Encoding")
            #expect(plain.headers[.vary] == "Accept-Encoding", "a cache must not give the plain body to a browser")
        }
    }

    @Test("gzip;q=0 is respected, and a HEAD answer is never compressed")
    func refusalsAndHead() async throws {
        try await TestApp.run { client, _ in
            let refused = try await client.get("/play?routine=seed-full", headers: [.acceptEncoding: "gzip;q=0, br"])
            #expect(refused.headers[.contentEncoding] == nil)
            let head = try await client.client.execute(
                uri: "/play?routine=seed-full", method: .head, headers: Self.gzip)
            #expect(head.headers[.contentEncoding] == nil)
        }
    }

    @Test("Bodies compressed once already keep their own encoding and tag")
    func cachedBodiesUnchanged() async throws {
        try await TestApp.run { client, _ in
            let catalog = try await client.get("/api/v1/exercises", headers: Self.gzip)
            #expect(catalog.headers[.contentEncoding] == "gzip")
            #expect(
                catalog.headers[.eTag]?.hasSuffix("-gzip\"") == true, "the cached gzip variant, not compressed twice")
            var body = catalog.body
            let plain = try body.decompress(with: .gzip())
            #expect(plain.readableBytes > 0 && plain.getString(at: 0, length: 1) == "[")
        }
    }
}
