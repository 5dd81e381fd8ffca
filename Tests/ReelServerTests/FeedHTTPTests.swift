import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

@Suite("Feeds over HTTP", .dropsEngineScratch)
struct FeedHTTPTests {
    @Test("following: newest first from followed accounts only, including followers-only videos, paginated", arguments: TestEngine.all)
    func following(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let alice = try await client.signUp("alice", country: "US")
            let bruno = try await client.signUp("bruno", country: "IT")
            let carla = try await client.signUp("carla", country: "MX")
            let reader = try await client.signUp("reader", country: "DE")
            let a1 = try await client.publishClip(as: alice, caption: "a1")
            let b1 = try await client.publishClip(as: bruno, caption: "b1", visibility: "followers")
            _ = try await client.publishClip(as: carla, caption: "c1")
            let a2 = try await client.publishClip(as: alice, caption: "a2")
            _ = try await client.publishClip(as: alice, caption: "hidden", visibility: "private")
            _ = try await client.send(.put, "/v1/users/alice/follow", headers: reader.headers)
            _ = try await client.send(.put, "/v1/users/bruno/follow", headers: reader.headers)
            let first = try await client.send(.get, "/v1/feed?kind=following&limit=2", headers: reader.headers).decode(Page<FeedItem>.self)
            #expect(first.items.map(\.video.id) == [a2.id, b1.id])
            #expect(first.items.allSatisfy { $0.source == "following" })
            let next = try #require(first.nextCursor)
            let second = try await client.send(.get, "/v1/feed?kind=following&limit=2&cursor=\(next)", headers: reader.headers).decode(Page<FeedItem>.self)
            #expect(second.items.map(\.video.id) == [a1.id])
            #expect(second.nextCursor == nil)
            #expect(try await client.send(.get, "/v1/feed?kind=following").status == .unauthorized)
            #expect(try await client.send(.get, "/v1/feed?kind=sideways", headers: reader.headers).status == .badRequest)
        }
    }

    @Test("for you: trending in the viewer's region first, never a watched or not-interested video", arguments: TestEngine.all)
    func forYou(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let euFan = try await client.signUp("eufan", country: "DE")
            let viewer = try await client.signUp("euviewer", country: "ES")
            let usViewer = try await client.signUp("usviewer", country: "US")
            var videos: [VideoView] = []
            for (index, country) in ["FR", "US", "JP", "IT"].enumerated() {
                let creator = try await client.signUp("chef\(index)", country: country)
                videos.append(try await client.publishClip(as: creator, caption: "dish \(index) #cooking"))
            }
            let hot = videos[1]
            let batch = (0..<3).map { "{\"id\":\"hot-\($0)\",\"videoID\":\"\(hot.id)\",\"watchedMs\":1000,\"durationMs\":1000,\"completed\":true}" }
            _ = try await client.send(.post, "/v1/events", headers: euFan.headers, json: "{\"events\":[\(batch.joined(separator: ","))]}")
            let page = try await client.send(.get, "/v1/feed?kind=foryou", headers: viewer.headers).decode(Page<FeedItem>.self)
            #expect(page.items.first?.video.id == hot.id)
            #expect(page.items.first?.source == "trending")
            #expect(Set(page.items.map(\.video.id)) == Set(videos.map(\.id)))
            #expect(page.items.allSatisfy { !$0.reason.isEmpty && $0.reason == $0.why.sentence })
            #expect(page.items.first?.why.kind == "popularInRegion")
            #expect(page.items.first?.reason == "Popular in the \(try #require(page.items.first?.why.region)) region today.")
            // Each region learns only from its own users: EU behaviour makes nothing trending in the US.
            let usPage = try await client.send(.get, "/v1/feed?kind=foryou", headers: usViewer.headers).decode(Page<FeedItem>.self)
            #expect(!usPage.items.isEmpty)
            #expect(usPage.items.allSatisfy { $0.source != "trending" })

            _ = try await client.send(.post, "/v1/events", headers: viewer.headers,
                                      json: "{\"events\":[{\"id\":\"w1\",\"videoID\":\"\(videos[0].id)\",\"watchedMs\":500,\"durationMs\":1000,\"completed\":false}]}")
            _ = try await client.send(.post, "/v1/videos/\(videos[2].id)/not-interested", headers: viewer.headers)
            let after = try await client.send(.get, "/v1/feed?kind=foryou", headers: viewer.headers).decode(Page<FeedItem>.self)
            // The unseen videos first; then, rather than an empty end, the watched one again, marked as
            // such; never the one the viewer said "not interested" to.
            #expect(Set(after.items.prefix(2).map(\.video.id)) == [videos[1].id, videos[3].id])
            #expect(after.items.count == 3)
            #expect(after.items.last?.video.id == videos[0].id)
            #expect(after.items.last?.source == "watched_before" && after.items.last?.why.kind == "watchedBefore")
            #expect(!after.items.contains { $0.video.id == videos[2].id })
            let why = try await client.send(.get, "/v1/feed/items/\(hot.id)/why", headers: viewer.headers)
            #expect(why.status == .ok)
            let explained = try why.decode(WhyBody.self)
            #expect(explained.why.kind == "popularInRegion" && explained.reason == explained.why.sentence)
            let paged = try await client.send(.get, "/v1/feed?kind=foryou&limit=1", headers: viewer.headers).decode(Page<FeedItem>.self)
            #expect(paged.items.count == 1)
            let rest = try await client.send(.get, "/v1/feed?kind=foryou&limit=1&cursor=\(paged.nextCursor ?? "")", headers: viewer.headers).decode(Page<FeedItem>.self)
            #expect(rest.items.count == 1)
            #expect(rest.items.first?.video.id != paged.items.first?.video.id)
        }
    }

    @Test("popular is the same for everyone and needs no account; hashtag pages and search find public videos", arguments: TestEngine.all)
    func popularHashtagsSearch(_ engine: TestEngine) async throws {
        // Every first Popular page takes a fresh snapshot: one taken between the two uploads would lack the second.
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("baker", country: "US")
            let one = try await client.signUp("one", country: "DE")
            let two = try await client.signUp("two", country: "IN")
            let bread = try await client.publishClip(as: creator, caption: "Sourdough #Baking")
            let cake = try await client.publishClip(as: creator, caption: "Cake time #baking #dessert")
            _ = try await client.send(.put, "/v1/videos/\(bread.id)/like", headers: one.headers)
            _ = try await client.send(.put, "/v1/videos/\(bread.id)/like", headers: two.headers)
            let anonymous = try await client.send(.get, "/v1/feed?kind=popular").decode(Page<FeedItem>.self)
            let forOne = try await client.send(.get, "/v1/feed?kind=popular", headers: one.headers).decode(Page<FeedItem>.self)
            let forTwo = try await client.send(.get, "/v1/feed?kind=popular", headers: two.headers).decode(Page<FeedItem>.self)
            #expect(anonymous.items.map(\.video.id) == [bread.id, cake.id])
            #expect(forOne.items.map(\.video.id) == forTwo.items.map(\.video.id))
            let tagged = try await client.send(.get, "/v1/hashtags/%23BAKING/videos").decode(Page<VideoView>.self)
            #expect(Set(tagged.items.map(\.id)) == [bread.id, cake.id])
            let dessert = try await client.send(.get, "/v1/hashtags/dessert/videos").decode(Page<VideoView>.self)
            #expect(dessert.items.map(\.id) == [cake.id])
            let found = try await client.send(.get, "/v1/search?q=sourdough").decode(Page<VideoView>.self)
            #expect(found.items.map(\.id) == [bread.id])
            #expect(try await client.send(.get, "/v1/search?q=").status == .badRequest)
            #expect(try await client.send(.get, "/healthz").status == .ok)
        }
    }
}

/// The body of GET /v1/feed/items/{id}/why.
private struct WhyBody: Decodable {
    var reason: String
    var why: WhyReason
}
