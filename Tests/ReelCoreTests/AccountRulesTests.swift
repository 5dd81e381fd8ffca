import Foundation
import ReelCore
import Testing

/// Runs `body` and checks it throws a ``ReelError`` with `code`.
func expectReelError<T>(_ code: String, _ comment: Testing.Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws -> T) {
    do {
        let value = try body()
        Issue.record("expected \(code), got \(value)", sourceLocation: sourceLocation)
    } catch let error as ReelError {
        #expect(error.code == code, comment, sourceLocation: sourceLocation)
        #expect(error.kind == .unprocessable, comment, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected ReelError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite("AccountRules")
struct AccountRulesTests {
    // MARK: Handles

    @Test("valid handles are accepted and lower-cased",
          arguments: [("abc", "abc"), ("Ana_B.01", "ana_b.01"), ("_under", "_under"), ("a.b", "a.b"), ("dot.", "dot."),
                      ("123", "123"), (String(repeating: "x", count: 24), String(repeating: "x", count: 24))])
    func validHandle(_ raw: String, _ expected: String) throws {
        #expect(try AccountRules.validHandle(raw) == expected)
    }

    @Test("handles that are too short or long, start with a dot or hold other characters are refused",
          arguments: ["", "ab", String(repeating: "x", count: 25), ".dot", "with space", "émile", "dash-ed", "at@sign", "tab\there", "日本語です", "ab\n"])
    func invalidHandle(_ raw: String) {
        expectReelError("invalid_handle", "\(raw.debugDescription)") { try AccountRules.validHandle(raw) }
    }

    // MARK: Emails

    @Test("email addresses are trimmed and lower-cased")
    func validEmail() throws {
        #expect(try AccountRules.validEmail(" Ana@Example.COM ") == "ana@example.com")
        #expect(try AccountRules.validEmail("first.last+tag@sub.example.co.uk") == "first.last+tag@sub.example.co.uk")
        let longest = String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 185) + ".com"
        #expect(longest.count == 254)
        #expect(try AccountRules.validEmail(longest) == longest)
    }

    @Test("malformed email addresses are refused",
          arguments: ["", "no-at", "a@b", "@example.com", "a@.com", "a@b.", "a b@c.de", "a@b@c.de", "a@", "ana@example.com\n",
                      "ana\r\n@example.com", "ana@exa\tmple.com",
                      String(repeating: "a", count: 65) + "@" + String(repeating: "b", count: 185) + ".com"])
    func invalidEmail(_ raw: String) {
        expectReelError("invalid_email", "\(raw.debugDescription)") { try AccountRules.validEmail(raw) }
    }

    // MARK: Passwords

    @Test("passwords of 8 to 72 bytes are accepted", arguments: [8, 9, 40, 71, 72])
    func passwordInBounds(_ length: Int) throws {
        try AccountRules.checkPassword(String(repeating: "p", count: length))
    }

    @Test("passwords shorter than 8 or longer than 72 bytes are refused", arguments: [0, 1, 7, 73, 200])
    func passwordOutOfBounds(_ length: Int) {
        expectReelError("weak_password") { try AccountRules.checkPassword(String(repeating: "p", count: length)) }
    }

    @Test("the upper bound counts UTF-8 bytes, as bcrypt does")
    func passwordBytes() throws {
        try AccountRules.checkPassword(String(repeating: "é", count: 36))
        expectReelError("weak_password") { try AccountRules.checkPassword(String(repeating: "é", count: 37)) }
    }

    // MARK: Countries

    @Test("country codes are upper-cased")
    func validCountry() throws {
        #expect(try AccountRules.validCountry("fr") == "FR")
        #expect(try AccountRules.validCountry("De") == "DE")
        #expect(try AccountRules.validCountry("US") == "US")
    }

    @Test("country codes that are not two letters are refused", arguments: ["", "F", "FRA", "1A", "F1", "É1", "  ", "U S", "ÉS"])
    func invalidCountry(_ raw: String) {
        expectReelError("invalid_country", "\(raw.debugDescription)") { try AccountRules.validCountry(raw) }
    }

    // MARK: Age

    /// Noon UTC on 15 June 2026.
    static let today = Date(timeIntervalSince1970: 1_781_524_800)

    @Test("today is fixed at 2026-06-15")
    func fixedToday() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: Self.today)
        #expect([parts.year, parts.month, parts.day, parts.hour] == [2026, 6, 15, 12])
    }

    @Test("age counts whole years and turns on the birthday",
          arguments: [("2013-06-15", 13), ("2013-06-16", 12), ("2013-06-14", 13), ("2008-06-15", 18), ("2008-06-16", 17),
                      ("2008-06-14", 18), ("2013-07-01", 12), ("2013-05-31", 13), ("1990-01-01", 36), ("1990-12-31", 35),
                      ("2026-06-15", 0), ("2026-01-01", 0), ("1900-01-01", 126)])
    func age(_ birthDate: String, _ expected: Int) throws {
        #expect(try AccountRules.age(birthDate: birthDate, on: Self.today) == expected)
    }

    @Test("a 29 February birthday counts from 1 March in other years")
    func leapDay() throws {
        let feb28 = try Date("2025-02-28T12:00:00Z", strategy: .iso8601)
        let mar1 = try Date("2025-03-01T00:00:00Z", strategy: .iso8601)
        #expect(try AccountRules.age(birthDate: "2012-02-29", on: feb28) == 12)
        #expect(try AccountRules.age(birthDate: "2012-02-29", on: mar1) == 13)
    }

    @Test("the day is taken in UTC")
    func utcDay() throws {
        // 23:30 in New York on 14 June is already 15 June in UTC.
        let lateEvening = try Date("2026-06-14T23:30:00-04:00", strategy: .iso8601)
        #expect(try AccountRules.age(birthDate: "2013-06-15", on: lateEvening) == 13)
    }

    @Test("future birth dates are refused", arguments: ["2026-06-16", "2026-12-31", "2027-01-01", "2100-06-15"])
    func futureBirthDate(_ birthDate: String) {
        expectReelError("invalid_birth_date") { try AccountRules.age(birthDate: birthDate, on: Self.today) }
    }

    @Test("malformed or implausible birth dates are refused",
          arguments: ["", "yesterday", "1990-1-1", "1990/01/01", "19900101", "1990-13-01", "1990-00-10", "1990-01-32", "1990-01-00",
                      "1990-02-30", "1991-02-29", "1990-04-31", "1990-1-011", "1990--1-01", "+990-01-01", "1990-01-01T00:00",
                      " 1990-01-1", "abcd-ef-gh", "1899-12-31", "0000-01-01"])
    func malformedBirthDate(_ birthDate: String) {
        expectReelError("invalid_birth_date", "\(birthDate.debugDescription)") { try AccountRules.age(birthDate: birthDate, on: Self.today) }
    }

    @Test("a well-formed date that does not exist says so, not that the format is wrong", arguments: ["1990-02-30", "1991-02-29", "1990-13-01", "1990-04-31"])
    func unrealBirthDate(_ birthDate: String) {
        #expect(throws: ReelError.invalid("The birthDate \(birthDate) is not a real calendar date.", code: "invalid_birth_date")) {
            try AccountRules.age(birthDate: birthDate, on: Self.today)
        }
    }

    @Test("a real 29 February is accepted")
    func realLeapDay() throws {
        #expect(try AccountRules.age(birthDate: "2000-02-29", on: Self.today) == 26)
    }
}
