import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Records that `follower` (who lives here) follows `followee`. Returns false if it already did.
    public func follow(follower: ReelID, followee: ReelID, at date: Date) async throws -> Bool {
        try requireResident(follower, "follower")
        return try await !database.rows("""
            INSERT INTO follows (follower_id, followee_id, created_at) VALUES (\(follower.bits), \(followee.bits), \(date.timeIntervalSince1970))
            ON CONFLICT DO NOTHING RETURNING 1
            """).isEmpty
    }

    /// Removes a follow edge. Returns false if there was none.
    public func unfollow(follower: ReelID, followee: ReelID) async throws -> Bool {
        try requireResident(follower, "follower")
        return try await !database.rows("""
            DELETE FROM follows WHERE follower_id = \(follower.bits) AND followee_id = \(followee.bits) RETURNING 1
            """).isEmpty
    }

    /// Whether `follower` follows `followee`.
    public func isFollowing(follower: ReelID, followee: ReelID) async throws -> Bool {
        try await !database.rows("SELECT 1 FROM follows WHERE follower_id = \(follower.bits) AND followee_id = \(followee.bits)").isEmpty
    }

    /// Everyone `follower` follows, most recent first (at most `limit`).
    public func followees(of follower: ReelID, limit: Int) async throws -> [ReelID] {
        try await database.rows("""
            SELECT followee_id FROM follows WHERE follower_id = \(follower.bits) ORDER BY created_at DESC, seq DESC LIMIT \(limit)
            """).map(PostgresRows.id)
    }

    /// Records a like. Returns false if the user already liked the video.
    public func like(user: ReelID, video: ReelID, at date: Date) async throws -> Bool {
        try requireResident(user, "user")
        return try await !database.rows("""
            INSERT INTO likes (user_id, video_id, created_at) VALUES (\(user.bits), \(video.bits), \(date.timeIntervalSince1970))
            ON CONFLICT DO NOTHING RETURNING 1
            """).isEmpty
    }

    /// Removes a like. Returns false if there was none.
    public func unlike(user: ReelID, video: ReelID) async throws -> Bool {
        try requireResident(user, "user")
        return try await !database.rows("DELETE FROM likes WHERE user_id = \(user.bits) AND video_id = \(video.bits) RETURNING 1").isEmpty
    }

    /// Which of `videos` the user has liked.
    public func likedVideos(user: ReelID, among videos: [ReelID]) async throws -> Set<ReelID> {
        guard !videos.isEmpty else { return [] }
        return Set(try await database.rows("""
            SELECT video_id FROM likes WHERE user_id = \(user.bits) AND video_id = ANY(\(videos.map(\.bits)))
            """).map(PostgresRows.id))
    }

    /// Which of `videos` the user marked "not interested".
    public func notInterestedVideos(user: ReelID, among videos: [ReelID]) async throws -> Set<ReelID> {
        guard !videos.isEmpty else { return [] }
        return Set(try await database.rows("""
            SELECT video_id FROM not_interested WHERE user_id = \(user.bits) AND video_id = ANY(\(videos.map(\.bits)))
            """).map(PostgresRows.id))
    }

    /// Records a share.
    public func recordShare(user: ReelID, video: ReelID, at date: Date) async throws {
        try requireResident(user, "user")
        try await database.rows("INSERT INTO shares (user_id, video_id, created_at) VALUES (\(user.bits), \(video.bits), \(date.timeIntervalSince1970))")
    }

    /// Records "not interested". Returns false if already recorded.
    public func markNotInterested(user: ReelID, video: ReelID, at date: Date) async throws -> Bool {
        try requireResident(user, "user")
        return try await !database.rows("""
            INSERT INTO not_interested (user_id, video_id, created_at) VALUES (\(user.bits), \(video.bits), \(date.timeIntervalSince1970))
            ON CONFLICT DO NOTHING RETURNING 1
            """).isEmpty
    }

    /// Stores a comment written by a user who lives here.
    public func insertComment(_ comment: Comment) async throws {
        try requireResident(comment.authorID, "author")
        try requireResident(comment.id, "comment")
        try await database.rows("""
            INSERT INTO comments (id, video_id, author_id, author_handle, body, created_at)
            VALUES (\(comment.id.bits), \(comment.videoID.bits), \(comment.authorID.bits), \(comment.authorHandle), \(comment.body),
                \(comment.createdAt.timeIntervalSince1970))
            """)
    }

    /// The comment with this ID.
    public func comment(id: ReelID) async throws -> Comment? {
        try await database.rows("SELECT * FROM comments WHERE id = \(id.bits)").first.map(PostgresRows.comment)
    }

    /// Deletes a comment. Returns whether a row was deleted.
    public func deleteComment(id: ReelID) async throws -> Bool {
        try await !database.rows("DELETE FROM comments WHERE id = \(id.bits) RETURNING 1").isEmpty
    }

    /// Deletes every comment this region's users wrote on a video (the video was deleted).
    public func deleteComments(onVideo video: ReelID) async throws {
        try await database.rows("DELETE FROM comments WHERE video_id = \(video.bits)")
    }

    /// Comments on a video written by this region's users, newest first, older than `cursor`.
    public func comments(on video: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Comment] {
        try await database.rows("""
            SELECT * FROM comments WHERE video_id = \(video.bits) AND (\(cursor?.bits)::BIGINT IS NULL OR id < \(cursor?.bits))
            ORDER BY id DESC LIMIT \(limit)
            """).map(PostgresRows.comment)
    }
}
