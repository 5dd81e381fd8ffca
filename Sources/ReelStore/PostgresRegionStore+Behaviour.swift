import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
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

    /// The sequence number of the newest committed log entry (0 while the log is empty).
    public func behaviourLogHead() async throws -> Int64 {
        try await database.rows("SELECT seq FROM log_heads WHERE name = 'behaviour'").first?.decode(Int64.self) ?? 0
    }

    /// Up to `limit` log entries numbered above `sequence`, in sequence order.
    public func behaviour(after sequence: Int64, limit: Int) async throws -> [BehaviourRecord] {
        try await database.rows("""
            SELECT seq, kind, user_id, target_id, watched_ms, duration_ms, completed, replayed, at FROM behaviour_log
            WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)
            """).compactMap { row in
                let (seq, kind, user, target, watched, duration, completed, replayed, at) =
                    try row.decode((Int64, String, Int64, Int64, Int64, Int64, Bool, Bool, Double).self)
                guard let kind = BehaviourRecord.Kind(rawValue: kind) else { return nil }
                return BehaviourRecord(sequence: seq, kind: kind, userID: ReelID(bits: user), targetID: ReelID(bits: target),
                                       watchedMs: Int(watched), durationMs: Int(duration), completed: completed, replayed: replayed, at: at)
            }
    }

    /// Appends a `.catalogue` entry for `video`, numbered from the log's counter in the same transaction.
    public func appendCatalogueChange(video: ReelID, creator: ReelID, at date: Date) async throws {
        try requireResident(video, "video")
        try await database.rows("""
            INSERT INTO behaviour_log (seq, kind, user_id, target_id, at)
            VALUES (reel_next_seq('behaviour'), \(BehaviourRecord.Kind.catalogue.rawValue), \(creator.bits), \(video.bits),
                \(date.timeIntervalSince1970))
            """)
    }

    /// The sequence number of the newest committed change (0 while there is none).
    public func changeLogHead() async throws -> Int64 {
        try await database.rows("SELECT seq FROM log_heads WHERE name = 'changes'").first?.decode(Int64.self) ?? 0
    }

    /// Up to `limit` changes numbered above `sequence`, in sequence order.
    public func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange] {
        try await database.rows("SELECT seq, kind, id FROM change_log WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)").compactMap { row in
            let (seq, kind, id) = try row.decode((Int64, String, Int64).self)
            return StoreChange.Kind(rawValue: kind).map { StoreChange(sequence: seq, kind: $0, id: ReelID(bits: id)) }
        }
    }
}
