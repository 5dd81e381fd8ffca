import CoreMetrics
import Foundation
import GRDB
import ReelCore

/// A record type whose every field is public and may be replicated worldwide.
///
/// Only conforming types can be written to the ``PublicIndex``; a test checks every
/// column of the index against an allow-list.
protocol PublicIndexRecord: UnixTimeRecord {}

extension PublicProfile: PublicIndexRecord {
    public static let databaseTableName = "profiles"
}

extension PublicVideo: PublicIndexRecord {
    public static let databaseTableName = "videos"
}

/// A public comment, as the public index holds it.
struct PublicCommentRecord: Codable, PublicIndexRecord {
    static let databaseTableName = "comments"
    var id: ReelID
    var videoID: ReelID
    var authorID: ReelID
    var authorHandle: String
    var body: String
    var createdAt: Date
}

/// The worldwide index of public content: handles, public profiles, public videos and
/// public comments. It holds nothing personal; see ``PublicIndexRecord``.
public final class PublicIndex: PublicIndexStore {
    let pool: CountingDatabasePool
    /// The database file.
    public let databaseURL: URL

    /// Every column the index may hold, by table. Tests compare the schema against it.
    public static let allowedColumns: [String: Set<String>] = [
        "profiles": ["userID", "handle", "displayName", "bio", "avatarURL", "isPrivate", "followerCount", "followingCount", "likeCount", "videoCount",
                     "hiddenUntil", "isDiscoverable"],
        "videos": ["id", "creatorID", "creatorHandle", "caption", "hashtags", "durationMs", "width", "height", "createdAt",
                   "viewCount", "likeCount", "commentCount", "shareCount", "restrictions"],
        "videoTags": ["tag", "videoID", "display", "searchKey"],
        "comments": ["id", "videoID", "authorID", "authorHandle", "body", "createdAt"],
        // FTS5 tables and their shadow tables hold folded copies of the public text above.
        "videoSearch": ["caption", "hashtags", "handle", "displayName"],
        "videoSearch_content": ["id", "c0", "c1", "c2", "c3"],
        "profileSearch": ["handle", "displayName"],
        "profileSearch_content": ["id", "c0", "c1"],
        "videoSearch_data": ["id", "block"], "videoSearch_idx": ["segid", "term", "pgno"],
        "videoSearch_docsize": ["id", "sz"], "videoSearch_config": ["k", "v"],
        "profileSearch_data": ["id", "block"], "profileSearch_idx": ["segid", "term", "pgno"],
        "profileSearch_docsize": ["id", "sz"], "profileSearch_config": ["k", "v"],
    ]

    /// Opens the index at `databaseURL` (creating an empty file if needed) without touching its
    /// schema; call ``migrate()`` before use.
    /// - Parameter metrics: where failed reads and writes are counted (`reel_store_errors_total`,
    ///   region `public`).
    public init(databaseURL: URL, metrics: any MetricsFactory = MetricsSystem.factory) throws {
        self.databaseURL = databaseURL
        pool = CountingDatabasePool(pool: try DatabaseOpener.open(at: databaseURL, functions: [Self.rankFunction]),
                                    errors: StoreErrorCounter(region: "public", factory: metrics))
    }

    /// The database file's path.
    public var location: String { databaseURL.path }

    /// Applies every migration of the index not yet applied.
    public func migrate() async throws {
        try Self.migrator.migrate(pool.pool)
    }

