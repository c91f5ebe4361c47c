import Foundation
import LimberAccounts
import Testing

/// A code from an authenticator app is accepted for the current 30-second step or one either
/// side, and never twice.
@Suite("TOTP check accepts a fresh code once")
struct TOTPCheckTests {
    // RFC 6238's SHA-1 test key; its table gives 94287082 (eight digits) at 59 s, so six digits
    // are 287082, and 07081804 at 1111111109 s, so 081804.
    let check = TOTPCheck(secret: "12345678901234567890")

    @Test("The codes of RFC 6238's test vectors are accepted at their time")
    func rfcVectors() {
        #expect(check.matchedStep(code: "287082", lastUsedStep: nil, now: Date(timeIntervalSince1970: 59)) == 1)
        #expect(
            check.matchedStep(code: "081804", lastUsedStep: nil, now: Date(timeIntervalSince1970: 1_111_111_109))
                == 37_037_036)
    }

    @Test("A code is accepted one step early or late, and not two")
    func oneStepEitherSide() {
        let codeTime = Date(timeIntervalSince1970: 1_111_111_109)
        let step = TOTPCheck.step(at: codeTime)
        for offset in [-30.0, 30.0] {
            #expect(
                check.matchedStep(code: "081804", lastUsedStep: nil, now: codeTime.addingTimeInterval(offset)) == step)
        }
        for offset in [-60.0, 60.0] {
            #expect(
                check.matchedStep(code: "081804", lastUsedStep: nil, now: codeTime.addingTimeInterval(offset)) == nil)
        }
    }

    @Test("A code whose step was already used, or an earlier one, is refused")
    func replayIsRefused() {
        let now = Date(timeIntervalSince1970: 1_111_111_109)
        let step = TOTPCheck.step(at: now)
        #expect(check.matchedStep(code: "081804", lastUsedStep: step - 1, now: now) == step)
        #expect(check.matchedStep(code: "081804", lastUsedStep: step, now: now) == nil)
        #expect(check.matchedStep(code: "081804", lastUsedStep: step + 1, now: now) == nil)
    }

    @Test(
        "Anything but six digits matches nothing", arguments: ["", "81804", "0818040", "08180a", "08 1804", "+81804"])
    func malformedCodes(code: String) {
        #expect(
            check.matchedStep(code: code, lastUsedStep: nil, now: Date(timeIntervalSince1970: 1_111_111_109)) == nil)
    }

    @Test("A new secret is 40 hex digits and differs every time, and the app's address carries it")
    func secrets() {
        let secrets = (0..<100).map { _ in TOTPCheck.makeSecret() }
        #expect(Set(secrets).count == 100)
        #expect(secrets.allSatisfy { $0.count == 40 && $0.allSatisfy(\.isHexDigit) })
        let url = TOTPCheck(secret: secrets[0]).authenticatorURL(label: "ana", issuer: "Limber")
        #expect(url.hasPrefix("otpauth://totp/ana?secret="))
        #expect(url.hasSuffix("&issuer=Limber"))
    }
}
