import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Static files under /static, gzip-compressed for clients that accept it")
struct StaticFilesTests {
    struct Asset: Sendable, CustomTestStringConvertible {
        var name: String
        var contentType: String
        var testDescription: String { name }

        var uri: String { "/static/\(name)" }

        /// The file as it is in the source tree, which the bundle copies unchanged.
        var bytesOnDisk: ByteBuffer {
            get throws {
                let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../Sources/LimberServer/Resources/public")
                return ByteBuffer(bytes: try Data(contentsOf: folder.appendingPathComponent(name)))
            }
        }
    }

    static let assets = [
        Asset(name: "style.css", contentType: "text/css"),
        Asset(name: "player.js", contentType: "text/javascript"),
        Asset(name: "icon.svg", contentType: "image/svg+xml"),
    ]

    static let gzip: HTTPFields = [.acceptEncoding: "gzip"]

    /// What a browser's Accept-Encoding asks for, and whether that admits gzip.
    struct AcceptEncoding: Sendable, CustomTestStringConvertible {
        var value: String?
        var admitsGzip: Bool
        var testDescription: String { value.map { "Accept-Encoding: \($0)" } ?? "no Accept-Encoding" }
    }

    static let acceptEncodings = [
        AcceptEncoding(value: nil, admitsGzip: false),
        AcceptEncoding(value: "", admitsGzip: false),
        AcceptEncoding(value: "identity", admitsGzip: false),
        AcceptEncoding(value: "br, deflate", admitsGzip: false),
        AcceptEncoding(value: "gzip;q=0", admitsGzip: false),
        AcceptEncoding(value: "gzip; q=0.000, *", admitsGzip: false),
        AcceptEncoding(value: "*;q=0", admitsGzip: false),
        AcceptEncoding(value: "gzip;q=nonsense", admitsGzip: false),
        AcceptEncoding(value: "gzip", admitsGzip: true),
        AcceptEncoding(value: "gzip, deflate, br, zstd", admitsGzip: true),
        AcceptEncoding(value: "deflate, GZIP;q=0.5", admitsGzip: true),
        AcceptEncoding(value: "x-gzip", admitsGzip: true),
        AcceptEncoding(value: "*", admitsGzip: true),
        AcceptEncoding(value: "br;q=1.0, *;q=0.1", admitsGzip: true),
    ]

    @Test("A client that accepts gzip gets the file gzip-compressed, smaller, and whole", arguments: assets)
    func gzipped(_ asset: Asset) async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get(asset.uri, headers: Self.gzip)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == asset.contentType)
            #expect(response.headers[.contentEncoding] == "gzip")
            #expect(response.headers[values: .vary].contains("Accept-Encoding"))
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            #expect(response.headers[.cacheControl] == "public, max-age=3600")
            Self.expectSecurityHeaders(response)

            let onDisk = try asset.bytesOnDisk
            #expect(response.body.readableBytes < onDisk.readableBytes)
            var body = response.body
            #expect(try body.decompress(with: .gzip()) == onDisk)

            let plain = try await client.get(asset.uri)
            #expect(plain.body == onDisk)
            #expect(plain.headers[.contentEncoding] == nil)
        }
    }

    @Test("Only an Accept-Encoding that admits gzip gets gzip", arguments: acceptEncodings)
    func acceptEncoding(_ accept: AcceptEncoding) async throws {
        try await TestApp.run { client, _ in
            var headers = HTTPFields()
            if let value = accept.value { headers[.acceptEncoding] = value }
            let response = try await client.get("/static/style.css", headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers[values: .vary].contains("Accept-Encoding"))
            let onDisk = try Self.assets[0].bytesOnDisk
            if accept.admitsGzip {
                #expect(response.headers[.contentEncoding] == "gzip")
                var body = response.body
                #expect(try body.decompress(with: .gzip()) == onDisk)
            } else {
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.body == onDisk)
                #expect(response.headers[.contentLength] == String(onDisk.readableBytes))
            }
        }
    }

    @Test("A client holding the current copy gets 304 and no body; each variant has its own ETag")
    func notModified() async throws {
        try await TestApp.run { client, _ in
            let gzipped = try await client.get("/static/player.js", headers: Self.gzip)
            let plain = try await client.get("/static/player.js")
            let gzipTag = try #require(gzipped.headers[.eTag])
            let plainTag = try #require(plain.headers[.eTag])
            #expect(gzipTag != plainTag)
            #expect(!gzipTag.hasPrefix("W/") && !plainTag.hasPrefix("W/"), "strong ETags")

            for (tag, accept) in [(gzipTag, "gzip"), (plainTag, "identity"), ("W/" + gzipTag, "gzip"), ("*", "gzip")] {
                let again = try await client.get(
                    "/static/player.js", headers: [.acceptEncoding: accept, .ifNoneMatch: "\"stale\", \(tag)"])
                #expect(again.status == .notModified, "If-None-Match: \(tag)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == (accept == "gzip" ? gzipTag : plainTag))
                #expect(again.headers[values: .vary].contains("Accept-Encoding"))
                #expect(again.headers[.cacheControl] == "public, max-age=3600")
                Self.expectSecurityHeaders(again)
            }

            // The other variant's tag, or an old one, is not the copy this client would get.
            for (tag, accept) in [(plainTag, "gzip"), (gzipTag, "identity"), ("\"0000000000000000\"", "gzip")] {
                let changed = try await client.get(
                    "/static/player.js", headers: [.acceptEncoding: accept, .ifNoneMatch: tag])
                #expect(changed.status == .ok, "If-None-Match: \(tag) with Accept-Encoding: \(accept)")
                #expect(changed.body.readableBytes > 0)
            }
        }
    }

    @Test("HEAD gives the same headers as GET and no body")
    func head() async throws {
        try await TestApp.run { client, _ in
            for headers in [Self.gzip, [:]] {
                let get = try await client.get("/static/style.css", headers: headers)
                let head = try await client.client.execute(uri: "/static/style.css", method: .head, headers: headers)
                #expect(head.status == .ok)
                #expect(head.body.readableBytes == 0)
                let names: [HTTPField.Name] = [
                    .contentType, .contentEncoding, .contentLength, .eTag, .vary, .cacheControl,
                ]
                for name in names {
                    #expect(head.headers[name] == get.headers[name], "\(name)")
                }
                #expect(head.headers[.contentLength] == String(get.body.readableBytes))
                Self.expectSecurityHeaders(head)
            }
        }
    }

    @Test(
        "A name that is not a bundled file is 404 with the error page",
        arguments: [
            "/static/nope.css", "/static/", "/static/STYLE.CSS", "/static/../Package.swift",
            "/static/%2e%2e/templates/layout.mustache", "/static/.hidden",
        ])
    func unknown(_ uri: String) async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get(uri, headers: Self.gzip)
            #expect(response.status == .notFound)
            #expect(response.mediaType == "text/html")
            // The error page, compressed as any page is for a client that accepts gzip: never a
            // static file's own gzip variant.
            #expect(response.headers[.eTag] == nil)
            var body = response.body
            let page = response.headers[.contentEncoding] == "gzip" ? try body.decompress(with: .gzip()) : body
            #expect(String(buffer: page).contains("<html"))
            Self.expectSecurityHeaders(response)
        }
    }

    @Test("A percent-encoded name finds its file")
    func percentEncoded() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/static/style%2Ecss")
            #expect(response.status == .ok)
            #expect(response.body == (try Self.assets[0].bytesOnDisk))
        }
    }

    static func expectSecurityHeaders(
        _ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true,
            sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", sourceLocation: sourceLocation)
    }
}
