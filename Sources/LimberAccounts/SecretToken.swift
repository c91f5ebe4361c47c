import Crypto
import Foundation

/// Secrets handed to a client once (session cookies, personal access tokens, invite links), of
/// which the database keeps only the SHA-256, so a copy of the database signs nobody in.
public enum SecretToken {
    /// A new token, 32 random bytes from the system's secure generator in base64url without
    /// padding after `prefix` (such as "lmbs_" for sessions, "lmbt_" for access tokens, "lmbi_"
    /// for invites, so a leaked token says what it is), and the hash to store.
    public static func make(prefix: String) -> (token: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = prefix + base64URL(bytes)
        return (token, hash(token))
    }

    /// The SHA-256 of the whole token, prefix included, in lowercase hex: what is stored and
    /// looked up.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
