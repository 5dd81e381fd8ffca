import Foundation
import GRDB
import ReelCore
import ReelStore
import Testing

/// Tags stored before the Unicode-aware normaliser (lower-cased strings, NFC and NFD apart) are
/// re-parsed from their captions when a database is migrated, so old videos match today's keys.
@Suite("Hashtag migration", .dropsPostgresSchemas)
struct HashtagMigrationTests {
    static let caption = "Old post #Café #cafe\u{301} #ＲＥＥＬ #re\u{200D}el"
    static let legacyTags = ["caf\u{E9}", "cafe\u{301}", "ｒｅｅｌ", "re\u{200D}el"]

    static func legacyJSON() throws -> String {
        String(decoding: try JSONEncoder().encode(legacyTags), as: UTF8.self)
    }

    @Test("the public index re-parses old tags, rebuilds hashtag pages and indexes old videos for search")
    func publicIndex() async throws {
        let f = try await IndexFixture()
        defer { f.cleanUp() }
        let url = f.directory.appendingPathComponent("public/public.sqlite")
        let profile = PublicProfile(userID: f.usIDs.next(), handle: "oldtimer", displayName: "Old Timer", bio: "", avatarURL: nil,
                                    isPrivate: false, followerCount: 0, followingCount: 0, likeCount: 0, videoCount: 0)
        try await f.index.claimHandle(profile)
        var video = Video(id: f.usIDs.next(), creatorID: profile.userID, caption: Self.caption, visibility: .public, createdAt: f.now)
        video.status = .ready
        try await f.index.upsertVideo(PublicVideo(video, creatorHandle: "oldtimer"))
        let videoID = video.id

        // Put the file back the way the v1 schema and the old parser left it.
        let queue = try DatabaseQueue(path: url.path)
        try await queue.write { db in
            try db.execute(sql: "DROP TABLE videoSearch")
            try db.execute(sql: "DROP TABLE profileSearch")
            try db.execute(sql: "DROP INDEX videoTags_by_searchKey")
            try db.execute(sql: "ALTER TABLE videoTags DROP COLUMN display")
            try db.execute(sql: "ALTER TABLE videoTags DROP COLUMN searchKey")
            try db.execute(sql: "UPDATE videos SET hashtags = ?", arguments: [try Self.legacyJSON()])
            try db.execute(sql: "DELETE FROM videoTags")
            for tag in Self.legacyTags {
                try db.execute(sql: "INSERT INTO videoTags (tag, videoID) VALUES (?, ?)", arguments: [tag, videoID])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-search'")
        }
        try queue.close()

        let migrated = try PublicIndex(databaseURL: url)
        try await migrated.migrate()
        let expected = [Hashtag(display: "Café", key: "café"), Hashtag(display: "ＲＥＥＬ", key: "reel")]
        #expect(try await migrated.video(id: video.id)?.hashtags == expected)
        for key in ["caf\u{E9}", Hashtags.normalise("#CAFE\u{301}"), "reel", Hashtags.normalise("＃Ｒｅｅｌ")] {
            #expect(try await migrated.videos(taggedWith: key, before: nil, limit: 10).map(\.id) == [video.id], "tag \(key)")
        }
        #expect(try await migrated.searchVideos(SearchText.terms("CAFE reel"), after: nil, limit: 10).items.map(\.id) == [video.id])
        #expect(try await migrated.searchProfiles(SearchText.terms("old timer"), after: nil, limit: 10).items.map(\.userID) == [profile.userID])
        #expect(try await migrated.searchHashtags(SearchText.terms("caf"), after: nil, limit: 10).items
            == [HashtagSummary(key: "café", display: "Café", videoCount: 1)])
    }

    @Test("a region database re-parses old tags into display forms and keys")
    func regionStore() async throws {
        let f = try await StoreFixture()
        defer { f.cleanUp() }
        let video = Video(id: f.usIDs.next(), creatorID: f.usIDs.next(), caption: Self.caption, visibility: .public, createdAt: f.now)
        try await f.us.insertVideoWithJob(video, at: f.now)
        let us = try #require(f.us as? SQLiteRegionStore)
        let queue = try DatabaseQueue(path: us.databaseURL.path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE videos SET hashtags = ?", arguments: [try Self.legacyJSON()])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-hashtag-objects'")
        }
        try queue.close()
        let reopened = try SQLiteRegionStore(region: us.region, databaseURL: us.databaseURL)
        try await reopened.migrate()
        #expect(try await reopened.video(id: video.id)?.hashtags == Hashtags.parse(Self.caption))
        #expect(Hashtags.parse(Self.caption).map(\.key) == ["café", "reel"])
    }
}
