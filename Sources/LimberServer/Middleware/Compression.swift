import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// gzip for response bodies, and the reading of a request's Accept-Encoding.
enum Gzip {
    /// The whole of `body` as one gzip member (RFC 1952), at zlib's best level: meant for a body
    /// compressed once and sent many times, so the extra milliseconds are spent once.
    static func compress(_ body: ByteBuffer) throws -> ByteBuffer {
        var input = body
        return try input.compress(with: .gzip(configuration: .init(compressionLevel: .bestCompression)))
    }

    /// The whole of `body` as one gzip member at zlib's default level: for a body built for one
    /// request, where the best level's extra time would be spent on every request.
    static func compressForOneRequest(_ body: ByteBuffer) throws -> ByteBuffer {
        var input = body
        return try input.compress(with: .gzip(configuration: .init(compressionLevel: .defaultCompressionLevel)))
    }

    /// Whether the client that sent `request` accepts a gzip-coded body.
    static func isAccepted(by request: Request) -> Bool {
        isAccepted(acceptEncoding: request.headers[values: .acceptEncoding])
    }

    /// Whether Accept-Encoding field values accept gzip (RFC 9110 §12.5.3): `gzip` (or its alias
    /// `x-gzip`) with a qvalue above 0, or, when gzip is not named, `*` above 0. `gzip;q=0` refuses
    /// gzip even next to `*`; no field at all, or an empty one, means the plain body only. A qvalue
    /// that cannot be read counts as 0, so a confusing header gets the plain body, which every
    /// client can read.
    static func isAccepted(acceptEncoding values: [String]) -> Bool {
        var gzipQuality: Double?
        var anyQuality: Double?
        for value in values {
            for item in value.split(separator: ",") {
                var parts = item.split(separator: ";").makeIterator()
                guard let coding = parts.next()?.trimmingSpaces.lowercased(), !coding.isEmpty else { continue }
                var quality = 1.0
                while let parameter = parts.next() {
                    let pair = parameter.split(separator: "=", maxSplits: 1)
                    guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "q" else { continue }
                    quality = qvalue(pair[1].trimmingSpaces) ?? 0
                }
                switch coding {
                case "gzip", "x-gzip": gzipQuality = max(gzipQuality ?? 0, quality)
                case "*": anyQuality = quality
                default: break
                }
            }
        }
        return (gzipQuality ?? anyQuality ?? 0) > 0
    }

    /// Whether a body of this Content-Type is worth compressing: text, JavaScript, JSON, XML and
    /// SVG. Images other than SVG, fonts and archives are compressed already.
    static func isCompressible(contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
        return mediaType.hasPrefix("text/") || mediaType.hasSuffix("+json") || mediaType.hasSuffix("+xml")
            || ["application/json", "application/javascript", "application/xml", "image/svg+xml"].contains(mediaType)
    }

    /// A qvalue as RFC 9110 §12.4.2 writes it ("0", "0.5", "1.000"), or nil for anything else.
    private static func qvalue(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0 == "." || ("0"..."9").contains($0) }),
            let value = Double(text.hasSuffix(".") ? text + "0" : text), (0...1).contains(value)
        else { return nil }
        return value
    }
}

extension Substring {
    /// Without the optional white space (spaces and tabs, RFC 9110 §5.6.3) around a list item;
    /// by hand because Foundation's character-set trimming costs more than the rest of the parse.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
