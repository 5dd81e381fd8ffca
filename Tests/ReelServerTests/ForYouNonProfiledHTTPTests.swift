import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// For You with personalisation off (the non-profiled feed, DSA Art. 38) never runs dry either
/// (issue 10, item 9): rounds of the cursor bring back what it served before, without the
/// viewer's history, under the safety and viewer rules.
@Suite("For You with personalisation off over HTTP: never running dry", .dropsEngineScratch)
struct ForYouNonProfiledHTTPTests {
    private static let reshownSentence =
        "Personalisation is off: shown again from earlier in this session, because you have scrolled through every popular video."

    /// Reads For You pages of `limit` from `cursor` until `count` more items were served, expecting
    /// every page to hold videos, none twice, and a cursor after it.
    private static func scroll(_ client: some TestClientProtocol, _ viewer: TestUser, from cursor: String?, count: Int,
                               limit: Int = 2) async throws -> (items: [FeedItem], cursor: String?) {
        var served: [FeedItem] = []
        var cursor = cursor
        while served.count < count {
            let query = cursor.map { "&cursor=\($0)" } ?? ""
            let page = try await client.send(.get, "/v1/feed?kind=foryou&limit=\(limit)\(query)", headers: viewer.headers)
                .decode(Page<FeedItem>.self)
            #expect(!page.items.isEmpty, "an empty page after \(served.count) items")
            #expect(Set(page.items.map(\.video.id)).count == page.items.count, "a video twice in one page")
            served += page.items
            cursor = try #require(page.nextCursor, "For You ended after \(served.count) items")
        }
        return (served, cursor)
    }

    @Test("scrolling three times the catalogue with personalisation off: every page has videos, rounds bring back earlier ones marked, none twice in a round, withdrawn ones never",
          arguments: TestEngine.all)
    func neverEnds(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "FR")
            let blocked = try await client.signUp("shouter", country: "FR")
            // A teen viewer (under 18) who turned personalisation off and blocked one creator.
            let viewer = try await client.signUp("offscroller", country: "DE", birthDate: "2010-06-01")
            let settings = try await client.send(.patch, "/v1/me", headers: viewer.headers, json: #"{"isPersonalisedFeed":false}"#)
            #expect(settings.status == .ok)
            var catalogue: [ReelID] = []
            for index in 0..<5 { catalogue.append(try await client.publishClip(as: creator, caption: "clip \(index)").id) }
            // The blocked creator's clip is the newest, so it would come first: For You must leave it out and
            // still answer a full page.
            let hidden = try await client.publishClip(as: blocked, caption: "loud").id
            #expect(try await client.send(.put, "/v1/users/shouter/block", headers: viewer.headers).status == .ok)

            // The viewer's watch is history the non-profiled feed does not use: it comes back as seen, not as watched.
            let start = try await Self.scroll(client, viewer, from: nil, count: 1, limit: 1)
            let watched = try #require(start.items.first).video.id
            _ = try await client.send(.post, "/v1/events", headers: viewer.headers,
                                      json: "{\"events\":[{\"id\":\"w\",\"videoID\":\"\(watched)\",\"watchedMs\":1000,\"durationMs\":1000,\"completed\":true}]}")
            let rest = try await Self.scroll(client, viewer, from: start.cursor, count: 3 * catalogue.count - 1)
            let served = start.items + rest.items
            #expect(!served.contains { $0.video.id == hidden }, "a blocked creator's video")

            // The first round is the whole catalogue, each video once, as the non-profiled feed.
            let first = served.prefix(catalogue.count)
            #expect(Set(first.map(\.video.id)) == Set(catalogue))
            #expect(first.allSatisfy { $0.why.kind == "personalisationOff" && !["seen_before", "watched_before"].contains($0.source) })
            // Later rounds: the catalogue again, once per round, marked as shown again, with a reason that claims no profiling.
            for round in 1..<3 {
                let items = served.dropFirst(round * catalogue.count).prefix(catalogue.count)
                #expect(items.map(\.video.id) == first.map(\.video.id), "round \(round): least recently served first")
                for item in items {
                    #expect(item.source == "seen_before" && item.why.kind == "seenBeforePersonalisationOff")
                    #expect(item.reason == Self.reshownSentence && item.why.region != nil && item.why.video == nil)
                }
            }

            // Made private and deleted between rounds: never again, and the rest keeps coming round after round.
            let made = try await client.send(.patch, "/v1/videos/\(catalogue[0])", headers: creator.headers, json: #"{"visibility":"private"}"#)
            #expect(made.status == .ok)
            #expect(try await client.send(.delete, "/v1/videos/\(catalogue[1])", headers: creator.headers).status == .noContent)
            let remaining = Set(catalogue.dropFirst(2))
            let later = try await Self.scroll(client, viewer, from: rest.cursor, count: 3 * remaining.count)
            for round in 0..<3 {
                let items = later.items.dropFirst(round * remaining.count).prefix(remaining.count)
                #expect(Set(items.map(\.video.id)) == remaining, "round \(round + 4): \(items.map(\.video.id))")
                #expect(items.allSatisfy { $0.source == "seen_before" })
            }
        }
    }
}
