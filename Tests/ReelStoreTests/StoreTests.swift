import Foundation
import GRDB
import ReelCore
import ReelStore
import Testing

/// A fresh region store and public index on real SQLite files, per test.
struct Fixture {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-store-\(UUID().uuidString)")
    let router: RegionRouter
    let index: PublicIndex
    let us: SQLiteRegionStore
    let eu: SQLiteRegionStore
    let usIDs = IDGenerator(regionIndex: 1)
    let euIDs = IDGenerator(regionIndex: 2)

    init() throws {
        router = try RegionRouter(map: .standard, dataDirectory: directory)
        index = try PublicIndex(databaseURL: directory.appendingPathComponent("public/public.sqlite"))
        us = router.store(for: "us")!
        eu = router.store(for: "eu")!
    }

    func account(_ id: ReelID, _ handle: String) -> Account {
        Account(id: id, handle: handle, email: "\(handle)@example.com", passwordHash: "$2b$04$hash", country: "US",
                birthDate: "1990-01-01", displayName: handle, isPrivate: false, createdAt: Date())
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

@Suite("Region stores")
struct StoreTests {
    @Test("a store refuses personal data of a user from another region")
    func residencyGuard() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let euUser = f.euIDs.next()
        let video = f.euIDs.next()
        func isResidencyViolation(_ body: () async throws -> Void) async -> Bool {
            do { try await body(); return false } catch let error as ReelError { return error.code == "residency_violation" } catch { return false }
        }
        #expect(await isResidencyViolation { try await f.us.insertAccount(f.account(euUser, "eu_person")) })
        #expect(await isResidencyViolation { try await f.us.insertSession(Session(id: f.euIDs.next(), userID: euUser, createdAt: Date(), expiresAt: Date())) })
        #expect(await isResidencyViolation { _ = try await f.us.like(user: euUser, video: video, at: Date()) })
        #expect(await isResidencyViolation { _ = try await f.us.follow(follower: euUser, followee: f.usIDs.next(), at: Date()) })
        #expect(await isResidencyViolation { try await f.us.recordShare(user: euUser, video: video, at: Date()) })
        #expect(await isResidencyViolation { _ = try await f.us.markNotInterested(user: euUser, video: video, at: Date()) })
        #expect(await isResidencyViolation {
            try await f.us.insertComment(Comment(id: f.euIDs.next(), videoID: video, authorID: euUser, authorHandle: "x", body: "hi", createdAt: Date()))
        })
        #expect(await isResidencyViolation {
            try await f.us.insertVideoWithJob(Video(id: video, creatorID: euUser, caption: "", visibility: .public, createdAt: Date()), at: Date())
        })
        #expect(await isResidencyViolation {
            _ = try await f.us.recordWatchEvents([WatchEvent(clientEventID: "a", userID: euUser, videoID: video, watchedMs: 1, durationMs: 1,
                                                             completed: true, replayed: false, at: Date())])
        })
        #expect(try await f.us.tableNames().contains("users"))
        let rows = try await DatabaseQueue(path: f.us.databaseURL.path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") }
        #expect(rows == 0)
    }

    @Test("duplicate email and handle are reported with their own codes")
    func duplicates() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        try await f.us.insertAccount(f.account(f.usIDs.next(), "first"))
        var sameEmail = f.account(f.usIDs.next(), "second")
        sameEmail.email = "first@example.com"
        await #expect(throws: ReelError.conflict("an account with this email already exists", code: "email_taken")) { try await f.us.insertAccount(sameEmail) }
        var sameHandle = f.account(f.usIDs.next(), "first")
        sameHandle.email = "other@example.com"
        await #expect(throws: ReelError.conflict("this handle is taken", code: "handle_taken")) { try await f.us.insertAccount(sameHandle) }
    }

    @Test("behaviour writes report whether they changed anything; watch events are idempotent")
    func idempotentBehaviour() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let user = f.usIDs.next()
        let video = f.euIDs.next()
        #expect(try await f.us.like(user: user, video: video, at: Date()))
        #expect(try await !f.us.like(user: user, video: video, at: Date()))
        #expect(try await f.us.likedVideos(user: user, among: [video, f.euIDs.next()]) == [video])
        #expect(try await f.us.unlike(user: user, video: video))
        #expect(try await !f.us.unlike(user: user, video: video))
        let creator = f.euIDs.next()
        #expect(try await f.us.follow(follower: user, followee: creator, at: Date()))
        #expect(try await !f.us.follow(follower: user, followee: creator, at: Date()))
        #expect(try await f.us.followees(of: user) == [creator])
        #expect(try await f.us.unfollow(follower: user, followee: creator))
        #expect(try await !f.us.isFollowing(follower: user, followee: creator))
        let event = WatchEvent(clientEventID: "k1", userID: user, videoID: video, watchedMs: 5, durationMs: 10, completed: false, replayed: false, at: Date())
        var second = event
        second.clientEventID = "k2"
        #expect(try await f.us.recordWatchEvents([event, second]).map(\.clientEventID) == ["k1", "k2"])
        #expect(try await f.us.recordWatchEvents([event, second]).isEmpty)
        let other = f.euIDs.next()
        _ = try await f.us.markNotInterested(user: user, video: other, at: Date())
        #expect(try await f.us.seenVideoIDs(user: user) == [video, other])
    }

    @Test("jobs: oldest first, running jobs requeued, done when the video is ready, gone with the video")
    func jobs() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let creator = f.usIDs.next()
        let first = Video(id: f.usIDs.next(), creatorID: creator, caption: "#one", visibility: .public, createdAt: Date())
        let second = Video(id: f.usIDs.next(), creatorID: creator, caption: "", visibility: .private, createdAt: Date())
        try await f.us.insertVideoWithJob(first, at: Date(timeIntervalSince1970: 100))
        try await f.us.insertVideoWithJob(second, at: Date(timeIntervalSince1970: 200))
        #expect(try await f.us.claimNextJob(at: Date())?.videoID == first.id)
        #expect(try await f.us.claimNextJob(at: Date())?.videoID == second.id)
        #expect(try await f.us.claimNextJob(at: Date()) == nil)
        #expect(try await f.us.requeueInterruptedJobs(at: Date()) == 2)
        let again = try #require(try await f.us.claimNextJob(at: Date()))
        #expect(again.attempts == 2)
        let ready = try await f.us.markVideoReady(id: first.id, durationMs: 1000, width: 720, height: 1280)
        #expect(ready?.status == .ready)
        #expect(ready?.isPubliclyListed == true)
        #expect(try await f.us.deleteVideo(id: second.id))
        #expect(try await f.us.pendingJobs().isEmpty)
    }

    @Test("trending weighs recent completed watches above old ones")
    func trending() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let now = Date()
        let fresh = f.euIDs.next()
        let stale = f.euIDs.next()
        var events: [WatchEvent] = []
        for n in 0..<3 {
            let user = f.usIDs.next()
            events.append(WatchEvent(clientEventID: "s\(n)", userID: user, videoID: stale, watchedMs: 10, durationMs: 10, completed: true,
                                     replayed: false, at: now.addingTimeInterval(-5 * 86_400)))
            if n < 2 {
                events.append(WatchEvent(clientEventID: "f\(n)", userID: user, videoID: fresh, watchedMs: 10, durationMs: 10, completed: true,
                                         replayed: false, at: now.addingTimeInterval(-60)))
            }
        }
        _ = try await f.us.recordWatchEvents(events)
        let ranked = try await f.us.trendingVideos(since: now.addingTimeInterval(-7 * 86_400), now: now, halfLife: 86_400, limit: 10)
        #expect(ranked.map(\.videoID) == [fresh, stale])
        #expect(ranked[0].score > ranked[1].score)
    }

    @Test("router finds the store from the ID's region and refuses unknown regions")
    func router() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(try f.router.store(for: f.usIDs.next()) === f.us)
        #expect(try f.router.store(for: f.euIDs.next()) === f.eu)
        #expect(throws: ReelError.self) { try f.router.store(for: IDGenerator(regionIndex: 17).next()) }
        #expect(f.router.allStores.map(\.region.code) == ["us", "eu", "global"])
    }
}

