import Foundation
import LimberCore
import Testing

/// A sign-in name is stored trimmed and lowercased, and only plain letters, digits, dots,
/// underscores and hyphens are accepted.
@Suite("Account name rules normalize and check sign-in names")
struct AccountNameRulesTests {
    @Test(
        "A name is stored trimmed and lowercased",
        arguments: [(" Ana.Smith ", "ana.smith"), ("BOB_2", "bob_2"), ("7-up", "7-up"), ("a", "a")])
    func nameIsNormalized(name: String, stored: String) throws {
        #expect(try AccountNameRules.normalized(name) == stored)
    }

    @Test("32 characters are accepted and 33 refused")
    func longestName() throws {
        #expect(try AccountNameRules.normalized(String(repeating: "a", count: 32)).count == 32)
        #expect(throws: FieldError.self) { try AccountNameRules.normalized(String(repeating: "a", count: 33)) }
    }

    @Test(
        "A name with a space, a symbol, a letter outside a-z or a leading punctuation mark is refused",
        arguments: ["ana smith", "ana@home", "zoë", "ana\u{0430}", "-ana", "_ana", ".ana", "ana/b"])
    func nameIsRefused(name: String) throws {
        do {
            _ = try AccountNameRules.normalized(name)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.field == "name")
            #expect(error.value == name)
            #expect(error.description.contains("letters a-z, digits"))
        }
    }

    @Test("An empty or blank name is reported as missing under the field given")
    func blankNameIsMissing() throws {
        do {
            _ = try AccountNameRules.normalized("   ", field: "username")
            Issue.record("a blank name was accepted")
        } catch {
            #expect(error.description.hasPrefix("username: missing; use 1 to 32"))
        }
    }
}
