import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Counts one attempt in `bucket`'s window: one `INSERT … ON CONFLICT DO UPDATE`, atomic under
    /// concurrent attempts from several nodes.
    public func countAttempt(bucket: String, window: Double, now: Double) async throws -> RateLimitCounter {
        // On conflict every right-hand side reads the row as it was: an ended window restarts at `now`.
        let rows = try await database.rows("""
            INSERT INTO rate_limits (bucket, hits, window_start, last_at, expires_at) VALUES (\(bucket), 1, \(now), \(now), \(now + window))
            ON CONFLICT (bucket) DO UPDATE SET
                hits = CASE WHEN rate_limits.expires_at <= EXCLUDED.window_start THEN 1 ELSE rate_limits.hits + 1 END,
                window_start = CASE WHEN rate_limits.expires_at <= EXCLUDED.window_start THEN EXCLUDED.window_start ELSE rate_limits.window_start END,
                expires_at = CASE WHEN rate_limits.expires_at <= EXCLUDED.window_start THEN EXCLUDED.expires_at ELSE rate_limits.expires_at END,
                last_at = EXCLUDED.last_at
            RETURNING hits, window_start, last_at
            """)
        guard let row = rows.first else { throw ReelError(.internal, code: "internal", message: "The rate-limit upsert returned no row.") }
        return try Self.counter(row)
    }

    /// The bucket's count while its window lasts.
    public func rateLimitCounter(bucket: String, now: Double) async throws -> RateLimitCounter? {
        try await database.rows("SELECT hits, window_start, last_at FROM rate_limits WHERE bucket = \(bucket) AND expires_at > \(now)")
            .first.map(Self.counter)
    }

    /// Forgets the bucket.
    public func clearRateLimit(bucket: String) async throws {
        try await database.rows("DELETE FROM rate_limits WHERE bucket = \(bucket)")
    }

    /// Deletes the buckets whose window has ended.
    @discardableResult
    public func pruneRateLimits(now: Double) async throws -> Int {
        try await database.rows("DELETE FROM rate_limits WHERE expires_at <= \(now) RETURNING 1").count
    }

    /// Every stored bucket, sorted.
    public func rateLimitBuckets() async throws -> [String] {
        try await database.rows("SELECT bucket FROM rate_limits ORDER BY bucket").map { try $0.decode(String.self) }
    }

    /// Records the user's `kind` on `video` that day; true the first time.
    public func countOncePerDay(user: ReelID, video: ReelID, kind: DailyCountKind, day: Int) async throws -> Bool {
        try requireResident(user, "user")
        return try await !database.rows("""
            INSERT INTO daily_counts (user_id, video_id, kind, day) VALUES (\(user.bits), \(video.bits), \(kind.rawValue), \(day))
            ON CONFLICT DO NOTHING RETURNING 1
            """).isEmpty
    }

    /// Deletes the entries of earlier days.
    @discardableResult
    public func pruneDailyCounts(before day: Int) async throws -> Int {
        try await database.rows("DELETE FROM daily_counts WHERE day < \(day) RETURNING 1").count
    }

    private static func counter(_ row: PostgresRow) throws -> RateLimitCounter {
        let (hits, windowStart, lastAt) = try row.decode((Int, Double, Double).self)
        return RateLimitCounter(hits: hits, windowStart: windowStart, lastAt: lastAt)
    }
}
