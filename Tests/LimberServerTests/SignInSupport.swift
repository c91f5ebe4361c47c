import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LimberAccounts
import LimberCore
import LimberStore
import Testing

/// Accounts made straight in the store, and a client signed in the way a browser signs in.
enum SignInSupport {
    static let password = "correct horse battery staple"

    @discardableResult
    static func addAccount(
        _ name: String, admin: Bool = false, password: String = password, to store: any Store
    ) async throws -> Account {
        let hash = try await PasswordHasher(cost: 4).hash(password)
        guard
            case .created(let account, _) = try await store.createAccount(
                NewAccount(name: name, passwordHash: hash, isAdmin: admin, createdAt: Date()))
        else { throw SignInFailure("the name \(name) is taken") }
        return account
    }

    /// The session cookie's value from a response's `Set-Cookie`, if it sets one.
    static func sessionCookie(_ response: TestResponse, name: String = "limber_session") -> String? {
        for value in response.headers[values: .setCookie] where value.hasPrefix(name + "=") {
            let cookie = value.dropFirst(name.count + 1).prefix { $0 != ";" }
            return cookie.isEmpty ? nil : String(cookie)
        }
        return nil
    }

    /// The hidden form token of a page, as a browser would send it back.
    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        let token = html[range.upperBound...].prefix { $0 != "\"" }
        return token.isEmpty ? nil : String(token)
    }
}

struct SignInFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension APIClient {
    /// Signs in through the login form and returns a client that sends the session cookie and,
    /// in every form, the token the signed-in pages carry.
    func signedIn(
        as name: String, password: String = SignInSupport.password, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIClient {
        let response = try await postForm("/login", "username=\(name)&password=\(Self.encoded(password))")
        #expect(response.status == .seeOther, "signing in as \(name): \(response.text)", sourceLocation: sourceLocation)
        guard let cookie = SignInSupport.sessionCookie(response) else { throw SignInFailure("no session cookie") }
        var signed = APIClient(client: client, headers: [.cookie: "limber_session=\(cookie)"])
        let account = try await signed.get("/account")
        signed.formToken = SignInSupport.formToken(in: account.text)
        #expect(signed.formToken != nil, "the account page carries a form token", sourceLocation: sourceLocation)
        return signed
    }

    /// A client that sends a personal access token and nothing else.
    func bearer(_ token: String) -> APIClient {
        APIClient(client: client, headers: [.authorization: "Bearer \(token)"])
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
