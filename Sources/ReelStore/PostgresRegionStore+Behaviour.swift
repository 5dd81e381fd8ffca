import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Behaviour tables in the order the replay reads them; watermark keys are these table names and
    /// positions their `seq` column.
    private static let behaviourTables: [(table: String, kind: BehaviourRecord.Kind, user: String, target: String, time: String)] = [
        ("watch_events", .watch, "user_id", "video_id", "at"),
        ("likes", .like, "user_id", "video_id", "created_at"),
        ("shares", .share, "user_id", "video_id", "created_at"),
        ("comments", .comment, "author_id", "video_id", "created_at"),
        ("not_interested", .notInterested, "user_id", "video_id", "created_at"),
        ("follows", .follow, "follower_id", "followee_id", "created_at"),
    ]

    /// Stores watch events, ignoring any whose `(userID, clientEventID)` is already stored.
    /// Returns the events that were new, in one transaction.
    public func recordWatchEvents(_ events: [WatchEvent]) async throws -> [WatchEvent] {
        for event in events { try requireResident(event.userID, "user") }
        return try await database.transaction { connection in
            var inserted: [WatchEvent] = []
            for event in events {
                let rows = try await connection.query("""
                    INSERT INTO watch_events (client_event_id, user_id, video_id, watched_ms, duration_ms, completed, replayed, at)
                    VALUES (\(event.clientEventID), \(event.userID.bits), \(event.videoID.bits), \(event.watchedMs), \(event.durationMs),
                        \(event.completed), \(event.replayed), \(event.at.timeIntervalSince1970))
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, logger: database.logger).collect()
                if !rows.isEmpty { inserted.append(event) }
            }
            return inserted
        }
    }

    /// Videos the user has watched or marked "not interested".
    public func seenVideoIDs(user: ReelID) async throws -> Set<ReelID> {
        Set(try await database.rows("""
            SELECT video_id FROM watch_events WHERE user_id = \(user.bits) UNION SELECT video_id FROM not_interested WHERE user_id = \(user.bits)
            """).map(PostgresRows.id))
    }

    /// Trending videos among this region's viewers, with the same weights and decay as the SQLite engine.
    public func trendingVideos(since: Date, now: Date, halfLife: TimeInterval, limit: Int) async throws -> [(videoID: ReelID, score: Double)] {
        let start = since.timeIntervalSince1970, decay = log(2.0) / halfLife
        return try await database.rows("""
            SELECT video_id, SUM(weight * exp((at - \(now.timeIntervalSince1970)) * \(decay))) AS score FROM (
                SELECT video_id, at, 1.0 + 2.0 * completed::int + 1.0 * replayed::int AS weight FROM watch_events WHERE at >= \(start)
                UNION ALL SELECT video_id, created_at AS at, 4.0 AS weight FROM likes WHERE created_at >= \(start)
                UNION ALL SELECT video_id, created_at AS at, 6.0 AS weight FROM shares WHERE created_at >= \(start)
            ) AS recent GROUP BY video_id ORDER BY score DESC LIMIT \(limit)
            """).map { row in
                let (video, score) = try row.decode((Int64, Double).self)
                return (videoID: ReelID(bits: video), score: score)
            }
    }

    /// The current end of every behaviour table.
    public func behaviourWatermark() async throws -> BehaviourWatermark {
        try await database.transaction { connection in try await Self.watermark(connection, logger: database.logger) }
    }

    /// Calls `body` for every behaviour row added after `watermark`, oldest first, from one
    /// repeatable-read snapshot, streaming rows as they arrive. Returns the watermark reached.
    @discardableResult
    public func forEachBehaviour(after watermark: BehaviourWatermark, _ body: @escaping @Sendable (BehaviourRecord) -> Void) async throws -> BehaviourWatermark {
        try await database.transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: database.logger)
            var parts: [String] = []
            var bindings = PostgresBindings()
            for spec in Self.behaviourTables {
                let isWatch = spec.kind == .watch
                bindings.append(watermark.rowids[spec.table] ?? 0)
                // Only constant table and column names are spliced; the watermark is bound ($n).
                parts.append("""
                    SELECT '\(spec.kind.rawValue)' AS kind, \(spec.user) AS user_id, \(spec.target) AS target_id,
                    \(isWatch ? "watched_ms" : "0::bigint") AS watched_ms, \(isWatch ? "duration_ms" : "0::bigint") AS duration_ms,
                    \(isWatch ? "completed" : "false") AS completed, \(isWatch ? "replayed" : "false") AS replayed, \(spec.time) AS at
                    FROM \(spec.table) WHERE seq > $\(bindings.count)
                    """)
            }
            let sql = parts.joined(separator: " UNION ALL ") + " ORDER BY at"
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: database.logger)
            for try await row in rows {
                let (kind, user, target, watched, duration, completed, replayed, at) =
                    try row.decode((String, Int64, Int64, Int64, Int64, Bool, Bool, Double).self)
                guard let kind = BehaviourRecord.Kind(rawValue: kind) else { continue }
                body(BehaviourRecord(kind: kind, userID: ReelID(bits: user), targetID: ReelID(bits: target), watchedMs: Int(watched),
                                     durationMs: Int(duration), completed: completed, replayed: replayed, at: at))
            }
            return try await Self.watermark(connection, logger: database.logger)
        }
    }

    private static func watermark(_ connection: PostgresConnection, logger: Logger) async throws -> BehaviourWatermark {
        var positions: [String: Int64] = [:]
        for spec in behaviourTables {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT COALESCE(MAX(seq), 0) FROM \(spec.table)"), logger: logger).collect()
            positions[spec.table] = try rows.first?.decode(Int64.self) ?? 0
        }
        return BehaviourWatermark(rowids: positions)
    }
}
