import Foundation

/// The name a person signs in with, as it is stored: trimmed and lowercased, so `Ana` and ` ana `
/// are one account, and made only of characters that read the same everywhere (no look-alike
/// letters from other scripts, no spaces inside).
public enum AccountNameRules {
    /// The fewest and most characters a name may have.
    public static let lengths = 1...32

    /// The name as stored, or the first problem with it.
    public static func normalized(_ name: String, field: String = "name") throws(FieldError) -> String {
        let accepted =
            "use 1 to 32 letters a-z, digits, dots, underscores or hyphens, starting with a letter or digit"
        let stored = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !stored.isEmpty else {
            throw FieldError(field: field, value: "", accepted: accepted)
        }
        guard lengths.contains(stored.count), stored.unicodeScalars.allSatisfy(isAllowed),
            let first = stored.unicodeScalars.first, isLetterOrDigit(first)
        else {
            throw FieldError(field: field, value: name, accepted: accepted)
        }
        return stored
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        isLetterOrDigit(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }
}
