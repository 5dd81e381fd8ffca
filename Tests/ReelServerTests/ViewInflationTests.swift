import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// Views and shares count at most once per user per video per UTC day in the public counters and
/// Popular (issue 13 item 7): one account replaying and re-sharing a new video cannot lift it.
@Suite("View and share inflation", .dropsEngineScratch)
struct ViewInflationTests {
    struct Export: Decodable {
        struct Watch: Decodable { var clientEventID: String }
        var watchHistory: [Watch]
    }

    @Test("100 watch events and 50 shares from one account count once and leave Popular's order; replays stay in the viewer's history",
          arguments: TestEngine.all)
    func inflation(_ engine: TestEngine) async throws {
        let clock = ManualClock()
        let reel = try await TestApp.make(engine, clock: clock) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("steady_creator"), booster = try await client.signUp("booster")
            let fans = [try await client.signUp("fan_one"), try await client.signUp("fan_two")]
            let established = try await client.publishClip(as: creator, caption: "liked by two")
            for fan in fans { #expect(try await client.send(.put, "/v1/videos/\(established.id)/like", headers: fan.headers).status == .ok) }
            let boosted = try await client.publishClip(as: booster, caption: "boost me")

            let events = (1...100).map { n in
                #"{"id":"boost-\#(n)","videoID":"\#(boosted.id)","watchedMs":1000,"durationMs":1000,"completed":true,"replayed":\#(n > 1)}"#
            }
            let result = try await client.send(.post, "/v1/events", headers: booster.headers, json: #"{"events":[\#(events.joined(separator: ","))]}"#)
                .decode(SocialService.WatchResult.self)
            #expect(result.accepted == 100)
            for _ in 1...50 { #expect(try await client.send(.post, "/v1/videos/\(boosted.id)/share", headers: booster.headers).status == .ok) }

            let counted = try await client.send(.get, "/v1/videos/\(boosted.id)").decode(VideoView.self)
            #expect(counted.viewCount == 1)
            #expect(counted.shareCount == 1)
            // Popular: 1 + 1 view + 6·1 share = 8 stays below 1 + 4·2 likes = 9 (it was 401 when every event counted).
            let popular = try await client.send(.get, "/v1/feed?kind=popular").decode(Page<FeedItem>.self).items.map(\.video.id)
            let establishedRank = try #require(popular.firstIndex(of: established.id))
            let boostedRank = try #require(popular.firstIndex(of: boosted.id))
            #expect(establishedRank < boostedRank, "the boosted video outranks the liked one: \(popular)")

            // Every replay is still the booster's own behaviour: kept in their history (and fed to their recommender).
            let export = try await client.send(.get, "/v1/me/export", headers: booster.headers).decode(Export.self)
            #expect(export.watchHistory.count == 100)

            // Another person's view counts; the booster's next view counts again on the next UTC day.
            let other = #"{"events":[{"id":"other-1","videoID":"\#(boosted.id)","watchedMs":1000,"durationMs":1000,"completed":true}]}"#
            #expect(try await client.send(.post, "/v1/events", headers: fans[0].headers, json: other).status == .ok)
            #expect(try await client.send(.get, "/v1/videos/\(boosted.id)").decode(VideoView.self).viewCount == 2)
            clock.advance(86_400)
            let tomorrow = #"{"events":[{"id":"boost-next-day","videoID":"\#(boosted.id)","watchedMs":1000,"durationMs":1000,"completed":true}]}"#
            #expect(try await client.send(.post, "/v1/events", headers: booster.headers, json: tomorrow).status == .ok)
            #expect(try await client.send(.post, "/v1/videos/\(boosted.id)/share", headers: booster.headers).status == .ok)
            let nextDay = try await client.send(.get, "/v1/videos/\(boosted.id)").decode(VideoView.self)
            #expect(nextDay.viewCount == 3)
            #expect(nextDay.shareCount == 2)
        }
    }
}
