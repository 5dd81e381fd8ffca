import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelRank
@testable import ReelServer
import ReelStore
import Testing

@Suite("For You recommender in the server")
struct RecommenderIntegrationTests {
    static func completedWatch(_ id: String, _ video: VideoView) -> String {
        "{\"id\":\"\(id)\",\"videoID\":\"\(video.id)\",\"watchedMs\":2000,\"durationMs\":1000,\"completed\":true,\"replayed\":true}"
    }

    @Test("completing #cooking videos moves the remaining #cooking videos up For You within the same session")
    func learnsInRealTime() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            var cooking: [VideoView] = []
            var travel: [VideoView] = []
            for index in 0..<4 {
                let cook = try await client.signUp("cook\(index)", country: "FR")
                cooking.append(try await client.publishClip(as: cook, caption: "recipe \(index) #cooking"))
                let guide = try await client.signUp("guide\(index)", country: "IT")
                travel.append(try await client.publishClip(as: guide, caption: "trip \(index) #travel"))
            }
            let viewer = try await client.signUp("hungry", country: "DE")
            func remainingCooking() async throws -> [(rank: Int, source: String)] {
                let page = try await client.send(.get, "/v1/feed?kind=foryou&limit=8", headers: viewer.headers).decode(Page<FeedItem>.self)
                return page.items.enumerated()
                    .filter { $0.element.video.hashtags.contains { $0.key == "cooking" } && !cooking.prefix(2).map(\.id).contains($0.element.video.id) }
                    .map { ($0.offset, $0.element.source) }
            }
            let before = try await remainingCooking()
            #expect(before.allSatisfy { ["trending", "fresh", "popular"].contains($0.source) }, "no personal source without history")
            let events = [Self.completedWatch("c0", cooking[0]), Self.completedWatch("c1", cooking[1])]
            _ = try await client.send(.post, "/v1/events", headers: viewer.headers, json: "{\"events\":[\(events.joined(separator: ","))]}")
            for video in cooking.prefix(2) { _ = try await client.send(.put, "/v1/videos/\(video.id)/like", headers: viewer.headers) }
            let after = try await remainingCooking()
            // Both unwatched #cooking videos now sit in the top three (hashtag diversity may put one other video between them),
            // and at least one is there because of what the viewer just did.
            #expect(after.count == 2)
            #expect(after.allSatisfy { $0.rank <= 2 }, "ranks after: \(after), before: \(before)")
            #expect(after.contains { ["hashtag", "similar", "because_you_watched"].contains($0.source) }, "sources after: \(after)")
        }
    }

    @Test("learned state survives a restart: snapshot plus the events recorded after it")
    func snapshotAndReplay() async throws {
        let first = try await TestApp.make()
        defer { first.cleanUp() }
        let (viewerPage, videos, viewer) = try await first.test { client in
            var videos: [VideoView] = []
            for index in 0..<3 {
                let creator = try await client.signUp("maker\(index)", country: "US")
                videos.append(try await client.publishClip(as: creator, caption: "clip \(index) #music"))
            }
            let viewer = try await client.signUp("listener", country: "US")
            _ = try await client.send(.post, "/v1/events", headers: viewer.headers, json: "{\"events\":[\(Self.completedWatch("a", videos[0]))]}")
            try await first.app.recommender.save()
            // Recorded after the snapshot: must come back by replay, not be lost.
            _ = try await client.send(.post, "/v1/events", headers: viewer.headers, json: "{\"events\":[\(Self.completedWatch("b", videos[1]))]}")
            let page = try await client.send(.get, "/v1/feed?kind=foryou", headers: viewer.headers).decode(Page<FeedItem>.self)
            return (page.items.map { "\($0.video.id) \($0.source)" }, videos, viewer)
        }
        // The unseen video first; the two watched ones come back only after it, marked as re-watches.
        #expect(viewerPage.first?.hasPrefix("\(videos[2].id) ") == true, "\(viewerPage)")
        #expect(Set(viewerPage.dropFirst()) == ["\(videos[0].id) watched_before", "\(videos[1].id) watched_before"])
        let usFolder = RegionRouter.regionDirectory(first.directory, "us").appendingPathComponent("recommender/snapshot.bin")
        #expect(FileManager.default.fileExists(atPath: usFolder.path))

        let second = try await first.reopened()
        try await second.test { client in
            let page = try await client.send(.get, "/v1/feed?kind=foryou", headers: viewer.headers).decode(Page<FeedItem>.self)
            #expect(page.items.map { "\($0.video.id) \($0.source)" } == viewerPage,
                    "watched videos come back only as re-watches after a restart too")
        }
        // A corrupted snapshot is refused and the region is rebuilt from its history instead.
        try Data("garbage".utf8).write(to: usFolder)
        let third = try await first.reopened()
        try await third.test { client in
            let page = try await client.send(.get, "/v1/feed?kind=foryou", headers: viewer.headers).decode(Page<FeedItem>.self)
            #expect(page.items.map { "\($0.video.id) \($0.source)" } == viewerPage)
        }
    }

    @Test("each region's recommender state is saved only in that region's folder")
    func modelStateStaysInRegion() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.app.recommender.save()
        for region in reel.configuration.regions.regions {
            let folder = RegionRouter.regionDirectory(reel.directory, region.code).appendingPathComponent("recommender")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(files == ["position.json", "snapshot.bin"])
        }
        let topLevel = try FileManager.default.contentsOfDirectory(atPath: reel.directory.path).sorted()
        #expect(!topLevel.contains("recommender"))
    }
}

@Suite("Recommendation reasons")
struct RecommendationReasonTests {
    @Test("a reason is data: kind, the related video and creator by API ID, the region by name, model detail apart")
    func structuredReason() {
        let ids = IDGenerator(regionIndex: 2)
        let (related, creator, user) = (ids.next(), ids.next(), ids.next())
        let viewer = Viewer(userID: user, region: RegionDefinition(code: "eu", index: 2, name: "EU", countries: ["DE"]),
                            isPersonalised: true, isTeen: false)
        let explanation = Explanation(kind: .becauseYouWatched, source: .coEngagement, relatedVideo: related.rawValue,
                                      creator: creator.rawValue, topFeatures: [.init(feature: "creator affinity", weight: 0.5)])
        var why = RankRecommender.why(explanation, viewer: viewer)
        #expect(why.kind == "becauseYouWatched" && why.video?.id == related && why.creator?.id == creator)
        #expect(why.details == [.init(feature: "creator affinity", weight: 0.5)])
        why.creator?.handle = "maria_cooks"
        #expect(why.sentence == "Because you watched a video from @maria_cooks.")
        #expect(!why.sentence.contains("affinity"), "model detail stays out of the sentence")
        let regional = RankRecommender.why(Explanation(kind: .popularInRegion, source: .trending, topFeatures: []), viewer: viewer)
        #expect(regional.sentence == "Popular in the EU region today.")
        let off = RankRecommender.why(Explanation(kind: .personalisationOff, source: .trending, topFeatures: []), viewer: viewer)
        #expect(off.sentence == "Personalisation is off: popular videos in your region and worldwide.")
        #expect(Set(CandidateSource.allCases.map(RankRecommender.tag)).count == CandidateSource.allCases.count)
    }
}
