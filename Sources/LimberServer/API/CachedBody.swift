import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A response body built once and sent many times (a static file, the encoded catalog, a
/// timeline, the home page), kept in memory both plain and gzip-compressed, each variant with its
/// own strong entity tag.
///
/// Building a body (encoding with `JSONEncoder`, rendering a page, compressing) costs far more
/// than sending it, and these bodies change only with a new build or a person's doses.
/// `response(to:)` answers a GET or HEAD: the gzip bytes with `Content-Encoding: gzip`
/// when the request accepts gzip, the plain bytes otherwise, `Vary: Accept-Encoding` on both when
/// there is a gzip variant, and 304 Not Modified when If-None-Match names the chosen variant's tag.
struct CachedBody: Sendable {
    /// One form of the body with the headers of its two answers, built once: setting a header
    /// field checks its value, and these answers are sent thousands of times a second.
    private struct Variant: Sendable {
        let body: ByteBuffer
        let eTag: String
        let ok: HTTPFields
        let notModified: HTTPFields

        init(body: ByteBuffer, eTag: String, contentType: String, isGzip: Bool, varies: Bool, cacheControl: String) {
            self.body = body
            self.eTag = eTag
            var shared: HTTPFields = [.cacheControl: cacheControl, .eTag: eTag]
            if varies { shared[.vary] = "Accept-Encoding" }
            // The length a 200 would have: RFC 9110 §8.6 allows it on a 304 and needs it on a HEAD.
            shared[.contentLength] = String(body.readableBytes)
            notModified = shared
            shared[.contentType] = contentType
            if isGzip { shared[.contentEncoding] = "gzip" }
            ok = shared
        }
    }

    private let plainVariant: Variant
    /// nil when the content type is not worth compressing or gzip did not make it smaller.
    private let gzipVariant: Variant?

    var plain: ByteBuffer { plainVariant.body }
    var gzip: ByteBuffer? { gzipVariant?.body }

    /// Compresses `body` now, when `contentType` is worth it (see `Gzip.isCompressible`).
    /// `cacheControl` goes on every answer; the default suits bodies built from data.
    init(_ body: ByteBuffer, contentType: String, cacheControl: String = revalidateEachTime) throws {
        var compressed: ByteBuffer?
        if body.readableBytes > 0, Gzip.isCompressible(contentType: contentType) {
            let candidate = try Gzip.compress(body)
            if candidate.readableBytes < body.readableBytes { compressed = candidate }
        }
        // Strong validators: the same bytes always give the same tag, across restarts too.
        let digest = Self.fingerprint(body)
        plainVariant = Variant(
            body: body, eTag: "\"\(digest)\"", contentType: contentType, isGzip: false, varies: compressed != nil,
            cacheControl: cacheControl)
        gzipVariant = compressed.map {
            Variant(
                body: $0, eTag: "\"\(digest)-gzip\"", contentType: contentType, isGzip: true, varies: true,
                cacheControl: cacheControl)
        }
    }

    /// A value encoded in the API's one JSON dialect.
    init(json value: some Encodable) throws {
        try self.init(ByteBuffer(bytes: try APIJSON.encoder.encode(value)), contentType: APIJSON.contentType)
    }

    /// For bodies built from data: `no-cache` lets a client keep the body but makes it ask again
    /// each time, so a changed dose is never missed; asking again costs a 304 with no body.
    static let revalidateEachTime = "no-cache"

    /// The response to a GET or HEAD for this body.
    func response(to request: Request) -> Response {
        let variant = gzipVariant.flatMap { Gzip.isAccepted(by: request) ? $0 : nil } ?? plainVariant
        let tags = request.headers[values: .ifNoneMatch]
        if !tags.isEmpty, Self.ifNoneMatch(tags, matches: variant.eTag) {
            return Response(status: .notModified, headers: variant.notModified)
        }
        if request.method == .head { return Response(status: .ok, headers: variant.ok) }
        return Response(status: .ok, headers: variant.ok, body: .init(byteBuffer: variant.body))
    }

    /// If-None-Match's weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag with the same
    /// opaque value, `W/` or not.
    static func ifNoneMatch(_ values: [String], matches eTag: String) -> Bool {
        values.flatMap { $0.split(separator: ",") }.contains { item in
            let tag = item.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == eTag || tag == "W/" + eTag
        }
    }

    /// FNV-1a over the bytes, as 16 hex digits. Not a security measure: a tag only has to change
    /// when the bytes do, and be the same on every run (Swift's `Hasher` is seeded per process).
    static func fingerprint(_ buffer: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in buffer.readableBytesView {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
