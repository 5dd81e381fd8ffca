import ReelCore

/// Exponential back-off after repeated failed log-ins of one account, from its ``RateLimit``
/// `count/seconds`: the first `count` failures are free; after the `count`-th the account is locked
/// for `seconds`, after each further one for twice as long as before, at most ``maximumDelay``.
/// A successful log-in forgets the failures; so does a day without one (``memory``).
public enum LoginBackoff {
    /// The longest lock, in seconds (1 h).
    public static let maximumDelay: Double = 3600
    /// How long failures are remembered from the first one, in seconds (24 h).
    public static let memory: Double = 86_400

    /// Seconds the account stays locked after its `failures`-th failure under `limit`: 0 below
    /// `limit.count`, then `limit.seconds · 2^(failures − count)` capped at ``maximumDelay``.
    /// - Complexity: O(1).
    public static func delay(afterFailures failures: Int, limit: RateLimit) -> Double {
        guard failures >= limit.count else { return 0 }
        let doublings = min(failures - limit.count, 40)
        return min(maximumDelay, limit.seconds * Double(1 << doublings))
    }

    /// Seconds until an account whose last failure (its `failures`-th) was at `lastFailure` (Unix
    /// seconds) may try again at `now`; nil when it may now.
    public static func retryAfter(failures: Int, lastFailure: Double, limit: RateLimit, now: Double) -> Double? {
        let remaining = lastFailure + delay(afterFailures: failures, limit: limit) - now
        return remaining > 0 ? remaining : nil
    }
}
