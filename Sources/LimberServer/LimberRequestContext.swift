import Hummingbird
import LimberCore
import LimberStore

/// The request context for every route: Hummingbird's basics, whose records the request acts on,
/// and a small body limit, since no Limber request carries more than a diary entry or a routine.
public struct LimberRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `SignInMiddleware`; nil for static files, which come before it, and the open paths (signing in, invitations). (The calendar
    /// feed goes by the person its secret names, not this one.)
    var identifiedPerson: ProfileID?
    /// The signed-in account, by session or token; nil with no accounts.
    var account: Account?
    /// Who has given the right password but not yet the code, on the page that asks for it.
    var awaitingSecondFactor: Account?
    /// The secret of the browser's session, when signed in by cookie: signing out ends it.
    var sessionToken: String?
    /// Where the request came from, for throttling sign-ins; nil in tests without a socket.
    let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// 64 KiB: far above any real request, far below anything that could tire the server.
    public var maxUploadSize: Int { 64 * 1024 }

    /// Whose records this request reads and changes. A route reached without anyone identified
    /// is refused rather than given someone's records.
    var person: ProfileID {
        get throws {
            guard let identifiedPerson else { throw Problem(.unauthorized, "Nobody is signed in.") }
            return identifiedPerson
        }
    }
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
