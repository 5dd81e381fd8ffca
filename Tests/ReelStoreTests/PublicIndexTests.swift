import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("Public index", .dropsPostgresSchemas)
struct PublicIndexTests {
    func profile(_ id: ReelID, handle: String) -> PublicProfile {
        PublicProfile(userID: id, handle: handle, displayName: handle.capitalized, bio: "", avatarURL: nil, isPrivate: false,
                      followerCount: 0, followingCount: 0, likeCount: 0, videoCount: 0)
    }

    /// A ready public video; `ageDays` sets how long ago it was made.
    func publicVideo(_ f: IndexFixture, _ caption: String, handle: String = "maker", views: Int = 0, likes: Int = 0,
                     ageDays: Double = 0) -> PublicVideo {
        var video = Video(id: f.usIDs.next(), creatorID: f.usIDs.next(), caption: caption, visibility: .public,
                          createdAt: f.now.addingTimeInterval(-ageDays * 86_400))
        video.status = .ready
        video.durationMs = 10_000
        video.width = 720
        video.height = 1280
        video.viewCount = views
        video.likeCount = likes
        return PublicVideo(video, creatorHandle: handle)
    }

    @Test("a handle held by another user is handle_taken (409); removing the user frees it", arguments: StoreEngine.all)
    func claimHandleConflict(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let owner = profile(f.usIDs.next(), handle: "taken")
        try await f.index.claimHandle(owner)
        let clash = profile(f.euIDs.next(), handle: "taken")
        await expectReelError("handle_taken", kind: .conflict) { try await f.index.claimHandle(clash) }
        #expect(try await f.index.profile(handle: "taken")?.userID == owner.userID)
        #expect(try await f.index.profile(userID: clash.userID) == nil)
        try await f.index.removeUser(owner.userID)
        #expect(try await f.index.profile(handle: "taken") == nil)
        try await f.index.claimHandle(clash)
        #expect(try await f.index.profile(handle: "taken")?.userID == clash.userID)
    }

