import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the server could not start listening, in words a person can act on, instead of the
/// socket library's `bind(descriptor:ptr:bytes:)` text.
public enum ListenError: Error, Sendable, Equatable, CustomStringConvertible {
    case portInUse(Int)
    case addressNotHere(String)

    /// The reason behind `error` when it is a failure to bind to the configured address; nil for
    /// anything else, which the caller reports as it would any other error.
    public init?(_ error: any Error, configuration: ServerConfiguration) {
        guard let error = error as? IOError else { return nil }
        switch error.errnoCode {
        case EADDRINUSE: self = .portInUse(configuration.port)
        case EADDRNOTAVAIL: self = .addressNotHere(configuration.host)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .portInUse(let port):
            "port: \(port) is already in use; stop the other server or choose another with --port"
        case .addressNotHere(let host):
            "host: \"\(host)\" is not an address of this computer; use 127.0.0.1 or one this computer has"
        }
    }
}
