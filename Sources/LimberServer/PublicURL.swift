import Foundation
import LimberCore

/// The address a phone or another computer uses to reach Limber, such as https://limber.home.arpa
/// or http://192.168.1.20:8080, given by `--public-url`. Every absolute address the server writes
/// (the calendar feed and the links inside it) starts with it, because the address Limber listens
/// on, often 127.0.0.1, means the phone itself to a phone.
public struct PublicURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// The host as it stands in a URL: lowercased, an IPv6 address in brackets.
    public let host: String
    /// The port written in the address, or nil for the scheme's own (80 or 443).
    public let port: Int?

    static let examples = "such as https://limber.home.arpa or http://192.168.1.20:8080"

    /// Reads an address as a person types it; `field` names the option or variable it came from,
    /// so the one-line error says what to fix.
    public init(parsing text: String, field: String = "public-url") throws(FieldError) {
        func refuse(_ accepted: String) -> FieldError {
            FieldError(field: field, value: text, accepted: accepted)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw refuse("give the address a phone uses, \(Self.examples)") }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme)
        else {
            throw refuse("use an address that starts with http:// or https://, \(Self.examples)")
        }
        let bare = (components.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        guard !bare.isEmpty else { throw refuse("put a host name or IP address after \(scheme)://, \(Self.examples)") }
        guard components.user == nil, components.password == nil else {
            throw refuse("leave out the user name and password, \(Self.examples)")
        }
        guard components.query == nil, components.fragment == nil else {
            throw refuse("leave out the part from ? or #: give only the scheme, host and port, \(Self.examples)")
        }
        // Limber's pages link to /reminders, /static/... from the root, so an address with a path
        // (behind a proxy that strips it) would give a feed whose links lead nowhere.
        guard components.path.isEmpty || components.path == "/" else {
            throw refuse("leave out the path: Limber is served at the root of its address, \(Self.examples)")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw refuse("use a port from 1 to 65535, \(Self.examples)")
        }
        self.scheme = scheme
        self.host = bare.contains(":") ? "[\(bare)]" : bare
        port = components.port
    }

    /// The address without a trailing slash, such as `http://192.168.1.20:8080`.
    public var description: String {
        "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }

    /// An absolute address on this server; `path` starts with a slash.
    public func url(path: String) -> String {
        description + path
    }

    /// The same address for a calendar app to subscribe to (`webcal://`), which phones open in
    /// their calendar rather than their browser.
    public func subscribeURL(path: String) -> String {
        "webcal://\(host)" + (port.map { ":\($0)" } ?? "") + path
    }

    /// The port a browser connects to, written or not.
    var effectivePort: Int {
        port ?? (scheme == "https" ? 443 : 80)
    }
}
