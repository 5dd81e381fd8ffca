import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// For You knows whom the viewer blocked or muted (issue 10, item 9): the recommender leaves those
/// creators out when it chooses, so no page comes back empty while the feed goes on, and the feed
/// ends (`nextCursor: null`) only when the viewer may see no video at all.
@Suite("For You with blocked and muted creators over HTTP", .dropsEngineScratch)
struct ForYouHiddenCreatorsHTTPTests {
    /// Signs up a viewer with personalisation on or off who blocks and mutes the given handles.
    private static func viewer(_ client: some TestClientProtocol, _ handle: String, personalised: Bool,
                               blocks: [String], mutes: [String]) async throws -> TestUser {
        let viewer = try await client.signUp(handle, country: "DE")
        if !personalised {
            let settings = try await client.send(.patch, "/v1/me", headers: viewer.headers, json: #"{"isPersonalisedFeed":false}"#)
            #expect(settings.status == .ok)
        }
        for target in blocks { #expect(try await client.send(.put, "/v1/users/\(target)/block", headers: viewer.headers).status == .ok) }
        for target in mutes { #expect(try await client.send(.put, "/v1/users/\(target)/mute", headers: viewer.headers).status == .ok) }
        return viewer
    }

    private static func page(_ client: some TestClientProtocol, _ viewer: TestUser, limit: Int, cursor: String?) async throws -> Page<FeedItem> {
        let query = cursor.map { "&cursor=\($0)" } ?? ""
        return try await client.send(.get, "/v1/feed?kind=foryou&limit=\(limit)\(query)", headers: viewer.headers)
            .decode(Page<FeedItem>.self)
    }

    @Test("hiding every creator ends For You at once; hiding all but one never gives an empty page, personalised and off",
          arguments: TestEngine.all)
    func hiddenCreators(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            var visible: Set<ReelID> = []
            let kept = try await client.signUp("keptmaker", country: "FR")
            for index in 0 ..< 2 { visible.insert(try await client.publishClip(as: kept, caption: "kept \(index)").id) }
            let others = ["blockedmaker", "mutedmaker", "shunnedmaker"]
            for handle in others {
                let creator = try await client.signUp(handle, country: "FR")
                _ = try await client.publishClip(as: creator, caption: "by \(handle)")
            }
            for personalised in [true, false] {
                let suffix = personalised ? "on" : "off"
                // All but one creator hidden, one item a page: every page holds the kept creator's video, and goes on.
                let some = try await Self.viewer(client, "some\(suffix)", personalised: personalised,
                                                 blocks: ["blockedmaker", "shunnedmaker"], mutes: ["mutedmaker"])
                var cursor: String?
                for n in 0 ..< 5 {
                    let page = try await Self.page(client, some, limit: 1, cursor: cursor)
                    #expect(page.items.count == 1, "page \(n) with personalisation \(suffix) held \(page.items.count) items")
                    #expect(page.items.allSatisfy { visible.contains($0.video.id) }, "a hidden creator's video")
                    cursor = try #require(page.nextCursor, "For You ended with personalisation \(suffix)")
                }
                // Every creator hidden: an empty page and the end, not an empty page with a cursor.
                let none = try await Self.viewer(client, "none\(suffix)", personalised: personalised,
                                                 blocks: ["keptmaker", "blockedmaker"], mutes: ["mutedmaker", "shunnedmaker"])
                let page = try await Self.page(client, none, limit: 10, cursor: nil)
                #expect(page.items.isEmpty)
                #expect(page.nextCursor == nil, "For You with personalisation \(suffix) must end when nothing may be shown")
            }
        }
    }
}
