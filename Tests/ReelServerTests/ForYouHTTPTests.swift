import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

@Suite("For You over HTTP: honest reasons, never running dry", .dropsEngineScratch)
struct ForYouHTTPTests {
    private struct Explained: Decodable {
        var source: String
        var reason: String
        var why: WhyReason
    }

    @Test("a viewer who only commented is never told they watched anything; a watched video's why matches its feed reason")
    func reasonsMatchEvidence() async throws {
        let reel = try await TestApp.make(.sqlite)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("demo_eu_1", country: "DE")
            let fans = [try await client.signUp("fan_one", country: "FR"), try await client.signUp("fan_two", country: "IT")]
            let commenter = try await client.signUp("commenter", country: "ES")
            var videos: [VideoView] = []
            for index in 0..<4 { videos.append(try await client.publishClip(as: creator, caption: "trip \(index) #travel")) }
            // Others watch the videos together, so they are co-engaged with the one the viewer comments on.
            for (n, fan) in fans.enumerated() {
                let events = videos.enumerated().map { "{\"id\":\"f\(n)-\($0.offset)\",\"videoID\":\"\($0.element.id)\",\"watchedMs\":1000,\"durationMs\":1000,\"completed\":true}" }
                _ = try await client.send(.post, "/v1/events", headers: fan.headers, json: "{\"events\":[\(events.joined(separator: ","))]}")
            }
            let posted = try await client.send(.post, "/v1/videos/\(videos[0].id)/comments", headers: commenter.headers, json: #"{"body":"Lovely place"}"#)
            #expect(posted.status == .created || posted.status == .ok)
            let page = try await client.send(.get, "/v1/feed?kind=foryou", headers: commenter.headers).decode(Page<FeedItem>.self)
            var reasons = page.items.map(\.reason)
            var kinds = page.items.map(\.why.kind)
            for video in videos {
                let explained = try await client.send(.get, "/v1/feed/items/\(video.id)/why", headers: commenter.headers).decode(Explained.self)
                reasons.append(explained.reason)
                kinds.append(explained.why.kind)
            }
            // Nothing was watched: no sentence may claim a watch.
            #expect(!reasons.contains { $0.localizedCaseInsensitiveContains("you watched") || $0.localizedCaseInsensitiveContains("you often watch") },
                    "reasons: \(reasons)")
            #expect(!kinds.contains("becauseYouWatched") && !kinds.contains("watchedBefore"), "kinds: \(kinds)")
            #expect(kinds.contains("becauseOfYourActivity") || kinds.contains("matchesHashtag"), "kinds: \(kinds)")
            if let index = kinds.firstIndex(of: "becauseOfYourActivity") {
                #expect(reasons[index] == "Because of your activity on a video from @demo_eu_1.")
            }

            // After a watch, the feed shows the video again as watched before; its why says the same.
            _ = try await client.send(.post, "/v1/events", headers: commenter.headers,
                                      json: "{\"events\":[{\"id\":\"c1\",\"videoID\":\"\(videos[1].id)\",\"watchedMs\":1000,\"durationMs\":1000,\"completed\":true}]}")
            let after = try await client.send(.get, "/v1/feed?kind=foryou&limit=20", headers: commenter.headers).decode(Page<FeedItem>.self)
            let rewatched = try #require(after.items.first { $0.video.id == videos[1].id })
            #expect(rewatched.source == "watched_before")
            let why = try await client.send(.get, "/v1/feed/items/\(videos[1].id)/why", headers: commenter.headers).decode(Explained.self)
            #expect(why.source == rewatched.source && why.why.kind == rewatched.why.kind && why.reason == rewatched.reason)
        }
    }

    @Test("scrolling three times the catalogue: every page has videos, rounds bring back seen ones marked, none twice in a round",
          arguments: TestEngine.all)
    func neverEnds(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "FR")
            let viewer = try await client.signUp("scroller", country: "DE")
            var catalogue: Set<ReelID> = []
            for index in 0..<5 { catalogue.insert(try await client.publishClip(as: creator, caption: "clip \(index)").id) }
            var served: [FeedItem] = []
            var cursor: String?
            var watched: ReelID?
            while served.count < 3 * catalogue.count {
                let query = cursor.map { "&cursor=\($0)" } ?? ""
                let page = try await client.send(.get, "/v1/feed?kind=foryou&limit=2\(query)", headers: viewer.headers).decode(Page<FeedItem>.self)
                #expect(!page.items.isEmpty, "an empty page after \(served.count) items")
                #expect(Set(page.items.map(\.video.id)).count == page.items.count)
                served += page.items
                cursor = try #require(page.nextCursor, "For You ended after \(served.count) items")
                if watched == nil, let first = page.items.first {
                    watched = first.video.id
                    _ = try await client.send(.post, "/v1/events", headers: viewer.headers,
                                              json: "{\"events\":[{\"id\":\"w\",\"videoID\":\"\(first.video.id)\",\"watchedMs\":1000,\"durationMs\":1000,\"completed\":true}]}")
                }
            }
            // The first round is the whole catalogue, each video once and new.
            let first = served.prefix(catalogue.count)
            #expect(Set(first.map(\.video.id)) == catalogue)
            #expect(!first.contains { ["seen_before", "watched_before"].contains($0.source) })
            // Later rounds: the catalogue again, once per round, each video marked as seen before.
            for round in 1..<3 {
                let items = served.dropFirst(round * catalogue.count).prefix(catalogue.count)
                #expect(Set(items.map(\.video.id)) == catalogue, "round \(round): \(items.map(\.video.id))")
                for item in items {
                    let expected = item.video.id == watched ? "watched_before" : "seen_before"
                    #expect(item.source == expected && item.reason == item.why.sentence)
                }
                #expect(items.contains { $0.why.kind == "seenBefore"
                    && $0.reason == "This was in your feed before; shown again because you have seen everything new." })
            }
        }
    }
}
