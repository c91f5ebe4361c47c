import Foundation
import LimberAccounts
import Testing

/// Tokens are long random strings with a prefix that says what they are; only their SHA-256 is
/// stored.
@Suite("Secret tokens are random, prefixed and stored as a hash")
struct SecretTokenTests {
    @Test("A thousand tokens are all different, and so are their hashes")
    func tokensAreDistinct() {
        let made = (0..<1000).map { _ in SecretToken.make(prefix: "lmbs_") }
        #expect(Set(made.map(\.token)).count == 1000)
        #expect(Set(made.map(\.hash)).count == 1000)
    }

    @Test("A token is its prefix and 43 base64url characters without padding")
    func tokenShape() {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for prefix in ["lmbs_", "lmbt_", "lmbi_"] {
            for _ in 0..<50 {
                let token = SecretToken.make(prefix: prefix).token
                #expect(token.hasPrefix(prefix))
                let body = token.dropFirst(prefix.count)
                #expect(body.count == 43)
                #expect(body.allSatisfy(allowed.contains))
            }
        }
    }

    @Test("The stored hash is the SHA-256 of the whole token in 64 lowercase hex digits, the same every time")
    func hashIsStable() {
        let (token, hash) = SecretToken.make(prefix: "lmbt_")
        #expect(SecretToken.hash(token) == hash)
        #expect(hash.count == 64)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(SecretToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
