import Foundation
import LimberCore
import Testing

/// A new password is refused only for its length or for being a common one, and a refusal never
/// repeats the password.
@Suite("Password rules refuse short, overlong and common passwords")
struct PasswordRulesTests {
    func refusal(_ password: String) -> FieldError? {
        do {
            try PasswordRules.check(password)
            return nil
        } catch {
            return error
        }
    }

    @Test("Eleven characters are refused and twelve accepted")
    func shortestLength() {
        #expect(refusal("plum-kettle") != nil)
        #expect(refusal("plum-kettles") == nil)
    }

    @Test("128 characters are accepted and 129 refused rather than cut to 128")
    func longestLength() {
        let longest = String(repeating: "river stone ", count: 10) + "river st"
        #expect(longest.count == 128)
        #expect(refusal(longest) == nil)
        let error = refusal(longest + "o")
        #expect(error?.accepted.contains("at most 128") == true)
    }

    @Test("No composition rule: lowercase letters and spaces alone are a good password")
    func noCompositionRules() {
        #expect(refusal("correct horse battery staple") == nil)
    }

    @Test(
        "A password from the common list is refused in any case",
        arguments: ["password1234", "Password1234", "QWERTY123456", "1Qaz2Wsx3Edc"])
    func commonPasswordsAreRefused(password: String) {
        let error = refusal(password)
        #expect(error?.accepted.contains("most common passwords") == true)
    }

    @Test(
        "A refusal shows (hidden) and never the password, and says what to do",
        arguments: ["plum-kettle", String(repeating: "lantern-", count: 17), "Password1234"])
    func refusalHidesThePassword(password: String) throws {
        let error = try #require(refusal(password))
        #expect(error.value == "(hidden)")
        #expect(error.field == "password")
        #expect(!error.description.contains(password))
        #expect(!error.description.lowercased().contains(password.lowercased()))
        #expect(error.description.hasPrefix("password: \"(hidden)\" is not accepted; "))
    }

    @Test("A refusal names the field the front end asked with")
    func refusalNamesTheField() {
        #expect(throws: FieldError.self) { try PasswordRules.check("short", field: "newPassword") }
        do {
            try PasswordRules.check("short", field: "newPassword")
        } catch {
            #expect(error.field == "newPassword")
        }
    }

    @Test("Length counts what a person sees: twelve accented letters typed as letter and accent are twelve")
    func lengthCountsCharacters() {
        let decomposed = String(repeating: "e\u{301}", count: 12)
        #expect(decomposed.unicodeScalars.count == 24)
        #expect(refusal(decomposed) == nil)
        #expect(refusal(String(repeating: "e\u{301}", count: 11)) != nil)
        let family = "👨‍👩‍👧"
        #expect(refusal(String(repeating: family, count: 11)) != nil)
        #expect(refusal(String(repeating: family, count: 128)) == nil)
        #expect(refusal(String(repeating: family, count: 129)) != nil)
    }
}
