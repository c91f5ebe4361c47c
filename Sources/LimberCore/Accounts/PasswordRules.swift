import Foundation

/// What a new password must be before it is hashed and saved: long enough, not too long to hash
/// in full, and not one of the passwords people most often choose (OWASP ASVS 5.0, chapter 6).
/// There are no composition rules (no "one digit, one symbol"): length is what makes a password
/// hard to guess, and a phrase of ordinary words is welcome.
///
/// A refusal never repeats the password: its `value` is "(hidden)", so the error can be logged or
/// shown beside the form without leaking what was typed.
public enum PasswordRules {
    /// The fewest characters a password may have.
    public static let shortest = 12
    /// The most characters a password may have; longer ones are refused, never cut short.
    public static let longest = 128
    /// What an error shows in place of the password.
    public static let hiddenValue = "(hidden)"

    /// Throws when the password is too short, too long or one of the common passwords. Lengths
    /// count Characters, as a person counts what they typed, so "é" is one however it is encoded.
    /// The errors do not say how long the password was: a log of a refused one followed by an
    /// accepted one would otherwise hint at the accepted one's length.
    public static func check(_ password: String, field: String = "password") throws(FieldError) {
        let length = password.count
        guard length >= shortest else {
            throw FieldError(
                field: field, value: hiddenValue,
                accepted: "use at least \(shortest) characters; "
                    + "a long phrase of ordinary words is fine")
        }
        guard length <= longest else {
            throw FieldError(
                field: field, value: hiddenValue,
                accepted: "use at most \(longest) characters; a longer one is refused rather than cut short")
        }
        guard !CommonPasswords.contains(password) else {
            throw FieldError(
                field: field, value: hiddenValue,
                accepted: "choose one that is not among the most common passwords, which are guessed first; "
                    + "a phrase of a few unrelated words is fine")
        }
    }
}

/// The bundled list of common passwords, read the first time a password is checked so that
/// commands which never see a password do not pay for it.
enum CommonPasswords {
    /// The entries, lowercased as the file holds them; a `static let` is initialised once, lazily
    /// and thread-safely.
    static let entries: Set<String> = load()

    static func contains(_ password: String) -> Bool {
        entries.contains(password.lowercased())
    }

    private static func load() -> Set<String> {
        // The file ships inside the package: if it cannot be read the build is broken, and
        // accepting every password quietly would hide that.
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            preconditionFailure("common-passwords.txt is missing from LimberCore's resources")
        }
        var entries = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            entries.insert(line.lowercased())
        }
        return entries
    }
}
