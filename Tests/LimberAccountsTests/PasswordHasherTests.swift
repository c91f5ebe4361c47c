import Foundation
import Testing

@testable import LimberAccounts

/// Passwords are stored as bcrypt hashes at cost 12 and checked in full, however long they are.
/// Most tests use cost 4, bcrypt's least, where the cost is not what they check.
@Suite("Password hasher stores bcrypt hashes and checks whole passwords")
struct PasswordHasherTests {
    let fast = PasswordHasher(cost: 4)

    @Test("The right password verifies against its hash and a wrong one does not")
    func rightAndWrong() async throws {
        let hash = try await fast.hash("correct horse battery staple")
        #expect(try await fast.verify("correct horse battery staple", against: hash))
        #expect(try await !fast.verify("correct horse battery stapler", against: hash))
        #expect(try await !fast.verify("", against: hash))
    }

    @Test("The default hash is bcrypt 2b at cost 12 and still verifies")
    func defaultCost() async throws {
        let hasher = PasswordHasher()
        #expect(hasher.cost == 12)
        let hash = try await hasher.hash("a phrase of ordinary words")
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(hash.count == 60)
        #expect(try await hasher.verify("a phrase of ordinary words", against: hash))
    }

    @Test("Two hashes of one password differ, since each has its own salt")
    func hashesAreSalted() async throws {
        let first = try await fast.hash("the same password twice")
        let second = try await fast.hash("the same password twice")
        #expect(first != second)
        #expect(try await fast.verify("the same password twice", against: second))
    }

    @Test("Two 100-character passwords that differ only in the last character do not verify against each other")
    func longPasswordsAreReadInFull() async throws {
        let stem = String(repeating: "walking in the hills ", count: 5).prefix(99)
        let first = stem + "a"
        let second = stem + "b"
        #expect(first.utf8.count == 100)
        let hash = try await fast.hash(String(first))
        #expect(try await fast.verify(String(first), against: hash))
        #expect(try await !fast.verify(String(second), against: hash))
    }

    @Test("A password with a NUL byte is read past the NUL")
    func nulIsNotTheEnd() async throws {
        let hash = try await fast.hash("before the nul\u{0}after the nul")
        #expect(try await fast.verify("before the nul\u{0}after the nul", against: hash))
        #expect(try await !fast.verify("before the nul\u{0}something else", against: hash))
        #expect(try await !fast.verify("before the nul", against: hash))
    }

    @Test("A typed password that looks like a digest does not verify against the long password it was made from")
    func digestTextIsNotThePassword() async throws {
        let long = String(repeating: "a very long passphrase ", count: 5)
        let digestText = PasswordHasher.bcryptInput(long)
        #expect(digestText.hasPrefix("sha256:"))
        #expect(digestText.utf8.count == 51)
        let hash = try await fast.hash(long)
        #expect(try await !fast.verify(digestText, against: hash))
    }

    @Test("An accented letter typed as one code point or as letter and accent is the same password")
    func unicodeFormsAreOnePassword() async throws {
        let hash = try await fast.hash("caf\u{E9} on the corner")
        #expect(try await fast.verify("cafe\u{301} on the corner", against: hash))
    }

    @Test("A malformed hash verifies nothing")
    func malformedHash() async throws {
        #expect(try await !fast.verify("anything at all", against: "not a bcrypt hash"))
        #expect(try await !fast.verify("", against: ""))
    }

    @Test(
        "The stand-in hash for an unknown name is a well-formed bcrypt hash at the hasher's cost, which nothing matches"
    )
    func unknownNameUsesAWellFormedHash() async throws {
        // bcrypt does its full work only for a well-formed hash; a malformed one is refused at
        // once, which would let the time of the answer tell unknown names from wrong passwords.
        // (How long the two take is measured by the sign-in benchmark, not asserted here.)
        for cost: UInt8 in [4, 10, 12] {
            let dummy = PasswordHasher(cost: cost).dummyHash
            let costText = cost < 10 ? "0\(cost)" : "\(cost)"
            #expect(dummy.hasPrefix("$2b$\(costText)$"))
            #expect(
                dummy.range(of: #"^\$2b\$\d\d\$[./A-Za-z0-9]{53}$"#, options: .regularExpression) != nil, "\(dummy)")
        }
        let hasher = PasswordHasher(cost: 4)
        #expect(try await hasher.verify("", against: hasher.dummyHash) == false)
        #expect(try await hasher.verify("a real password here", against: hasher.dummyHash) == false)
    }
}
