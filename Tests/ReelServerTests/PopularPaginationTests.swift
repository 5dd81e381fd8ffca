import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// Popular pages through one ranking snapshot per browsing session (issue 8, item 10).
@Suite("Popular pagination")
struct PopularPaginationTests {
    static func ids(_ page: Page<FeedItem>) -> [ReelID] { page.items.map(\.video.id) }

    @Test("an upload or a like between pages neither repeats nor skips a video (issue 8 examples)")
    func issueExamples() async throws {
        let reel = try await TestApp.make { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let alice = try await client.signUp("alice")
            let fans = [try await client.signUp("fan1"), try await client.signUp("fan2", country: "DE"), try await client.signUp("fan3", country: "BR")]
            let v1 = try await client.publishClip(as: alice, caption: "one").id
            let v2 = try await client.publishClip(as: alice, caption: "two").id
            let v3 = try await client.publishClip(as: alice, caption: "three").id

            // Upload between pages: page 2 must not repeat page 1's last video.
            let first = try await client.send(.get, "/v1/feed?kind=popular&limit=2").decode(Page<FeedItem>.self)
            #expect(Self.ids(first) == [v3, v2])
            let v4 = try await client.publishClip(as: alice, caption: "four").id
            let second = try await client.send(.get, "/v1/feed?kind=popular&limit=2&cursor=\(try #require(first.nextCursor))").decode(Page<FeedItem>.self)
            #expect(Self.ids(second) == [v1])
            #expect(second.nextCursor == nil)
            // A new session sees the new upload.
            let fresh = try await client.send(.get, "/v1/feed?kind=popular&limit=2").decode(Page<FeedItem>.self)
            #expect(Self.ids(fresh) == [v4, v3])

            // Like between pages: the liked video moves to the top of the live ranking, but this
            // session neither repeats v3 nor loses v1.
            for fan in fans { #expect(try await client.send(.put, "/v1/videos/\(v1)/like", headers: fan.headers).status == .ok) }
            let rest = try await client.send(.get, "/v1/feed?kind=popular&limit=2&cursor=\(try #require(fresh.nextCursor))").decode(Page<FeedItem>.self)
            #expect(Self.ids(rest) == [v2, v1])
            #expect(rest.nextCursor == nil)
            let live = try await client.send(.get, "/v1/feed?kind=popular&limit=4").decode(Page<FeedItem>.self)
            #expect(Self.ids(live) == [v1, v4, v3, v2])

            #expect(try await client.send(.get, "/v1/feed?kind=popular&cursor=o2").errorCode == "invalid_cursor")
            #expect(try await client.send(.get, "/v1/feed?kind=popular&cursor=p1.1.zz.x").status == .badRequest)
            let future = PopularCursor(takenAt: Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000, last: PopularityEntry(id: v1, score: 1))
            #expect(try await client.send(.get, "/v1/feed?kind=popular&cursor=\(future.encoded)").errorCode == "invalid_cursor")
        }
    }

    @Test("paging while videos are uploaded, liked, unliked, deleted, made private and dismissed serves each once and skips none still visible")
    func underWrites() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creators = [try await f.user("c_us"), try await f.user("c_eu", country: "FR"), try await f.user("c_gl", country: "JP")]
        let fans = [try await f.user("fan1"), try await f.user("fan2", country: "DE"), try await f.user("fan3", country: "IN")]
        var initial: [ReelID] = []
        for n in 0 ..< 24 { initial.append(try await f.video(by: creators[n % 3], caption: "clip \(n)")) }
        for n in stride(from: 0, to: 24, by: 4) { _ = try await f.app.social.setLiked(fans[0].id, video: initial[n], isLiked: true) }
        let viewer = try await f.user("viewer", country: "ES")
        let (deleted, madePrivate, dismissed) = (initial[17], initial[18], initial[19])
        try await f.http { [initial] client in
            let served = try await ListingFixture.pageThrough(client, "/v1/feed?kind=popular&limit=4", as: viewer, item: FeedItem.self,
                                                              id: \.video.id) { page in
                try await f.video(by: creators[page % 3], caption: "new \(page)")
                // Likes lift unserved videos over served ones; likes and unlikes move served ones.
                _ = try await f.app.social.setLiked(fans[page % 3].id, video: initial[page], isLiked: true)
                _ = try await f.app.social.setLiked(fans[0].id, video: initial[0], isLiked: page % 2 == 0)
                if page == 1 {
                    try await f.app.videos.delete(deleted, by: creators[17 % 3].id)
                    _ = try await f.app.videos.edit(madePrivate, by: creators[18 % 3].id, caption: nil, visibility: .private)
                    try await f.app.social.notInterested(viewer.id, video: dismissed)
                }
            }
            #expect(Set(served).count == served.count, "a video was served twice: \(served)")
            let hidden: Set<ReelID> = [deleted, madePrivate, dismissed]
            #expect(Set(served).isDisjoint(with: hidden), "a deleted, private or dismissed video was served")
            #expect(Set(initial).subtracting(hidden).isSubset(of: Set(served)), "a video was skipped")
        }
    }