@Suite("Public index")
struct PublicIndexTests {
    func video(_ f: Fixture, _ caption: String, likes: Int = 0, age: TimeInterval = 0) -> PublicVideo {
        var video = Video(id: f.usIDs.next(), creatorID: f.usIDs.next(), caption: caption, visibility: .public, createdAt: Date().addingTimeInterval(-age))
        video.status = .ready
        video.likeCount = likes
        return PublicVideo(video, creatorHandle: "maker")
    }

    @Test("handles are unique and looked up case-insensitively")
    func handles() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let profile = PublicProfile(userID: f.usIDs.next(), handle: "taken", displayName: "T", bio: "", avatarURL: nil, isPrivate: false,
                                    followerCount: 0, followingCount: 0, likeCount: 0, videoCount: 0)
        try await f.index.claimHandle(profile)
        var clash = profile
        clash.userID = f.euIDs.next()
        await #expect(throws: ReelError.self) { try await f.index.claimHandle(clash) }
        #expect(try await f.index.profile(handle: "TAKEN")?.userID == profile.userID)
        try await f.index.removeUser(profile.userID)
        try await f.index.claimHandle(clash)
    }

    @Test("hashtag pages, literal search patterns and popularity order")
    func listings() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let bread = video(f, "Bread #Baking", likes: 1)
        let cake = video(f, "100% cake #baking #dessert", likes: 9)
        let old = video(f, "snake_case tips", likes: 50, age: 30 * 86_400)
        for item in [bread, cake, old] { try await f.index.upsertVideo(item) }
        #expect(Set(try await f.index.videos(taggedWith: "baking", before: nil, limit: 10).map(\.id)) == [bread.id, cake.id])
        #expect(try await f.index.videos(taggedWith: "dessert", before: nil, limit: 10).map(\.id) == [cake.id])
        #expect(try await f.index.search("100%", before: nil, limit: 10).map(\.id) == [cake.id])
        #expect(try await f.index.search("e_c", before: nil, limit: 10).map(\.id) == [old.id])
        #expect(try await f.index.search("%", before: nil, limit: 10).map(\.id) == [cake.id])
        let popular = try await f.index.popularVideos(now: Date(), halfLife: 3 * 86_400, offset: 0, limit: 10)
        #expect(popular.map(\.id) == [cake.id, bread.id, old.id])
        #expect(try await f.index.removeVideo(id: cake.id))
        #expect(try await f.index.videos(taggedWith: "dessert", before: nil, limit: 10).isEmpty)
    }

    @Test("the schema holds exactly the allow-listed columns")
    func schema() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let schema = try await f.index.schema()
        #expect(Set(schema.keys) == Set(PublicIndex.allowedColumns.keys))
        for (table, columns) in schema { #expect(Set(columns) == PublicIndex.allowedColumns[table]) }
    }
}