    /// The schema of the index. Shipped migrations are never edited, only followed.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "profiles") { t in
                t.primaryKey("userID", .integer)
                t.column("handle", .text).notNull().unique()
                t.column("displayName", .text).notNull()
                t.column("bio", .text).notNull()
                t.column("avatarURL", .text)
                t.column("isPrivate", .boolean).notNull()
                t.column("followerCount", .integer).notNull()
                t.column("followingCount", .integer).notNull()
                t.column("likeCount", .integer).notNull()
                t.column("videoCount", .integer).notNull()
            }
            try db.create(table: "videos") { t in
                t.primaryKey("id", .integer)
                t.column("creatorID", .integer).notNull()
                t.column("creatorHandle", .text).notNull()
                t.column("caption", .text).notNull()
                t.column("hashtags", .text).notNull()
                t.column("durationMs", .integer).notNull()
                t.column("width", .integer).notNull()
                t.column("height", .integer).notNull()
                t.column("createdAt", .double).notNull()
                t.column("viewCount", .integer).notNull()
                t.column("likeCount", .integer).notNull()
                t.column("commentCount", .integer).notNull()
                t.column("shareCount", .integer).notNull()
            }
            try db.create(index: "videos_by_creator", on: "videos", columns: ["creatorID", "id"])
            try db.create(table: "videoTags") { t in
                t.column("tag", .text).notNull()
                t.column("videoID", .integer).notNull().references("videos", onDelete: .cascade)
                t.primaryKey(["tag", "videoID"])
            }
            try db.create(table: "comments") { t in
                t.primaryKey("id", .integer)
                t.column("videoID", .integer).notNull().references("videos", onDelete: .cascade)
                t.column("authorID", .integer).notNull()
                t.column("authorHandle", .text).notNull()
                t.column("body", .text).notNull()
                t.column("createdAt", .double).notNull()
            }
            try db.create(index: "comments_by_video", on: "comments", columns: ["videoID", "id"])
        }
        registerSearchMigration(in: &migrator)
        // Moderation (docs/safety.md): the labels a listed video carries (unverified, demoted) and
        // until when an account is hidden (suspended or terminated).
        migrator.registerMigration("actions-v1") { db in
            try db.execute(sql: """
                ALTER TABLE videos ADD COLUMN restrictions INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE profiles ADD COLUMN hiddenUntil DOUBLE;
                """)
        }
        // Accounts under 16 are never publicly listed (docs/safety.md, "Minors"); existing profiles are discoverable
        // until their owner's profile is next republished.
        migrator.registerMigration("minors-v1-discoverable") { db in
            try db.alter(table: "profiles") { t in t.add(column: "isDiscoverable", .boolean).notNull().defaults(to: true) }
        }
        return migrator
    }

    /// Reserves `profile.handle` for its user and publishes the profile.
    /// - Throws: ``ReelError`` `handle_taken` (409) when another user holds the handle.
    public func claimHandle(_ profile: PublicProfile) async throws {
        do {
            try await pool.write { db in
                try profile.insert(db)
                try Self.indexProfile(db, userID: profile.userID, handle: profile.handle, displayName: profile.displayName)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw ReelError.conflict("This handle is taken.", code: "handle_taken")
        }
    }

    /// Removes a user's profile (releasing the handle) and their public videos and comments.
    public func removeUser(_ userID: ReelID) async throws {
        try await pool.write { db in
            try Self.unindexUser(db, userID: userID)
            _ = try PublicProfile.deleteOne(db, key: userID)
            _ = try PublicVideo.filter(Column("creatorID") == userID).deleteAll(db)
            _ = try PublicCommentRecord.filter(Column("authorID") == userID).deleteAll(db)
        }
    }

    /// Merges each full-text index into one segment (FTS5 `optimize`), which drops the terms of
    /// deleted rows that older segments still hold, then checkpoints and truncates the write-ahead
    /// log, so an erased account's public text leaves `public.sqlite` and `public.sqlite-wal`.
    /// - Complexity: O(search index), holding the write lock meanwhile.
    /// - Throws: `DatabaseError` when readers keep the log past the busy timeout.
    public func scrubDeletedRows() async throws {
        try await pool.write { db in
            for table in ["videoSearch", "profileSearch"] {
                try db.execute(sql: "INSERT INTO \(table)(\(table)) VALUES ('optimize')")
            }
        }
        try await DatabaseOpener.truncateLog(pool.pool)
    }

    /// Replaces a user's public profile, and its search entries (profile and their videos' creator columns).
    public func updateProfile(_ profile: PublicProfile) async throws {
        try await pool.write { db in
            try profile.update(db)
            try Self.indexProfile(db, userID: profile.userID, handle: profile.handle, displayName: profile.displayName)
        }
    }

    /// The public profile for a handle (any case).
    public func profile(handle: String) async throws -> PublicProfile? {
        try await pool.read { db in try PublicProfile.filter(Column("handle") == handle.lowercased()).fetchOne(db) }
    }

    /// The public profile of a user.
    public func profile(userID: ReelID) async throws -> PublicProfile? {
        try await pool.read { db in try PublicProfile.fetchOne(db, SQLRequest<PublicProfile>(literal: "SELECT * FROM profiles WHERE userID = \(userID)", cached: true)) }
    }

    /// Publishes or refreshes a public video, its hashtags and its search entry.
    public func upsertVideo(_ video: PublicVideo) async throws {
        try await pool.write { db in
            try video.upsert(db)
            try Self.reindex(db, video)
        }
    }

    /// Replaces the caption and hashtags of a listed video (a caption edit), keeping its hashtag
    /// pages and search entry in step. Returns whether the video was listed; an unlisted one is left alone.
    @discardableResult
    public func updateCaption(of id: ReelID, caption: String, hashtags: [Hashtag]) async throws -> Bool {
        try await pool.write { db in
            guard var video = try PublicVideo.fetchOne(db, key: id) else { return false }
            video.caption = caption
            video.hashtags = hashtags
            try video.update(db)
            try Self.reindex(db, video)
            return true
        }
    }

    private static func reindex(_ db: Database, _ video: PublicVideo) throws {
        try writeTags(db, videoID: video.id, hashtags: video.hashtags)
        let displayName = try String.fetchOne(db, sql: "SELECT displayName FROM profiles WHERE userID = ?", arguments: [video.creatorID])
        try indexVideo(db, id: video.id, caption: video.caption, hashtags: video.hashtags,
                       handle: video.creatorHandle, displayName: displayName)
    }

    /// Withdraws a video (and its tags, comments and search entry). Returns whether it was listed.
    @discardableResult
    public func removeVideo(id: ReelID) async throws -> Bool {
        try await pool.write { db in
            try Self.unindexVideo(db, id: id)
            return try PublicVideo.deleteOne(db, key: id)
        }
    }

    /// A listed video.
    public func video(id: ReelID) async throws -> PublicVideo? {
        try await pool.read { db in try PublicVideo.fetchOne(db, key: id) }
    }

    /// Listed videos by ID, in no particular order; unknown IDs are skipped.
    public func videos(ids: [ReelID]) async throws -> [PublicVideo] {
        guard !ids.isEmpty else { return [] }
        // A cached statement, as for profiles: feed pages repeat the same SQL text on every request.
        return try await pool.read { db in try PublicVideo.fetchAll(db, SQLRequest<PublicVideo>(literal: "SELECT * FROM videos WHERE id IN \(ids)", cached: true)) }
    }

    /// Every listed video in ID order, a page at a time (for loading a recommender's catalogue).
    public func allVideos(after cursor: ReelID?, limit: Int) async throws -> [PublicVideo] {
        try await pool.read { db in
            var request = PublicVideo.all()
            if let cursor { request = request.filter(Column("id") > cursor) }
            return try request.order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    /// A creator's listed videos, newest first, older than `cursor`.
    public func videos(createdBy creators: [ReelID], before cursor: ReelID?, limit: Int) async throws -> [PublicVideo] {
        guard !creators.isEmpty else { return [] }
        return try await pool.read { db in
            var request = PublicVideo.filter(creators.contains(Column("creatorID")))
            if let cursor { request = request.filter(Column("id") < cursor) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// Listed videos with a hashtag, newest first, older than `cursor`.
    public func videos(taggedWith tag: String, before cursor: ReelID?, limit: Int) async throws -> [PublicVideo] {
        try await pool.read { db in
            var sql = "SELECT videos.* FROM videoTags JOIN videos ON videos.id = videoTags.videoID WHERE videoTags.tag = ?"
            var arguments: StatementArguments = [tag]
            if let cursor {
                sql += " AND videoTags.videoID < ?"
                arguments += [cursor]
            }
            sql += " ORDER BY videoTags.videoID DESC LIMIT ?"
            arguments += [limit]
            return try PublicVideo.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    /// Copies aggregate counters of a listed video.
    public func updateCounters(of video: Video) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE videos SET viewCount = ?, likeCount = ?, commentCount = ?, shareCount = ? WHERE id = ?",
                           arguments: [video.viewCount, video.likeCount, video.commentCount, video.shareCount, video.id])
        }
    }

    /// Publishes a comment on a listed video; skips one on a video not listed (see ``PublicIndexStore``).
    public func insertComment(_ comment: Comment) async throws {
        try await pool.write { db in
            // A comment written just as its video turns ready may arrive before the video is listed.
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM videos WHERE id = ?)", arguments: [comment.videoID]) == true else { return }
            try PublicCommentRecord(id: comment.id, videoID: comment.videoID, authorID: comment.authorID,
                                    authorHandle: comment.authorHandle, body: comment.body, createdAt: comment.createdAt).insert(db, onConflict: .ignore)
        }
    }

    /// Withdraws a comment.
    public func removeComment(id: ReelID) async throws {
        try await pool.write { db in _ = try PublicCommentRecord.deleteOne(db, key: id) }
    }

    /// Public comments on a video, newest first, older than `cursor`.
    public func comments(on video: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Comment] {
        try await pool.read { db in
            var request = PublicCommentRecord.filter(Column("videoID") == video)
            if let cursor { request = request.filter(Column("id") < cursor) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db).map {
                Comment(id: $0.id, videoID: $0.videoID, authorID: $0.authorID, authorHandle: $0.authorHandle, body: $0.body, createdAt: $0.createdAt)
            }
        }
    }

    /// Columns of every table, for the allow-list test.
    public func schema() async throws -> [String: [String]] {
        try await pool.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
            var schema: [String: [String]] = [:]
            for table in tables { schema[table] = try db.columns(in: table).map(\.name) }
            return schema
        }
    }
}