    @Test("after a restart the cursor continues without repeats, and misses only a video that rose past it before the restart")
    func afterRestart() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let fans = [try await f.user("fan1"), try await f.user("fan2", country: "DE")]
        var initial: [ReelID] = []
        for n in 0 ..< 12 { initial.append(try await f.video(by: creator, caption: "clip \(n)")) }
        for n in [2, 5, 7] { _ = try await f.app.social.setLiked(fans[0].id, video: initial[n], isLiked: true) }
        let first = try await f.http { client in
            try await client.send(.get, "/v1/feed?kind=popular&limit=4").decode(Page<FeedItem>.self)
        }
        let firstIDs = Self.ids(first)
        // Engagement on served videos only raises them; an unserved one rising past the cursor
        // may be skipped (the documented limit), so it is left out of the coverage check.
        for id in firstIDs { _ = try await f.app.social.setLiked(fans[1].id, video: id, isLiked: true) }
        let risen = try #require(initial.first { !firstIDs.contains($0) })
        for fan in fans { _ = try await f.app.social.setLiked(fan.id, video: risen, isLiked: true) }
        try await f.video(by: creator, caption: "after")

        let start = try #require(first.nextCursor)
        let restarted = try await ListingFixture(reopening: f)
        let lateFan = try await restarted.user("fan3", country: "IN")
        // The snapshot rebuilt for the cursor is kept: likes after the restart no longer move videos.
        let rest = try await restarted.http { [initial] client in
            try await ListingFixture.pageThrough(client, "/v1/feed?kind=popular&limit=3", item: FeedItem.self, id: \.video.id,
                                                 from: start) { _ in
                for id in initial.reversed() { _ = try await restarted.app.social.setLiked(lateFan.id, video: id, isLiked: true) }
            }
        }
        let served = firstIDs + rest
        #expect(Set(served).count == served.count, "a video was served twice: \(served)")
        #expect(Set(initial).subtracting([risen]).isSubset(of: Set(served)), "a video was skipped")
    }

    @Test("a session reading past a truncated snapshot continues in the same order", arguments: [1, 3, 5])
    func pastTruncatedSnapshot(limit: Int) async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let fan = try await f.user("fan")
        var videos: [ReelID] = []
        for n in 0 ..< 11 { videos.append(try await f.video(by: creator, caption: "clip \(n)")) }
        for n in [1, 4, 9] { _ = try await f.app.social.setLiked(fan.id, video: videos[n], isLiked: true) }
        let app = f.app
        let feeds = FeedService(socialStores: app.feeds.socialStores, videoStores: app.feeds.videoStores, publicIndex: app.stores.publicIndex,
                                ids: app.ids, videos: app.videos, accounts: app.accounts, recommender: app.recommender,
                                popularRanking: PopularRanking(index: app.stores.publicIndex, depth: 4))
        let full = try await app.feeds.popular(viewer: nil, cursor: nil, limit: 50)
        var served: [ReelID] = []
        var cursor: String?
        repeat {
            let page = try await feeds.popular(viewer: nil, cursor: cursor, limit: limit)
            served += Self.ids(page)
            cursor = page.nextCursor
        } while cursor != nil && served.count <= videos.count
        #expect(served == Self.ids(full))
        #expect(served.count == videos.count)
    }

    @Test("new sessions share a snapshot for refreshInterval seconds; a session keeps its own for retention seconds, then gets it rebuilt")
    func snapshotLifetimes() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let older = try await f.video(by: creator, caption: "older")
        let ranking = PopularRanking(index: f.app.stores.publicIndex, refreshInterval: 30, retention: 600)
        let start = Date()
        let first = try await ranking.latest(now: start)
        let newer = try await f.video(by: creator, caption: "newer")
        #expect(try await ranking.latest(now: start + 29).takenAt == first.takenAt)
        let second = try await ranking.latest(now: start + 31)
        #expect(second.takenAt > first.takenAt)
        #expect(second.entries.map(\.id) == [newer, older])
        // The first session still reads its own ordering, without the newer upload.
        #expect(try await ranking.entries(session: first.takenAt, after: nil, limit: 10, now: start + 60).map(\.id) == [older])
        // Both expire; the first session's snapshot is rebuilt for its instant from today's index.
        let third = try await ranking.latest(now: start + 700)
        #expect(try await ranking.entries(session: first.takenAt, after: nil, limit: 10, now: start + 700).map(\.id) == [newer, older])
        // A snapshot rebuilt for a cursor (here one from another node, taken a second after ours)
        // never serves new sessions.
        _ = try await ranking.entries(session: third.takenAt + 1000, after: nil, limit: 10, now: start + 705)
        #expect(try await ranking.latest(now: start + 710).takenAt == third.takenAt)
    }

    @Test("a cursor is bound to its snapshot and round-trips its score exactly")
    func cursorRoundTrip() throws {
        let cursor = PopularCursor(takenAt: 1_795_000_000_123, last: PopularityEntry(id: ReelID(rawValue: 987_654_321), score: 0.1 + 0.2))
        #expect(try PopularCursor(decoding: cursor.encoded) == cursor)
        for bad in ["", "o10", "p1.5.3ff0000000000000", "p2.5.3ff0000000000000.AAAA", "p1.5.7ff0000000000000.\(ReelID(rawValue: 5))"] {
            #expect(throws: ReelError.self) { try PopularCursor(decoding: bad) }
        }
    }
}
