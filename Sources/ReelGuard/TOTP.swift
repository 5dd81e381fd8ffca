import Crypto
import Foundation

/// Time-based one-time passwords, RFC 6238 over HOTP (RFC 4226): HMAC-SHA-1, 30-second steps
/// counted from the Unix epoch, dynamic truncation (RFC 4226 §5.3), 6 digits by default.
///
/// ``matchingStep(of:at:window:)`` accepts the current step and `window` steps either side (RFC 6238
/// §5.2 allows for clock drift); the caller stores the step that matched and refuses any code whose
/// step is not later than it, so a code is used at most once (RFC 6238 §5.2, last paragraph).
public struct TOTP: Sendable, Equatable {
    /// The shared secret (20 random bytes for new staff, as RFC 4226 §4 recommends at least 128 bits).
    public let secret: [UInt8]
    /// Digits in a code (6 for staff; 8 for the RFC's test vectors).
    public let digits: Int
    /// Seconds in a step.
    public let period: Int

    /// A generator for `secret`.
    public init(secret: [UInt8], digits: Int = 6, period: Int = 30) {
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// A fresh 20-byte secret.
    public static func makeSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The step that `date` falls in: `floor(unixSeconds / period)`.
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code for step `step`, zero-padded to ``digits``.
    public func code(step: Int64) -> String {
        let counter = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The code for the step `date` falls in.
    public func code(at date: Date) -> String { code(step: step(at: date)) }

    /// The step whose code is `code`, looking at the current step and `window` steps before and
    /// after it; nil when none matches. Codes are compared in constant time.
    public func matchingStep(of code: String, at date: Date, window: Int64 = 1) -> Int64? {
        let submitted = Array(code.utf8)
        guard submitted.count == digits else { return nil }
        let current = step(at: date)
        var found: Int64?
        for candidate in (current - window)...(current + window) {
            let expected = Array(self.code(step: candidate).utf8)
            let difference = zip(expected, submitted).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) }
            if difference == 0, found == nil { found = candidate }
        }
        return found
    }

    /// The `otpauth://totp/…` URI authenticator apps import (Google Authenticator's "Key Uri Format"):
    /// label `issuer:account`, Base32 secret without padding, SHA1, digits and period.
    public func provisioningURI(issuer: String, account: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))"
            + "&issuer=\(escape(issuer))&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }
}