    @Test("handle lookup ignores case", arguments: StoreEngine.all, ["mixed_case", "MIXED_CASE", "Mixed_Case"])
    func caseInsensitiveHandle(_ engine: StoreEngine, _ query: String) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let owner = profile(f.usIDs.next(), handle: "mixed_case")
        try await f.index.claimHandle(owner)
        #expect(try await f.index.profile(handle: query) == owner)
        #expect(try await f.index.profile(handle: "mixed") == nil)
    }

    @Test("a hashtag page lists the tagged videos newest first, pages with a cursor and drops removed videos", arguments: StoreEngine.all)
    func hashtagPages(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let bread = publicVideo(f, "Bread #Baking")
        let untagged = publicVideo(f, "baking without a tag")
        let cake = publicVideo(f, "Cake #baking #Dessert")
        let pie = publicVideo(f, "Pie #BAKING")
        for video in [bread, untagged, cake, pie] { try await f.index.upsertVideo(video) }
        #expect(try await f.index.videos(taggedWith: "baking", before: nil, limit: 10).map(\.id) == [pie.id, cake.id, bread.id])
        let firstPage = try await f.index.videos(taggedWith: "baking", before: nil, limit: 2)
        #expect(firstPage.map(\.id) == [pie.id, cake.id])
        #expect(try await f.index.videos(taggedWith: "baking", before: firstPage.last?.id, limit: 2).map(\.id) == [bread.id])
        #expect(try await f.index.videos(taggedWith: "dessert", before: nil, limit: 10).map(\.id) == [cake.id])
        #expect(try await f.index.videos(taggedWith: "nothing", before: nil, limit: 10).isEmpty)

        // Re-publishing with a new caption replaces the tags.
        var edited = cake
        edited.caption = "Cake #party"
        edited.hashtags = Hashtags.parse(edited.caption)
        try await f.index.upsertVideo(edited)
        #expect(try await f.index.videos(taggedWith: "dessert", before: nil, limit: 10).isEmpty)
        #expect(try await f.index.videos(taggedWith: "party", before: nil, limit: 10).map(\.id) == [cake.id])

        #expect(try await f.index.removeVideo(id: pie.id))
        #expect(try await !f.index.removeVideo(id: pie.id))
        #expect(try await f.index.videos(taggedWith: "baking", before: nil, limit: 10).map(\.id) == [bread.id])
    }

    @Test("popular videos rank by engagement with time decay, ties newest first, and page by keyset after an entry", arguments: StoreEngine.all)
    func popularOrdering(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let halfLife: TimeInterval = 3 * 86_400
        let liked = publicVideo(f, "liked", likes: 10)              // 41
        let viewed = publicVideo(f, "viewed", views: 20)            // 21
        let oldHit = publicVideo(f, "old hit", likes: 40, ageDays: 9)  // 161 / 8 ≈ 20.1
        let quiet = publicVideo(f, "quiet")                         // 1
        let quietNewer = publicVideo(f, "quiet newer")              // 1, larger ID
        for video in [quiet, oldHit, liked, quietNewer, viewed] { try await f.index.upsertVideo(video) }
        let ranked = try await f.index.popularRanking(now: f.now, halfLife: halfLife, limit: 10)
        #expect(ranked.map(\.id) == [liked.id, viewed.id, oldHit.id, quietNewer.id, quiet.id])
        #expect(abs(ranked[2].score - 161.0 / 8) < 1e-9)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $1.ranksAfter($0) })
        let secondPage = try await f.index.popularRanking(now: f.now, halfLife: halfLife, after: ranked[1], limit: 2)
        #expect(secondPage == Array(ranked[2 ..< 4]))
        // A tie on score continues by ID, so equal scores are neither repeated nor skipped.
        #expect(try await f.index.popularRanking(now: f.now, halfLife: halfLife, after: ranked[3], limit: 5) == [ranked[4]])

        // Fresh engagement moves a video up.
        var boosted = quiet
        boosted.likeCount = 100
        try await f.index.upsertVideo(boosted)
        #expect(try await f.index.popularRanking(now: f.now, halfLife: halfLife, limit: 1).map(\.id) == [quiet.id])
    }

    @Test("schema() equals the engine's allowedColumns exactly, and nothing personal is allowed", arguments: StoreEngine.all)
    func schemaAllowList(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        // Write one of everything so lazily created tables would show up too.
        let owner = profile(f.usIDs.next(), handle: "owner")
        try await f.index.claimHandle(owner)
        let video = publicVideo(f, "#tag")
        try await f.index.upsertVideo(video)
        try await f.index.insertComment(Comment(id: f.usIDs.next(), videoID: video.id, authorID: owner.userID, authorHandle: "owner",
                                                body: "nice", createdAt: f.now))
        let schema = try await f.index.schema()
        let allowed = engine == .sqlite ? PublicIndex.allowedColumns : PostgresPublicIndex.allowedColumns
        #expect(schema.mapValues { Set($0) } == allowed)
        for (table, columns) in schema { #expect(columns.count == Set(columns).count, "\(table) lists a column twice") }
        let personal = ["email", "passwordHash", "birthDate", "country", "isPersonalisedFeed", "watchedMs", "ip",
                        "password_hash", "birth_date", "is_personalised_feed", "watched_ms"]
        for (table, columns) in allowed {
            #expect(columns.isDisjoint(with: personal), "\(table) allows a personal column")
        }
    }

    @Test("public comments are listed newest first and go with their video", arguments: StoreEngine.all)
    func comments(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let video = publicVideo(f, "talk")
        try await f.index.upsertVideo(video)
        let author = f.usIDs.next()
        let first = Comment(id: f.usIDs.next(), videoID: video.id, authorID: author, authorHandle: "a", body: "first", createdAt: f.now)
        let second = Comment(id: f.usIDs.next(), videoID: video.id, authorID: author, authorHandle: "a", body: "second", createdAt: f.now)
        try await f.index.insertComment(first)
        try await f.index.insertComment(second)
        #expect(try await f.index.comments(on: video.id, before: nil, limit: 10) == [second, first])
        #expect(try await f.index.comments(on: video.id, before: second.id, limit: 10) == [first])
        try await f.index.removeVideo(id: video.id)
        #expect(try await f.index.comments(on: video.id, before: nil, limit: 10).isEmpty)
    }

    @Test("a comment on a video not listed yet (it just turned ready) is skipped, not an error, on every engine",
          arguments: StoreEngine.all)
    func commentBeforeListing(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let video = publicVideo(f, "soon")
        let early = Comment(id: f.usIDs.next(), videoID: video.id, authorID: f.usIDs.next(), authorHandle: "a", body: "early", createdAt: f.now)
        // PostgreSQL's foreign key refused it with a server error, which reached the commenter as a 500.
        try await f.index.insertComment(early)
        try await f.index.upsertVideo(video)
        #expect(try await f.index.comments(on: video.id, before: nil, limit: 10).isEmpty, "the publisher copies it when it lists the video")
        try await f.index.insertComment(early)
        #expect(try await f.index.comments(on: video.id, before: nil, limit: 10) == [early])
    }
}
