import Foundation

/// Wall-clock helpers shared by every module, so "now" is read one way.
public enum Clock {
    /// Seconds since 1970-01-01T00:00:00Z.
    public static var unixSeconds: Double { Date().timeIntervalSince1970 }
}
