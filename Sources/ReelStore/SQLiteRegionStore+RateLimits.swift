import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Counts one attempt in `bucket`'s window (one upsert; SQLite has one writer at a time).
    public func countAttempt(bucket: String, window: Double, now: Double) async throws -> RateLimitCounter {
        try await pool.write { db in
            // On conflict every right-hand side reads the row as it was: an ended window restarts at `now`.
            let row = try Row.fetchOne(db, sql: """
                INSERT INTO rateLimits (bucket, hits, windowStart, lastAt, expiresAt) VALUES (?, 1, ?, ?, ?)
                ON CONFLICT (bucket) DO UPDATE SET
                    hits = CASE WHEN rateLimits.expiresAt <= excluded.windowStart THEN 1 ELSE rateLimits.hits + 1 END,
                    windowStart = CASE WHEN rateLimits.expiresAt <= excluded.windowStart THEN excluded.windowStart ELSE rateLimits.windowStart END,
                    expiresAt = CASE WHEN rateLimits.expiresAt <= excluded.windowStart THEN excluded.expiresAt ELSE rateLimits.expiresAt END,
                    lastAt = excluded.lastAt
                RETURNING hits, windowStart, lastAt
                """, arguments: [bucket, now, now, now + window])
            guard let row else { throw ReelError(.internal, code: "internal", message: "The rate-limit upsert returned no row.") }
            return RateLimitCounter(hits: row["hits"], windowStart: row["windowStart"], lastAt: row["lastAt"])
        }
    }

    /// The bucket's count while its window lasts.
    public func rateLimitCounter(bucket: String, now: Double) async throws -> RateLimitCounter? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT hits, windowStart, lastAt FROM rateLimits WHERE bucket = ? AND expiresAt > ?",
                             arguments: [bucket, now])
                .map { RateLimitCounter(hits: $0["hits"], windowStart: $0["windowStart"], lastAt: $0["lastAt"]) }
        }
    }

    /// Forgets the bucket.
    public func clearRateLimit(bucket: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM rateLimits WHERE bucket = ?", arguments: [bucket]) }
    }

    /// Deletes the buckets whose window has ended.
    @discardableResult
    public func pruneRateLimits(now: Double) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM rateLimits WHERE expiresAt <= ?", arguments: [now])
            return db.changesCount
        }
    }

    /// Every stored bucket, sorted.
    public func rateLimitBuckets() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT bucket FROM rateLimits ORDER BY bucket") }
    }

    /// Records the user's `kind` on `video` that day; true the first time.
    public func countOncePerDay(user: ReelID, video: ReelID, kind: DailyCountKind, day: Int) async throws -> Bool {
        try requireResident(user, "user")
        return try await pool.write { db in
            try db.execute(sql: "INSERT INTO dailyCounts (userID, videoID, kind, day) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [user.databaseValue, video.databaseValue, kind.rawValue, day])
            return db.changesCount > 0
        }
    }

    /// Deletes the entries of earlier days.
    @discardableResult
    public func pruneDailyCounts(before day: Int) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM dailyCounts WHERE day < ?", arguments: [day])
            return db.changesCount
        }
    }
}
