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
