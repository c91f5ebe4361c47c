import HTTPTypes
import Hummingbird
import NIOCore

/// Compresses a page or JSON answer built for this request when the client accepts gzip: the
/// player's page with its figures, the diary and the API's lists go out as a fraction of their size.
///
/// Only bodies whose whole length is known up front are compressed (pages and JSON are built in
/// memory); a body streamed in parts, such as an export download, is sent as it is. Bodies that
/// already carry a Content-Encoding (`CachedBody`, the static files) were compressed once, at
/// their best level, and are left alone. HEAD answers, and bodies under 1 KB, are not worth it.
struct ResponseCompressionMiddleware: RouterMiddleware {
    typealias Context = LimberRequestContext

    /// Below this, gzip's header and the work cost more than they save (a project default).
    static let smallestCompressed = 1024

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard request.method != .head, response.status != .noContent, response.status != .notModified,
            response.headers[.contentEncoding] == nil,
            let contentType = response.headers[.contentType], Gzip.isCompressible(contentType: contentType),
            let length = response.body.contentLength
        else { return response }
        // Whether or not this answer is compressed, another client's may be.
        if response.headers[.vary] == nil { response.headers[.vary] = "Accept-Encoding" }
        guard length >= Self.smallestCompressed, Gzip.isAccepted(by: request) else { return response }
        let collector = BodyCollector()
        try await response.body.write(CollectingWriter(collector: collector))
        let plain = collector.buffer
        let compressed = try Gzip.compressForOneRequest(plain)
        guard compressed.readableBytes < plain.readableBytes else {
            response.body = .init(byteBuffer: plain)
            return response
        }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        response.body = .init(byteBuffer: compressed)
        return response
    }
}

/// Where `CollectingWriter` puts the body; a class because the writer is consumed as it finishes.
private final class BodyCollector: @unchecked Sendable {
    // Written by one writer, then read once it has finished, on the same task: never shared.
    var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
    let collector: BodyCollector

    mutating func write(_ buffer: ByteBuffer) async throws {
        var part = buffer
        collector.buffer.writeBuffer(&part)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
