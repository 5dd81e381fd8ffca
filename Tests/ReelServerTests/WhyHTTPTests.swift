import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelSafety
import Testing

/// Issue 10, item 10: "why this video" claims a For You reason only for videos For You would show
/// the viewer; creators never get their own uploads in For You; a guest is asked to sign in in words.
@Suite("Why this video over HTTP: only For You's own reasons", .dropsEngineScratch)
struct WhyHTTPTests {
    private struct Explained: Decodable {
        var source: String
        var reason: String
        var why: WhyReason
    }

    static let direct = "You opened this video directly; it is not in your current For You."

    private func why(_ id: ReelID, as user: TestUser, _ client: any TestClientProtocol) async throws -> Explained {
        let response = try await client.send(.get, "/v1/feed/items/\(id)/why", headers: user.headers)
        #expect(response.status == .ok, "why \(id): \(response.status) \(response.text)")
        return try response.decode(Explained.self)
    }

    private func forYou(_ user: TestUser, _ client: any TestClientProtocol, pages: Int = 3) async throws -> [FeedItem] {
        var items: [FeedItem] = []
        var cursor: String?
        for _ in 0..<pages {
            let query = cursor.map { "&cursor=\($0)" } ?? ""
            let page = try await client.send(.get, "/v1/feed?kind=foryou&limit=2\(query)", headers: user.headers).decode(Page<FeedItem>.self)
            items += page.items
            guard let next = page.nextCursor else { break }
            cursor = next
        }
        return items
    }

    @Test("an adults-only, a muted creator's and a not-interested video: why answers direct, personalised or not",
          arguments: TestEngine.all)
    func directForWhatForYouNeverShows(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let maker = try await client.signUp("maker", country: "DE")
            let loud = try await client.signUp("loud", country: "DE")
            let viewer = try await client.signUp("watcher", country: "FR")
            let adults = try await client.publishClip(as: maker, caption: "Late night #harbour")
            let dismissed = try await client.publishClip(as: maker, caption: "Another #harbour")
            let muted = try await client.publishClip(as: loud, caption: "Very loud #harbour")
            let kept = try await client.publishClip(as: loud, caption: "Quiet one")
            for video in [adults, dismissed, muted] {
                #expect(try await why(video.id, as: viewer, client).source != "direct", "before any choice, \(video.caption)")
            }

            let moderator = reel.app.ids.newID(in: try reel.app.ids.region(of: maker.id))
            _ = try await reel.app.moderationActions.apply(.restrictAdults, to: .init(kind: .video, id: adults.id), ruleID: "eu-test-1",
                                                           guidelinesVersion: "2026-11-01", facts: "Checked by a moderator.",
                                                           moderator: moderator)
            #expect(try await client.send(.post, "/v1/videos/\(dismissed.id)/not-interested", headers: viewer.headers).status == .noContent)
            #expect(try await client.send(.put, "/v1/users/loud/mute", headers: viewer.headers).status == .ok)
            // The adult still may open the adults-only video, so the why route answers (not 404).
            #expect(try await client.send(.get, "/v1/videos/\(adults.id)", headers: viewer.headers).status == .ok)

            for isPersonalised in [true, false] {
                let patched = try await client.send(.patch, "/v1/me", headers: viewer.headers, json: "{\"isPersonalisedFeed\":\(isPersonalised)}")
                #expect(patched.status == .ok)
                for video in [adults, dismissed, muted] {
                    let explained = try await why(video.id, as: viewer, client)
                    #expect(explained.source == "direct" && explained.why.kind == "direct" && explained.reason == Self.direct,
                            "personalised \(isPersonalised), \(video.caption): \(explained.source) \(explained.reason)")
                }
                let shown = Set(try await forYou(viewer, client).map(\.video.id))
                #expect(shown.isDisjoint(with: [adults.id, dismissed.id, muted.id]), "personalised \(isPersonalised): \(shown)")
            }
            // Unmuted, the creator's videos have a For You reason again.
            #expect(try await client.send(.delete, "/v1/users/loud/mute", headers: viewer.headers).status == .ok)
            #expect(try await why(kept.id, as: viewer, client).source != "direct")
        }
    }

    @Test("a creator never gets their own videos in For You, personalised or not, and their why is direct",
          arguments: TestEngine.all)
    func ownVideosNotInForYou(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let other = try await client.signUp("neighbour", country: "DE")
            let stranger = try await client.signUp("passerby", country: "US")
            var own: Set<ReelID> = []
            for index in 0..<2 { own.insert(try await client.publishClip(as: creator, caption: "mine \(index) #travel").id) }
            let theirs = try await client.publishClip(as: other, caption: "theirs #travel")
            // Made popular in the creator's region, so it would lead a non-profiled feed.
            let events = own.enumerated().map { "{\"id\":\"p\($0.offset)\",\"videoID\":\"\($0.element)\",\"watchedMs\":1000,\"durationMs\":1000,\"completed\":true}" }
            _ = try await client.send(.post, "/v1/events", headers: other.headers, json: "{\"events\":[\(events.joined(separator: ","))]}")

            for isPersonalised in [true, false] {
                let patched = try await client.send(.patch, "/v1/me", headers: creator.headers, json: "{\"isPersonalisedFeed\":\(isPersonalised)}")
                #expect(patched.status == .ok)
                let items = try await forYou(creator, client)
                #expect(!items.isEmpty, "personalised \(isPersonalised): an empty For You")
                #expect(items.allSatisfy { $0.video.id == theirs.id }, "personalised \(isPersonalised): \(items.map(\.reason))")
                for id in own {
                    let explained = try await why(id, as: creator, client)
                    #expect(explained.source == "direct" && explained.reason == Self.direct, "personalised \(isPersonalised): \(explained.reason)")
                }
                #expect(try await why(theirs.id, as: creator, client).source != "direct")
            }
            // Everyone else is recommended them.
            let shown = Set(try await forYou(stranger, client).map(\.video.id))
            #expect(shown.isSuperset(of: own), "the stranger's For You: \(shown)")
            // Saying "not interested" to one's own video stays refused.
            let refused = try await client.send(.post, "/v1/videos/\(try #require(own.first))/not-interested", headers: creator.headers)
            #expect(refused.status == .badRequest)
            #expect(try refused.decode(ErrorEnvelope.self).error.code == "own_video")
        }
    }

    @Test("a guest is asked to sign in to For You and Following by the feeds' names")
    func guestSignInSentence() async throws {
        let reel = try await TestApp.make(.sqlite)
        defer { reel.cleanUp() }
        try await reel.test { client in
            for (kind, name) in [("foryou", "For You"), ("following", "Following")] {
                let response = try await client.send(.get, "/v1/feed?kind=\(kind)")
                #expect(response.status == .unauthorized)
                let error = try response.decode(ErrorEnvelope.self).error
                #expect(error.message == "Sign in to see your \(name) feed.", "kind \(kind): \(error.message)")
            }
        }
    }
}
