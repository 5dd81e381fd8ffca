import Foundation

/// The age band kept in plaintext beside an account's encrypted birth date, so policy decisions
/// (teen defaults, For You limits) need no decryption. It is refreshed whenever the birth date is
/// decrypted for its owner (log-in), so it may lag a birthday until the next log-in.
public enum AgeBand: String, Codable, Sendable, CaseIterable {
    /// Younger than 16.
    case under16
    /// 16 or 17.
    case from16To17 = "16-17"
    /// 18 or older.
    case adult

    /// The band of someone `age` years old.
    public init(age: Int) {
        self = age < 16 ? .under16 : age < AccountRules.adultAge ? .from16To17 : .adult
    }

    /// The band of someone born on `birthDate` (`YYYY-MM-DD`) as of `today`; `under16` when the date
    /// cannot be read (the most protective band).
    public init(birthDate: String, on today: Date) {
        self = (try? AccountRules.age(birthDate: birthDate, on: today)).map(AgeBand.init(age:)) ?? .under16
    }

    /// Whether the account is a minor's (under 18).
    public var isMinor: Bool { self != .adult }
}
