import Foundation

/// The validation rules of sign-up, shared by the server and the seeder.
public enum AccountRules {
    /// Youngest age allowed to sign up.
    public static let minimumAge = 13
    /// Below this age an account gets teen-safe defaults (private, no age-restricted content).
    public static let adultAge = 18
    /// Shortest password accepted.
    public static let minimumPasswordLength = 8
    /// Longest password accepted (bcrypt reads 72 bytes).
    public static let maximumPasswordLength = 72

    /// Lower-cases and checks a handle: 3–24 characters of `a-z 0-9 _ .`, not starting with `.`.
    /// - Throws: ``ReelError`` `invalid_handle`.
    public static func validHandle(_ raw: String) throws -> String {
        let handle = raw.lowercased()
        let allowed = handle.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
        guard (3...24).contains(handle.count), allowed, !handle.hasPrefix(".") else {
            throw ReelError.invalid("The handle must be 3–24 characters of a-z, 0-9, _ and . (not starting with .).", code: "invalid_handle")
        }
        return handle
    }

    /// Lower-cases and checks an email address's shape (one `@`, a dot in the domain, at most 254 characters).
    /// - Throws: ``ReelError`` `invalid_email`.
    public static func validEmail(_ raw: String) throws -> String {
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              // Any inner whitespace or control character (a newline would let a header into outgoing mail).
              !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else {
            throw ReelError.invalid("The email address is not valid.", code: "invalid_email")
        }
        return email
    }

    /// Checks a password: its length, that it is not only whitespace, that it is not one of the most
    /// common passwords even disguised (``CommonPasswords/isCommon(_:)``: padding, trailing digits and
    /// symbols, leetspeak, repetition), and that it
    /// does not contain the account's own handle or email local part (NIST SP 800-63B §3.1.1.2
    /// "context-specific words"; case-insensitive). Handles and local parts shorter than three
    /// characters are compared whole, so that a one-letter local part does not ban a letter.
    /// - Parameters:
    ///   - handle: the handle being signed up, if known.
    ///   - email: the email address being signed up, if known.
    /// - Throws: ``ReelError`` 422 `weak_password` with a sentence saying why.
    public static func checkPassword(_ password: String, handle: String? = nil, email: String? = nil) throws {
        guard password.utf8.count >= minimumPasswordLength else {
            throw ReelError.invalid("The password must be at least \(minimumPasswordLength) characters long.", code: "weak_password")
        }
        guard password.utf8.count <= maximumPasswordLength else {
            throw ReelError.invalid("The password must be at most \(maximumPasswordLength) bytes long.", code: "weak_password")
        }
        guard password.contains(where: { !$0.isWhitespace }) else {
            throw ReelError.invalid("The password must not be only spaces; choose one that is harder to guess.", code: "weak_password")
        }
        let lowered = password.lowercased()
        if CommonPasswords.isCommon(password) {
            throw ReelError.invalid("This password is one of the most common passwords; choose one that is harder to guess.",
                                    code: "weak_password")
        }
        let localPart = email.flatMap { $0.split(separator: "@", omittingEmptySubsequences: false).first }.map(String.init)
        for (word, name) in [(handle, "handle"), (localPart, "email address")] {
            guard let word = word?.lowercased(), !word.isEmpty else { continue }
            if word.count < 3 ? lowered == word : lowered.contains(word) {
                throw ReelError.invalid("The password must not contain your \(name); choose one that is harder to guess.",
                                        code: "weak_password")
            }
        }
    }

    /// Longest avatar URL accepted, in characters.
    public static let maximumAvatarURLLength = 500

    /// Checks an avatar URL: either an `https://` URL with a host, or a path on this site that starts
    /// with exactly one `/`. Scheme-relative `//host/…`, any backslash (browsers read `/\host/…` as
    /// `//host/…`, WHATWG URL §4.4), whitespace and control characters are refused, so an avatar can
    /// never point at another host over plain HTTP or through a look-alike path. Quotes, `<`, `>` and
    /// backticks (which could end an HTML attribute), percent-encoded control characters (`%0d%0a`,
    /// `%00`: header and log injection once decoded) and userinfo (`https://user:pass@host/`, which
    /// hides the real host, RFC 3986 §3.2.1) are refused too.
    /// - Throws: ``ReelError`` 422 `validation_failed`.
    public static func validAvatarURL(_ raw: String) throws -> String {
        let refused = ReelError.invalid("The avatarURL must be an https:// URL or a path on this site starting with a single /.")
        guard raw.count <= maximumAvatarURLLength,
              !raw.unicodeScalars.contains(where: { "\\\"'<>`".unicodeScalars.contains($0) || $0.properties.isWhitespace || $0.properties.generalCategory == .control }),
              !containsEncodedControlCharacter(raw) else {
            throw refused
        }
        if raw.hasPrefix("/") {
            guard !raw.hasPrefix("//") else { throw refused }
            return raw
        }
        guard raw.lowercased().hasPrefix("https://"), let url = URLComponents(string: raw),
              url.scheme?.lowercased() == "https", let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil else { throw refused }
        return raw
    }

    /// Whether `raw` holds a percent-encoded C0 control character or DEL (`%00`–`%1F`, `%7F`).
    private static func containsEncodedControlCharacter(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        return bytes.indices.dropLast(2).contains { index in
            guard bytes[index] == UInt8(ascii: "%"), let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return false }
            let value = high << 4 | low
            return value < 0x20 || value == 0x7F
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Checks an ISO 3166-1 alpha-2 country code's shape and upper-cases it.
    /// - Throws: ``ReelError`` `invalid_country`.
    public static func validCountry(_ raw: String) throws -> String {
        let country = raw.uppercased()
        guard country.count == 2, country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw ReelError.invalid("The country must be an ISO 3166-1 alpha-2 code such as US or DE.", code: "invalid_country")
        }
        return country
    }

    /// Age in whole years on `today` for a `YYYY-MM-DD` birth date.
    /// - Throws: ``ReelError`` `invalid_birth_date` for a malformed or future date.
    public static func age(birthDate: String, on today: Date) throws -> Int {
        // Exactly four, two and two ASCII digits: `split` alone let "1990-1-011" and "1990--1-01" through.
        let bytes = Array(birthDate.utf8)
        let isWellFormed = bytes.count == 10 && bytes.indices.allSatisfy { index in
            index == 4 || index == 7 ? bytes[index] == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
        let parts = isWellFormed ? birthDate.split(separator: "-").compactMap { Int($0) } : []
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard parts.count == 3 else {
            throw ReelError.invalid("The birthDate must be YYYY-MM-DD.", code: "invalid_birth_date")
        }
        // The day must exist in that month (no 1990-02-30).
        guard (1...12).contains(parts[1]), (1...31).contains(parts[2]),
              DateComponents(year: parts[0], month: parts[1], day: parts[2]).isValidDate(in: calendar) else {
            throw ReelError.invalid("The birthDate \(birthDate) is not a real calendar date.", code: "invalid_birth_date")
        }
        let now = calendar.dateComponents([.year, .month, .day], from: today)
        guard let year = now.year, let month = now.month, let day = now.day else {
            throw ReelError.invalid("The birthDate must be YYYY-MM-DD.", code: "invalid_birth_date")
        }
        var age = year - parts[0]
        if (month, day) < (parts[1], parts[2]) { age -= 1 }
        guard age >= 0, parts[0] >= 1900 else {
            throw ReelError.invalid("The birthDate is not a plausible date of birth.", code: "invalid_birth_date")
        }
        return age
    }
}
