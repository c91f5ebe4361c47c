import Foundation
import Hummingbird

/// A response body built once and answered many times: the bytes, their content type and an
/// entity tag, so a client that already has them gets a bodiless 304 instead.
///
/// Building a body (encoding the catalog or a timeline with `JSONEncoder`, rendering a page) costs
/// far more than sending it; the bodies cached this way change only when the catalog or a
/// person's doses do.
struct CachedBody: Sendable {
    let body: ByteBuffer
    let contentType: String
    /// A strong validator: the same bytes always give the same tag, across restarts too.
    let etag: String

    init(_ body: ByteBuffer, contentType: String) {
        self.body = body
        self.contentType = contentType
        etag = "\"\(Self.fingerprint(body))\""
    }

    /// A value encoded in the API's one JSON dialect.
    init(json value: some Encodable) throws {
        self.init(ByteBuffer(bytes: try APIJSON.encoder.encode(value)), contentType: APIJSON.contentType)
    }

    /// `no-cache` lets a client keep the body but makes it ask again each time, so a changed dose
    /// is never missed; asking again costs a 304 with no body.
    static let cacheControl = "no-cache"

    func response(to request: Request) -> Response {
        var headers: HTTPFields = [.eTag: etag, .cacheControl: Self.cacheControl]
        if let tags = request.headers[.ifNoneMatch], Self.matches(etag, anyOf: tags) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// `If-None-Match` is `*` or a comma-separated list of tags, each possibly weak (`W/"..."`);
    /// RFC 9110 13.1.2 compares them weakly, so `W/` is ignored.
    static func matches(_ etag: String, anyOf header: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// FNV-1a over the bytes, as 16 hex digits. Not a security measure: a tag only has to change
    /// when the bytes do, and be the same on every run (Swift's `Hasher` is seeded per process).
    static func fingerprint(_ buffer: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        buffer.withUnsafeReadableBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
