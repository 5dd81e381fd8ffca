import Foundation
import ReelCore

/// One rate-limit bucket's count in its current fixed window.
public struct RateLimitCounter: Sendable, Equatable {
    /// Attempts counted in the window, this one included.
    public var hits: Int
    /// When the window began (its first attempt), Unix seconds.
    public var windowStart: Double
    /// When the latest attempt was counted, Unix seconds.
    public var lastAt: Double

    /// A count.
    public init(hits: Int, windowStart: Double, lastAt: Double) {
        self.hits = hits
        self.windowStart = windowStart
        self.lastAt = lastAt
    }
}

/// Rate-limit counters of a region, shared by every node that uses the region's database, so a
/// client cannot multiply its allowance by spreading requests over nodes.
///
/// Buckets are opaque text chosen by the caller (`comment:user:<id>`, `signup:addr:<keyed hash>`):
/// never a raw client address. Each row expires at the end of its window and is deleted by
/// ``pruneRateLimits(now:)``.
public protocol RateLimitStore: Sendable {
    /// Counts one attempt on `bucket` in a fixed window of `window` seconds and returns the count
    /// after it: a bucket without a row, or whose window ended by `now`, starts a new window at
    /// `now` with one attempt. One atomic upsert, so concurrent attempts on several nodes all count.
    func countAttempt(bucket: String, window: Double, now: Double) async throws -> RateLimitCounter
    /// The bucket's count if its window has not ended by `now`; nil otherwise. Counts nothing.
    func rateLimitCounter(bucket: String, now: Double) async throws -> RateLimitCounter?
    /// Forgets the bucket (a successful log-in forgets the account's failures).
    func clearRateLimit(bucket: String) async throws
    /// Deletes every bucket whose window ended by `now`. Returns how many.
    @discardableResult
    func pruneRateLimits(now: Double) async throws -> Int
    /// Every bucket stored, sorted, expired or not (for inspection by tests and operators).
    func rateLimitBuckets() async throws -> [String]
}

/// Which public counter a ``DailyCountStore`` entry guards.
public enum DailyCountKind: String, Sendable, CaseIterable {
    /// The view counter (`views`), raised by watch events.
    case view
    /// The share counter (`shares`).
    case share
}

/// Which (user, video) pairs raised a public counter on which UTC day: a view or a share counts
/// at most once per user per video per day in the public counters and Popular. Rows live in the
/// user's home region (they are behaviour); kept two days, then pruned.
public protocol DailyCountStore: Sendable {
    /// Records that `user` raised the `kind` counter of `video` on `day` (days since 1970-01-01 UTC).
    /// - Returns: true the first time for that user, video, kind and day; false afterwards.
    func countOncePerDay(user: ReelID, video: ReelID, kind: DailyCountKind, day: Int) async throws -> Bool
    /// Deletes the entries of days before `day`. Returns how many.
    @discardableResult
    func pruneDailyCounts(before day: Int) async throws -> Int
}
