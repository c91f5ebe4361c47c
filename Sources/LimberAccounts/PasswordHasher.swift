import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt (HummingbirdBcrypt), off the caller's executor: bcrypt
/// at cost 12 takes about a quarter of a second, which must not stall the server's event loops,
/// so the work runs on NIO's shared thread pool.
///
/// bcrypt reads at most 72 bytes and stops at a NUL byte, so two long passwords that share their
/// first 72 bytes would match each other. `bcryptInput(_:)` hashes such passwords down first.
public struct PasswordHasher: Sendable {
    /// This project's default, 2^12 rounds: about a quarter of a second on one core, slow for
    /// someone guessing from a stolen database and bearable once per sign-in.
    public static let defaultCost: UInt8 = 12

    /// log2 of bcrypt's rounds; stored in each hash, so raising it later still verifies old hashes.
    public let cost: UInt8

    /// `cost` is for tests, which use 4 (bcrypt's least) where speed matters more than strength;
    /// everything else keeps the default.
    public init(cost: UInt8 = PasswordHasher.defaultCost) {
        precondition((4...31).contains(cost), "bcrypt's cost is 4 to 31")
        self.cost = cost
    }

    /// A bcrypt hash such as `$2b$12$...` (salt included) to store in place of the password.
    /// Throws only `CancellationError`, when the task is cancelled before the pool starts it (NIO's
    /// shared pool is never shut down).
    public func hash(_ password: String) async throws -> String {
        let input = Self.bcryptInput(password)
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    /// Whether `password` is the one `hash` was made from. A malformed hash verifies nothing.
    /// Throws only `CancellationError`, so a cancelled request is not taken for a wrong password.
    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let input = Self.bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// Spends as long as `verify` does, for a sign-in whose name matches no account, so that the
    /// time of the answer does not tell which names exist.
    public func verifyUnknown(_ password: String) async {
        _ = try? await verify(password, against: dummyHash)
    }

    /// A well-formed hash at this hasher's cost that no known password matches: bcrypt takes the cost
    /// and salt from it and does the full work before comparing. It is built from text rather
    /// than by hashing, so the first unknown name is no slower than the others.
    var dummyHash: String {
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2b$\(costText)$" + Self.dummySaltAndDigest
    }

    /// A salt (22 characters) and a digest (31) in bcrypt's alphabet, made up for this purpose:
    /// bcrypt only checks their form before doing the work.
    private static let dummySaltAndDigest = "Lm8F0bY3o4PNJnS0Jc7CZOx9Cq3Cpv5KpVqH9dQ6S2x0lAvuHhS6y"

    /// The prefix of a pre-hashed password.
    static let prehashPrefix = "sha256:"

    /// What bcrypt is given. A password bcrypt would read only in part (UTF-8 longer than 72
    /// bytes, or a NUL inside) becomes `sha256:` and the base64 of its SHA-256, 51 bytes that
    /// bcrypt reads in full. A password whose bytes themselves begin with `sha256:` is pre-hashed
    /// too: so every bcrypt input that begins with the prefix is a digest and every other is a
    /// password as typed, and typing another password's digest text (which anyone could work out
    /// from that password) never signs in as it.
    ///
    /// The text is first put in Unicode normal form C, so "é" typed as one code point or as "e"
    /// and an accent is the same password on every keyboard.
    static func bcryptInput(_ password: String) -> String {
        let normalized = password.precomposedStringWithCanonicalMapping
        let bytes = Array(normalized.utf8)
        guard bytes.count > 72 || bytes.contains(0) || bytes.starts(with: prehashPrefix.utf8) else {
            return normalized
        }
        return prehashPrefix + Data(SHA256.hash(data: bytes)).base64EncodedString()
    }
}
