import GRDB
import ReelCore

/// IDs are stored as SQLite INTEGER (their 64-bit pattern), so they index and sort natively.
extension ReelID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { Int64(bitPattern: rawValue).databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ReelID? {
        Int64.fromDatabaseValue(dbValue).map { ReelID(rawValue: UInt64(bitPattern: $0)) }
    }
}

/// Dates are stored as Unix seconds (REAL) so SQL can do arithmetic on them (time decay).
public protocol UnixTimeRecord: FetchableRecord, PersistableRecord {}

extension UnixTimeRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSince1970 }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }
}

/// Video restrictions are stored as SQLite INTEGER (their bits).
extension VideoRestrictions: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> VideoRestrictions? {
        Int.fromDatabaseValue(dbValue).map(VideoRestrictions.init(rawValue:))
    }
}
