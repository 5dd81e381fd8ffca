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
}
