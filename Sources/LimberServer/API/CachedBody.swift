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
/// `response(to:headers:)` answers a GET or HEAD: the gzip bytes with `Content-Encoding: gzip`
/// when the request accepts gzip, the plain bytes otherwise, `Vary: Accept-Encoding` on both when
/// there is a gzip variant, and 304 Not Modified when If-None-Match names the chosen variant's tag.
struct CachedBody: Sendable {
    let contentType: String
    let plain: ByteBuffer
    /// nil when the content type is not worth compressing or gzip did not make it smaller.
    let gzip: ByteBuffer?
    /// Strong validators: the same bytes always give the same tag, across restarts too.
    let plainETag: String
    let gzipETag: String

    /// Compresses `body` now, when `contentType` is worth it (see `Gzip.isCompressible`).
    init(_ body: ByteBuffer, contentType: String) throws {
        self.contentType = contentType
        self.plain = body
        if body.readableBytes > 0, Gzip.isCompressible(contentType: contentType) {
            let compressed = try Gzip.compress(body)
            self.gzip = compressed.readableBytes < body.readableBytes ? compressed : nil
        } else {
            self.gzip = nil
        }
        let digest = Self.fingerprint(body)
        self.plainETag = "\"\(digest)\""
        self.gzipETag = "\"\(digest)-gzip\""
    }

    /// A value encoded in the API's one JSON dialect.
    init(json value: some Encodable) throws {
        try self.init(ByteBuffer(bytes: try APIJSON.encoder.encode(value)), contentType: APIJSON.contentType)
    }

    /// For bodies built from data: `no-cache` lets a client keep the body but makes it ask again
    /// each time, so a changed dose is never missed; asking again costs a 304 with no body.
    static let revalidateEachTime: HTTPFields = [.cacheControl: "no-cache"]

    /// The response to a GET or HEAD for this body; `headers` (Cache-Control, say) are added to
    /// the 200 and the 304 alike.
    func response(to request: Request, headers extra: HTTPFields = revalidateEachTime) -> Response {
        let compressed = gzip.flatMap { Gzip.isAccepted(by: request) ? $0 : nil }
        let body = compressed ?? plain
        let eTag = compressed == nil ? plainETag : gzipETag
        var headers = extra
        headers[.eTag] = eTag
        if gzip != nil { headers.append(HTTPField(name: .vary, value: "Accept-Encoding")) }
        // The length a 200 would have: RFC 9110 §8.6 allows it on a 304 and needs it on a HEAD.
        headers[.contentLength] = String(body.readableBytes)
        if Self.ifNoneMatch(request.headers[values: .ifNoneMatch], matches: eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        if compressed != nil { headers[.contentEncoding] = "gzip" }
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
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
