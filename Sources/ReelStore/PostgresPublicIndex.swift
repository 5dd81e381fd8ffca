import CoreMetrics
import Foundation
import Logging
import PostgresNIO
import ReelCore
import ServiceLifecycle

/// The public index on PostgreSQL: the same behaviour, errors and search answers as ``PublicIndex``
/// (SQLite), on a database of its own (``PostgresPublicIndexMigrations``). A ServiceLifecycle
/// `Service` whose ``run()`` runs the connection pool; every SQL value is a bound parameter.
public final class PostgresPublicIndex: PublicIndexStore, Service {
    let database: PostgresDatabase

    /// Every column the index may hold, by table (the PostgreSQL counterpart of ``PublicIndex/allowedColumns``).
    public static let allowedColumns: [String: Set<String>] = [
        "profiles": ["user_id", "handle", "display_name", "bio", "avatar_url", "is_private", "follower_count", "following_count",
                     "like_count", "video_count", "hidden_until", "is_discoverable"],
        "videos": ["id", "creator_id", "creator_handle", "caption", "hashtags", "duration_ms", "width", "height", "created_at",
                   "view_count", "like_count", "comment_count", "share_count", "restrictions"],
        "video_tags": ["tag", "video_id", "display", "search_key"],
        "comments": ["id", "video_id", "author_id", "author_handle", "body", "created_at"],
        // Folded copies of the public text above, and their tokens.
        "video_search": ["id", "caption", "hashtags", "handle", "display_name", "document"],
        "profile_search": ["user_id", "handle", "display_name", "document"],
    ]

    /// Creates the index for a `postgres://` URL (see ``PostgresURL``); nothing connects until ``run()``.
    /// - Throws: when the URL is not a usable PostgreSQL URL.
    /// - Parameter metrics: where failed queries are counted (`reel_store_errors_total`, region `public`).
    public init(url: String, logger: Logger, metrics: any MetricsFactory = MetricsSystem.factory) throws {
        database = try PostgresDatabase(url: url, logger: logger, errors: StoreErrorCounter(region: "public", factory: metrics))
    }

    /// The database URL without its password.
    public var location: String { database.location }

