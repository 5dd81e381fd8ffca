import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// `reel seed --videos N --users M --events E`: a benchmark catalogue that the API serves like
/// uploaded content, with counters that match the behaviour behind them.
@Suite("Bulk seeding for benchmarks")
struct BulkSeederTests {
    @Test("a bulk seed lists every video in Popular with views summing to the events, signs its users in, gives them a For You, and plays the media it stored")
    func seedsServableCatalogue() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        var plan = BulkSeeder.Plan()
        plan.videos = 60
        plan.users = 12
        plan.events = 300
        plan.mediaCopies = 2
        let handles = try await BulkSeeder(app: reel.app).seed(plan, report: { _ in })
        let password = plan.password
        #expect(handles.count == 12)

        try await reel.test { client in
            var popular: [FeedItem] = []
            var cursor: String?
            repeat {
                let page = try await client.send(.get, "/v1/feed?kind=popular&limit=50" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    .decode(Page<FeedItem>.self)
                popular += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(popular.count == 60)
            #expect(popular.map(\.video.viewCount).reduce(0, +) == 300, "every watch event counts one view")
            #expect(popular.map(\.video.likeCount).reduce(0, +) > 0, "users like some of their favourites")

            let session = try await client.send(.post, "/v1/sessions", json: #"{"handle":"bench_3","password":"\#(password)"}"#)
            #expect(session.status == .ok)
            let token = try session.decode(SessionBody.self).token
            let forYou = try await client.send(.get, "/v1/feed?kind=foryou", headers: [.authorization: "Bearer \(token)"])
                .decode(Page<FeedItem>.self)
            #expect(!forYou.items.isEmpty)

            var playable = 0
            for item in popular {
                let media = try await client.send(.get, "/v1/videos/\(item.video.id)/media", headers: [.range: "bytes=0-11"])
                if media.status == .partialContent {
                    playable += 1
                    #expect(media.text.dropFirst(4).hasPrefix("ftyp"), "an MP4 file")
                }
            }
            #expect(playable == 2)
        }
    }
}
