import ReelCore

/// How often one action may be done: at most ``count`` times in a window of ``seconds``, written
/// `count/seconds` in configuration (`REEL_RATE_LIMIT_COMMENT="30/300"`).
///
/// For ``RateLimitAction/login`` the pair means something else (see ``LoginBackoff``): `count`
/// failed log-ins are free, then each further one locks the account for `seconds`, doubling.
public struct RateLimit: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Largest number of attempts in one window (at least 1).
    public var count: Int
    /// Length of the window, in seconds (positive).
    public var seconds: Double

    /// A limit of `count` attempts per `seconds`.
    public init(count: Int, seconds: Double) {
        self.count = count
        self.seconds = seconds
    }

    /// Parses `count/seconds`, e.g. `5/60`; nil when malformed, the count is below 1 or the window not positive.
    public init?(parsing text: String) {
        let parts = text.filter { !$0.isWhitespace }.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), let seconds = Double(parts[1]),
              count >= 1, seconds > 0, seconds.isFinite else { return nil }
        self.init(count: count, seconds: seconds)
    }

    /// `count/seconds`, as configuration writes it.
    public var description: String {
        seconds == seconds.rounded() ? "\(count)/\(Int(seconds))" : "\(count)/\(seconds)"
    }

    /// Seconds until a fixed window that began at `windowStart` (Unix seconds) and has seen `hits`
    /// attempts admits another one at `now`; nil when the attempt is within the limit.
    /// - Complexity: O(1).
    public func retryAfter(hits: Int, windowStart: Double, now: Double) -> Double? {
        guard hits > count else { return nil }
        let remaining = windowStart + seconds - now
        return remaining > 0 ? remaining : nil
    }
}