    /// Runs the connection pool until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.database.run() }
    }

    /// Applies every ``PostgresPublicIndexMigrations`` step not yet applied.
    public func migrate() async throws {
        try await database.migrate(PostgresPublicIndexMigrations.all)
    }

    /// Reserves `profile.handle` for its user and publishes the profile.
    /// - Throws: ``ReelError`` `handle_taken` (409) when another user holds the handle.
    public func claimHandle(_ profile: PublicProfile) async throws {
        do {
            try await database.transaction { connection in
                try await connection.query("""
                    INSERT INTO profiles (user_id, handle, display_name, bio, avatar_url, is_private, follower_count, following_count,
                        like_count, video_count, hidden_until, is_discoverable)
                    VALUES (\(profile.userID.bits), \(profile.handle), \(profile.displayName), \(profile.bio), \(profile.avatarURL),
                        \(profile.isPrivate), \(profile.followerCount), \(profile.followingCount), \(profile.likeCount), \(profile.videoCount),
                        \(profile.hiddenUntil?.timeIntervalSince1970), \(profile.isDiscoverable))
                    """, logger: database.logger)
                try await PostgresSearchIndexing.indexProfile(connection, profile, logger: database.logger)
            }
        } catch where PostgresDatabase.uniqueViolation(error) != nil {
            throw ReelError.conflict("This handle is taken.", code: "handle_taken")
        }
    }

    /// Removes a user's profile (releasing the handle) and their public videos and comments.
    public func removeUser(_ userID: ReelID) async throws {
        try await database.transaction { connection in
            for query: PostgresQuery in ["DELETE FROM profiles WHERE user_id = \(userID.bits)",
                                         "DELETE FROM videos WHERE creator_id = \(userID.bits)",
                                         "DELETE FROM comments WHERE author_id = \(userID.bits)"] {
                try await connection.query(query, logger: database.logger)
            }
        }
    }

    /// Nothing to do: PostgreSQL's deleted row versions (and their `tsvector` entries) are out of
    /// every query at once and are reclaimed by (auto)vacuum (docs/deployment.md, "Erasure and deleted data").
    public func scrubDeletedRows() async throws {}

    /// Replaces a user's public profile, and its search entries (profile and their videos' creator columns).
    public func updateProfile(_ profile: PublicProfile) async throws {
        try await database.transaction { connection in
            try await connection.query("""
                UPDATE profiles SET handle = \(profile.handle), display_name = \(profile.displayName), bio = \(profile.bio),
                    avatar_url = \(profile.avatarURL), is_private = \(profile.isPrivate), follower_count = \(profile.followerCount),
                    following_count = \(profile.followingCount), like_count = \(profile.likeCount), video_count = \(profile.videoCount),
                    hidden_until = \(profile.hiddenUntil?.timeIntervalSince1970),
                    is_discoverable = \(profile.isDiscoverable)
                WHERE user_id = \(profile.userID.bits)
                """, logger: database.logger)
            try await PostgresSearchIndexing.indexProfile(connection, profile, logger: database.logger)
        }
    }

    /// The public profile for a handle (any case).
    public func profile(handle: String) async throws -> PublicProfile? {
        try await database.rows("SELECT * FROM profiles WHERE handle = \(handle.lowercased())").first.map(PostgresPublicRows.profile)
    }

    /// The public profile of a user.
    public func profile(userID: ReelID) async throws -> PublicProfile? {
        try await database.rows("SELECT * FROM profiles WHERE user_id = \(userID.bits)").first.map(PostgresPublicRows.profile)
    }

    /// The public profiles of `userIDs` that exist, in no particular order, in one query.
    public func profiles(userIDs: [ReelID]) async throws -> [PublicProfile] {
        guard !userIDs.isEmpty else { return [] }
        return try await database.rows("SELECT * FROM profiles WHERE user_id = ANY(\(userIDs.map(\.bits)))").map(PostgresPublicRows.profile)
    }

    /// Publishes or refreshes a public video, its hashtags and its search entry.
    public func upsertVideo(_ video: PublicVideo) async throws {
        let hashtags = try HashtagReparsing.encode(video.hashtags)
        try await database.transaction { connection in
            try await connection.query("""
                INSERT INTO videos (id, creator_id, creator_handle, caption, hashtags, duration_ms, width, height, created_at,
                    view_count, like_count, comment_count, share_count, restrictions)
                VALUES (\(video.id.bits), \(video.creatorID.bits), \(video.creatorHandle), \(video.caption), \(hashtags),
                    \(video.durationMs), \(video.width), \(video.height), \(video.createdAt.timeIntervalSince1970), \(video.viewCount),
                    \(video.likeCount), \(video.commentCount), \(video.shareCount), \(video.restrictions.rawValue))
                ON CONFLICT (id) DO UPDATE SET creator_id = EXCLUDED.creator_id, creator_handle = EXCLUDED.creator_handle,
                    caption = EXCLUDED.caption, hashtags = EXCLUDED.hashtags, duration_ms = EXCLUDED.duration_ms,
                    width = EXCLUDED.width, height = EXCLUDED.height, created_at = EXCLUDED.created_at,
                    view_count = EXCLUDED.view_count, like_count = EXCLUDED.like_count,
                    comment_count = EXCLUDED.comment_count, share_count = EXCLUDED.share_count,
                    restrictions = EXCLUDED.restrictions
                """, logger: database.logger)
            try await PostgresSearchIndexing.reindex(connection, video, logger: database.logger)
        }
    }

    /// Replaces the caption and hashtags of a listed video. Returns whether the video was listed.
    @discardableResult
    public func updateCaption(of id: ReelID, caption: String, hashtags: [Hashtag]) async throws -> Bool {
        let encoded = try HashtagReparsing.encode(hashtags)
        return try await database.transaction { connection in
            let rows = try await connection.query("""
                UPDATE videos SET caption = \(caption), hashtags = \(encoded) WHERE id = \(id.bits) RETURNING *
                """, logger: database.logger).collect()
            guard let video = try rows.first.map(PostgresPublicRows.video) else { return false }
            try await PostgresSearchIndexing.reindex(connection, video, logger: database.logger)
            return true
        }
    }

    /// Withdraws a video (its tags, comments and search entry go with it). Returns whether it was listed.
    @discardableResult
    public func removeVideo(id: ReelID) async throws -> Bool {
        try await !database.rows("DELETE FROM videos WHERE id = \(id.bits) RETURNING 1").isEmpty
    }

    /// A listed video.
    public func video(id: ReelID) async throws -> PublicVideo? {
        try await database.rows("SELECT * FROM videos WHERE id = \(id.bits)").first.map(PostgresPublicRows.video)
    }

    /// Listed videos by ID, in no particular order; unknown IDs are skipped.
    public func videos(ids: [ReelID]) async throws -> [PublicVideo] {
        guard !ids.isEmpty else { return [] }
        return try await database.rows("SELECT * FROM videos WHERE id = ANY(\(ids.map(\.bits)))").map(PostgresPublicRows.video)
    }

    /// Every listed video in ID order, a page at a time.
    public func allVideos(after cursor: ReelID?, limit: Int) async throws -> [PublicVideo] {
        try await database.rows("""
            SELECT * FROM videos WHERE (\(cursor?.bits)::BIGINT IS NULL OR id > \(cursor?.bits)) ORDER BY id LIMIT \(limit)
            """).map(PostgresPublicRows.video)
    }

    /// Creators' listed videos, newest first, older than `cursor`.
    public func videos(createdBy creators: [ReelID], before cursor: ReelID?, limit: Int) async throws -> [PublicVideo] {
        guard !creators.isEmpty else { return [] }
        return try await database.rows("""
            SELECT * FROM videos WHERE creator_id = ANY(\(creators.map(\.bits))) AND (\(cursor?.bits)::BIGINT IS NULL OR id < \(cursor?.bits))
            ORDER BY id DESC LIMIT \(limit)
            """).map(PostgresPublicRows.video)
    }

    /// Listed videos with a hashtag key, newest first, older than `cursor`.
    public func videos(taggedWith tag: String, before cursor: ReelID?, limit: Int) async throws -> [PublicVideo] {
        try await database.rows("""
            SELECT videos.* FROM video_tags JOIN videos ON videos.id = video_tags.video_id
            WHERE video_tags.tag = \(tag) AND (\(cursor?.bits)::BIGINT IS NULL OR video_tags.video_id < \(cursor?.bits))
            ORDER BY video_tags.video_id DESC LIMIT \(limit)
            """).map(PostgresPublicRows.video)
    }

    /// Copies aggregate counters of a listed video.
    public func updateCounters(of video: Video) async throws {
        try await database.rows("""
            UPDATE videos SET view_count = \(video.viewCount), like_count = \(video.likeCount), comment_count = \(video.commentCount),
                share_count = \(video.shareCount) WHERE id = \(video.id.bits)
            """)
    }

    /// Publishes a comment on a listed video (a repeat is ignored); skips one on a video not listed
    /// (see ``PublicIndexStore``), which would otherwise violate the foreign key.
    public func insertComment(_ comment: Comment) async throws {
        try await database.rows("""
            INSERT INTO comments (id, video_id, author_id, author_handle, body, created_at)
            SELECT \(comment.id.bits), \(comment.videoID.bits), \(comment.authorID.bits), \(comment.authorHandle), \(comment.body),
                \(comment.createdAt.timeIntervalSince1970)
            WHERE EXISTS (SELECT 1 FROM videos WHERE id = \(comment.videoID.bits))
            ON CONFLICT DO NOTHING
            """)
    }

    /// Withdraws a comment.
    public func removeComment(id: ReelID) async throws {
        try await database.rows("DELETE FROM comments WHERE id = \(id.bits)")
    }

    /// Public comments on a video, newest first, older than `cursor`.
    public func comments(on video: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Comment] {
        try await database.rows("""
            SELECT * FROM comments WHERE video_id = \(video.bits) AND (\(cursor?.bits)::BIGINT IS NULL OR id < \(cursor?.bits))
            ORDER BY id DESC LIMIT \(limit)
            """).map(PostgresRows.comment)
    }

    /// Columns of every table of the index's schema (without `schema_migrations`).
    public func schema() async throws -> [String: [String]] {
        var schema: [String: [String]] = [:]
        for row in try await database.rows("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position
            """) {
            let (table, column) = try row.decode((String, String).self)
            schema[table, default: []].append(column)
        }
        return schema
    }
}
