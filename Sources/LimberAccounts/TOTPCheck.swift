import Foundation
import HummingbirdOTP

/// Checks a code from an authenticator app (TOTP, RFC 6238: six digits, 30-second steps, SHA-1,
/// what the common apps use), for a second factor after the password.
///
/// A code is accepted for the current step or one step either side, so a phone clock a little off
/// or a code typed as it changes still works. Each step's code is accepted once only: the caller
/// stores the step that matched and passes it back as `lastUsedStep`, and any step at or before it
/// is refused, so a code seen over someone's shoulder cannot be used again. Wrong codes count as
/// failed sign-ins for `SignInThrottle` like wrong passwords, since six digits are few to guess.
public struct TOTPCheck: Sendable {
    /// Seconds in one step.
    public static let stepSeconds = 30
    /// Digits in a code.
    public static let digits = 6

    private let totp: TOTP

    /// `secret` is the key shared with the app, as `makeSecret()` made it.
    public init(secret: String) {
        totp = TOTP(secret: secret, length: Self.digits, timeStep: Self.stepSeconds, hashFunction: .sha1)
    }

    /// A new shared key: 20 random bytes (160 bits, as RFC 4226 advises) as 40 hex digits. The
    /// app is given it through `authenticatorURL(label:issuer:)`, which encodes it in base32.
    public static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }

    /// The otpauth:// address an authenticator app reads, usually from a QR code.
    public func authenticatorURL(label: String, issuer: String) -> String {
        totp.createAuthenticatorURL(label: label, issuer: issuer)
    }

    /// The step of `now`: seconds since 1970 divided by 30.
    public static func step(at now: Date) -> Int64 {
        Int64((now.timeIntervalSince1970 / Double(stepSeconds)).rounded(.down))
    }

    /// The step whose code `code` is, among the current step and one either side and after
    /// `lastUsedStep`, or nil when there is none. `code` is six digits; spaces around it are
    /// ignored, anything else matches nothing.
    public func matchedStep(code: String, lastUsedStep: Int64?, now: Date) -> Int64? {
        let typed = code.trimmingCharacters(in: .whitespaces)
        guard typed.utf8.count == Self.digits, typed.utf8.allSatisfy({ (48...57).contains($0) }),
            let value = Int(typed)
        else { return nil }
        let current = Self.step(at: now)
        for step in [current - 1, current, current + 1] where step > (lastUsedStep ?? Int64.min) && step >= 0 {
            let date = Date(timeIntervalSince1970: TimeInterval(step) * TimeInterval(Self.stepSeconds))
            if totp.compute(date: date) == value { return step }
        }
        return nil
    }

    /// The six digits an app shows at `date`: what a person types, for tests that sign in.
    public func code(at date: Date) -> String {
        let value = totp.compute(date: date)
        let text = String(value)
        return String(repeating: "0", count: max(0, Self.digits - text.count)) + text
    }
}
