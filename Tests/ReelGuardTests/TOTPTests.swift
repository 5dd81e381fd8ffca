import Foundation
import ReelGuard
import Testing

/// RFC 6238 time-based one-time passwords.
@Suite struct TOTPTests {
    /// The SHA-1 seed of RFC 6238 Appendix B: the ASCII bytes of "12345678901234567890".
    let rfc = TOTP(secret: Array("12345678901234567890".utf8), digits: 8)

    @Test("every SHA-1 vector of RFC 6238 Appendix B", arguments: [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ] as [(Double, String)])
    func appendixB(seconds: Double, code: String) {
        #expect(rfc.code(at: Date(timeIntervalSince1970: seconds)) == code)
    }

    @Test func sixDigitCodesAreTheLastSixOfTheVector() {
        let six = TOTP(secret: rfc.secret)
        #expect(six.code(at: Date(timeIntervalSince1970: 59)) == "287082")
        #expect(six.code(at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")
    }

    @Test func oneStepOfDriftEitherSideIsAcceptedAndTwoAreNot() {
        let totp = TOTP(secret: TOTP.makeSecret())
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(of: totp.code(step: step), at: now) == step)
        #expect(totp.matchingStep(of: totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(of: totp.code(step: step + 1), at: now) == step + 1)
        let far = totp.code(step: step - 2)
        if ![step - 1, step, step + 1].map({ totp.code(step: $0) }).contains(far) {
            #expect(totp.matchingStep(of: far, at: now) == nil)
        }
        #expect(totp.matchingStep(of: "12345", at: now) == nil)
        #expect(totp.matchingStep(of: "abcdef", at: now) == nil)
    }

    @Test func provisioningURICarriesTheBase32SecretAndParameters() throws {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let uri = totp.provisioningURI(issuer: "Reel eu", account: "ana")
        #expect(uri == "otpauth://totp/Reel%20eu:ana?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Reel%20eu&algorithm=SHA1&digits=6&period=30")
        #expect(Base32.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == totp.secret)
    }

    @Test("RFC 4648 §10 Base32 vectors", arguments: [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ])
    func base32(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(plain.utf8))
    }
}
