import Hummingbird

/// The request context for every route: Hummingbird's basics plus a small body limit, since no
/// Limber request carries more than a diary entry or a routine.
public struct LimberRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// 64 KiB: far above any real request, far below anything that could tire the server.
    public var maxUploadSize: Int { 64 * 1024 }
}

extension LimberRequestContext {
    /// The whole request body, refused with 413 beyond `maxUploadSize`; the JSON API and the HTML
    /// forms both read bodies through here, so the limit and its message are the same for both.
    func collectBody(of request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maxUploadSize)
        } catch {
            throw Problem(.contentTooLarge, "The request body is larger than \(maxUploadSize / 1024) KiB.")
        }
    }
}
