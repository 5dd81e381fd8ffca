import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Records that `follower` (who lives here) follows `followee`. Returns false if it already did.
    public func follow(follower: ReelID, followee: ReelID, at date: Date) async throws -> Bool {
        try requireResident(follower, "follower")
        return try await pool.write { db in
            try FollowRecord(followerID: follower, followeeID: followee, createdAt: date).insert(db, onConflict: .ignore)
            return db.changesCount > 0
        }
    }

    /// Removes a follow edge. Returns false if there was none.
    public func unfollow(follower: ReelID, followee: ReelID) async throws -> Bool {
        try requireResident(follower, "follower")
        return try await pool.write { db in
            try FollowRecord.filter(Column("followerID") == follower && Column("followeeID") == followee).deleteAll(db) > 0
        }
    }

    /// Whether `follower` follows `followee`.
    public func isFollowing(follower: ReelID, followee: ReelID) async throws -> Bool {
        try await pool.read { db in
            try FollowRecord.filter(Column("followerID") == follower && Column("followeeID") == followee).fetchCount(db) > 0
        }
    }

    /// Everyone `follower` follows, most recent first (at most `limit`).
    public func followees(of follower: ReelID, limit: Int) async throws -> [ReelID] {
        try await pool.read { db in
            try ReelID.fetchAll(db, sql: "SELECT followeeID FROM follows WHERE followerID = ? ORDER BY createdAt DESC LIMIT ?",
                                arguments: [follower, limit])
        }
    }

    /// Records a like. Returns false if the user already liked the video.
    public func like(user: ReelID, video: ReelID, at date: Date) async throws -> Bool {
        try requireResident(user, "user")
        return try await pool.write { db in
            try LikeRecord(userID: user, videoID: video, createdAt: date).insert(db, onConflict: .ignore)
            return db.changesCount > 0
        }
    }

    /// Removes a like. Returns false if there was none.
    public func unlike(user: ReelID, video: ReelID) async throws -> Bool {
        try requireResident(user, "user")
        return try await pool.write { db in
            try LikeRecord.filter(Column("userID") == user && Column("videoID") == video).deleteAll(db) > 0
        }
    }

    /// Which of `videos` the user has liked.
    public func likedVideos(user: ReelID, among videos: [ReelID]) async throws -> Set<ReelID> {
        guard !videos.isEmpty else { return [] }
        return try await pool.read { db in
            // A cached statement: asked for every signed-in feed page with about 20 IDs.
            Set(try LikeRecord.fetchAll(db, SQLRequest<LikeRecord>(literal: "SELECT * FROM likes WHERE userID = \(user) AND videoID IN \(videos)", cached: true))
                .map(\.videoID))
        }
    }

    /// Which of `videos` the user marked "not interested".
    public func notInterestedVideos(user: ReelID, among videos: [ReelID]) async throws -> Set<ReelID> {
        guard !videos.isEmpty else { return [] }
        return try await pool.read { db in
            Set(try NotInterestedRecord.filter(Column("userID") == user && videos.contains(Column("videoID"))).fetchAll(db).map(\.videoID))
        }
    }

    /// Records a share.
    public func recordShare(user: ReelID, video: ReelID, at date: Date) async throws {
        try requireResident(user, "user")
        try await pool.write { db in try ShareRecord(userID: user, videoID: video, createdAt: date).insert(db) }
    }

    /// Records "not interested". Returns false if already recorded.
    public func markNotInterested(user: ReelID, video: ReelID, at date: Date) async throws -> Bool {
        try requireResident(user, "user")
        return try await pool.write { db in
            try NotInterestedRecord(userID: user, videoID: video, createdAt: date).insert(db, onConflict: .ignore)
            return db.changesCount > 0
        }
    }

    /// Stores watch events, ignoring any whose `(userID, clientEventID)` is already stored.
    /// Returns the events that were new, so callers count each one once however often a client retries.
    public func recordWatchEvents(_ events: [WatchEvent]) async throws -> [WatchEvent] {
        for event in events { try requireResident(event.userID, "user") }
        return try await pool.write { db in
            var inserted: [WatchEvent] = []
            for event in events {
                try event.insert(db, onConflict: .ignore)
                if db.changesCount > 0 { inserted.append(event) }
            }
            return inserted
        }
    }

    /// Videos the user has watched or marked "not interested": never recommend them again.
    public func seenVideoIDs(user: ReelID) async throws -> Set<ReelID> {
        try await pool.read { db in
            Set(try ReelID.fetchAll(db, sql: """
                SELECT videoID FROM watchEvents WHERE userID = ? UNION SELECT videoID FROM notInterested WHERE userID = ?
                """, arguments: [user, user]))
        }
    }

    /// Trending videos among this region's viewers: each watch, completion, like and share since
    /// `since` adds weight that halves every `halfLife` seconds before `now`. Best first.
    /// - Complexity: one aggregate query over the window's rows, served by the `at`/`createdAt` indexes.
    public func trendingVideos(since: Date, now: Date, halfLife: TimeInterval, limit: Int) async throws -> [(videoID: ReelID, score: Double)] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT videoID, SUM(weight * exp((at - ?) * ?)) AS score FROM (
                    SELECT videoID, at, 1.0 + 2.0 * completed + 1.0 * replayed AS weight FROM watchEvents WHERE at >= ?
                    UNION ALL SELECT videoID, createdAt AS at, 4.0 AS weight FROM likes WHERE createdAt >= ?
                    UNION ALL SELECT videoID, createdAt AS at, 6.0 AS weight FROM shares WHERE createdAt >= ?
                ) GROUP BY videoID ORDER BY score DESC LIMIT ?
                """, arguments: [now.timeIntervalSince1970, log(2.0) / halfLife, since.timeIntervalSince1970,
                                  since.timeIntervalSince1970, since.timeIntervalSince1970, limit])
            return rows.map { (videoID: $0["videoID"], score: $0["score"]) }
        }
    }

    /// Stores a comment written by a user who lives here.
    public func insertComment(_ comment: Comment) async throws {
        try requireResident(comment.authorID, "author")
        // The router finds a comment (to delete it) by its ID's region, so the ID must be of this region too.
        try requireResident(comment.id, "comment")
        try await pool.write { db in try comment.insert(db) }
    }

    /// The comment with this ID.
    public func comment(id: ReelID) async throws -> Comment? {
        try await pool.read { db in try Comment.fetchOne(db, key: id) }
    }

    /// Deletes a comment. Returns whether a row was deleted.
    public func deleteComment(id: ReelID) async throws -> Bool {
        try await pool.write { db in try Comment.deleteOne(db, key: id) }
    }

    /// Deletes every comment this region's users wrote on a video (the video was deleted).
    public func deleteComments(onVideo video: ReelID) async throws {
        try await pool.write { db in _ = try Comment.filter(Column("videoID") == video).deleteAll(db) }
    }

    /// Comments on a video written by this region's users, newest first, older than `cursor`.
    public func comments(on video: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Comment] {
        try await pool.read { db in
            var request = Comment.filter(Column("videoID") == video)
            if let cursor { request = request.filter(Column("id") < cursor) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}
