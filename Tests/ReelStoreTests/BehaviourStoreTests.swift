import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("Behaviour in a region store", .dropsPostgresSchemas)
struct BehaviourStoreTests {
    @Test("like and unlike report whether they changed anything", arguments: StoreEngine.all)
    func likes(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next()
        let video = f.euIDs.next()
        let other = f.euIDs.next()
        #expect(try await f.us.like(user: user, video: video, at: f.now))
        #expect(try await !f.us.like(user: user, video: video, at: f.now))
        #expect(try await f.us.likedVideos(user: user, among: [video, other]) == [video])
        #expect(try await f.us.likedVideos(user: f.usIDs.next(), among: [video]).isEmpty, "likes are per user")
        #expect(try await f.us.unlike(user: user, video: video))
        #expect(try await !f.us.unlike(user: user, video: video))
        #expect(try await f.us.likedVideos(user: user, among: [video]).isEmpty)
        #expect(try await f.us.like(user: user, video: video, at: f.now), "liking again after unliking changes state")
    }

    @Test("follow and unfollow report whether they changed anything", arguments: StoreEngine.all)
    func follows(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next()
        let creator = f.euIDs.next()
        let later = f.usIDs.next()
        #expect(try await f.us.follow(follower: user, followee: creator, at: f.now))
        #expect(try await !f.us.follow(follower: user, followee: creator, at: f.now))
        #expect(try await f.us.follow(follower: user, followee: later, at: f.now.addingTimeInterval(5)))
        #expect(try await f.us.isFollowing(follower: user, followee: creator))
        #expect(try await !f.us.isFollowing(follower: creator, followee: user), "follows are directed")
        #expect(try await f.us.followees(of: user) == [later, creator], "most recent first")
        #expect(try await f.us.unfollow(follower: user, followee: creator))
        #expect(try await !f.us.unfollow(follower: user, followee: creator))
        #expect(try await !f.us.isFollowing(follower: user, followee: creator))
        #expect(try await f.us.followees(of: user) == [later])
    }

    @Test("not interested reports whether it was new", arguments: StoreEngine.all)
    func notInterested(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next()
        let video = f.euIDs.next()
        #expect(try await f.us.markNotInterested(user: user, video: video, at: f.now))
        #expect(try await !f.us.markNotInterested(user: user, video: video, at: f.now))
    }

    @Test("watch events are stored once per (user, client event ID) and only new ones are returned", arguments: StoreEngine.all)
    func idempotentWatchEvents(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next()
        let video = f.euIDs.next()
        let first = f.watch("k1", user: user, video: video)
        let second = f.watch("k2", user: user, video: video, completed: false)
        #expect(try await f.us.recordWatchEvents([first, second]) == [first, second])
        #expect(try await f.us.recordWatchEvents([first, second]).isEmpty, "a retried batch adds nothing")
        let third = f.watch("k3", user: user, video: video)
        #expect(try await f.us.recordWatchEvents([second, third, first]) == [third], "a mixed batch returns only the new one")
        var changed = first
        changed.watchedMs = 1
        #expect(try await f.us.recordWatchEvents([changed]).isEmpty, "the key decides, not the content")
        let otherUser = f.watch("k1", user: f.usIDs.next(), video: video)
        #expect(try await f.us.recordWatchEvents([otherUser]) == [otherUser], "the same key from another viewer is a different event")
        let dup = f.watch("k9", user: user, video: video)
        #expect(try await f.us.recordWatchEvents([dup, dup]) == [dup], "a key repeated within one batch counts once")
        #expect(try await f.us.recordWatchEvents([]).isEmpty)
        #expect(try await f.rowCount("watchEvents", in: f.us) == 5)
    }

    @Test("seen videos are those watched or marked not interested, per user", arguments: StoreEngine.all)
    func seenVideos(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next()
        let watched = f.euIDs.next()
        let dismissed = f.euIDs.next()
        let liked = f.euIDs.next()
        _ = try await f.us.recordWatchEvents([f.watch("a", user: user, video: watched), f.watch("b", user: user, video: watched)])
        _ = try await f.us.markNotInterested(user: user, video: dismissed, at: f.now)
        _ = try await f.us.like(user: user, video: liked, at: f.now)
        _ = try await f.us.recordWatchEvents([f.watch("c", user: f.usIDs.next(), video: liked)])
        #expect(try await f.us.seenVideoIDs(user: user) == [watched, dismissed])
        #expect(try await f.us.seenVideoIDs(user: f.usIDs.next()).isEmpty)
    }

    @Test("trending ranks by decayed weight: a recent completed watch beats an old one", arguments: StoreEngine.all)
    func trendingDecay(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let halfLife: TimeInterval = 86_400
        let fresh = f.euIDs.next()
        let stale = f.euIDs.next()
        let outside = f.euIDs.next()
        // The stale video is older by ID and has one completed watch two half-lives ago; the fresh one a completed watch now.
        _ = try await f.us.recordWatchEvents([
            f.watch("s", user: f.usIDs.next(), video: stale, at: f.now.addingTimeInterval(-2 * halfLife)),
            f.watch("f", user: f.usIDs.next(), video: fresh, at: f.now),
            f.watch("o", user: f.usIDs.next(), video: outside, at: f.now.addingTimeInterval(-30 * halfLife)),
        ])
        let ranked = try await f.us.trendingVideos(since: f.now.addingTimeInterval(-7 * halfLife), now: f.now, halfLife: halfLife, limit: 10)
        #expect(ranked.map(\.videoID) == [fresh, stale], "events before `since` are left out")
        // A completed watch weighs 3 and halves every half-life.
        #expect(abs(ranked[0].score - 3) < 1e-9)
        #expect(abs(ranked[1].score - 0.75) < 1e-9)
    }

    @Test("trending: more recent weight wins over more old weight, likes and shares count, limit applies", arguments: StoreEngine.all)
    func trendingWeights(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let halfLife: TimeInterval = 3600
        let old = f.euIDs.next()
        let recent = f.euIDs.next()
        let shared = f.euIDs.next()
        var events: [WatchEvent] = []
        for n in 0..<3 {  // 3 completed watches 3 half-lives ago: 3 × 3 / 8 = 1.125
            events.append(f.watch("old\(n)", user: f.usIDs.next(), video: old, at: f.now.addingTimeInterval(-3 * halfLife)))
        }
        events.append(f.watch("recent", user: f.usIDs.next(), video: recent, completed: false, at: f.now))  // 1 incomplete watch now: 1
        _ = try await f.us.recordWatchEvents(events)
        _ = try await f.us.like(user: f.usIDs.next(), video: recent, at: f.now)  // + 4 = 5
        try await f.us.recordShare(user: f.usIDs.next(), video: shared, at: f.now)  // 6
        let ranked = try await f.us.trendingVideos(since: f.now.addingTimeInterval(-86_400), now: f.now, halfLife: halfLife, limit: 10)
        #expect(ranked.map(\.videoID) == [shared, recent, old])
        #expect(abs(ranked[2].score - 1.125) < 1e-9)
        let top = try await f.us.trendingVideos(since: f.now.addingTimeInterval(-86_400), now: f.now, halfLife: halfLife, limit: 2)
        #expect(top.map(\.videoID) == [shared, recent])
    }
}
