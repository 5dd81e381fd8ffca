import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// Blocks (both ways), mutes and creators' comment keyword filters as users meet them.
@Suite("Blocks, mutes and comment filters over HTTP", .dropsEngineScratch)
struct BlockMuteHTTPTests {
    struct Blocked: Decodable { var blocked: Bool }
    struct Muted: Decodable { var muted: Bool }
    struct Keywords: Decodable { var keywords: [String] }
    struct UserPage: Decodable {
        struct Item: Decodable {
            struct User: Decodable { var handle: String }
            var user: User
        }
        var items: [Item]
    }

    static func comments(on video: ReelID, as viewer: TestUser, _ client: any TestClientProtocol) async throws -> [String] {
        try await client.send(.get, "/v1/videos/\(video)/comments", headers: viewer.headers).decode(Page<ReelCore.Comment>.self).items.map(\.body)
    }

    @Test("a block works both ways on profile, videos, comments, follows and comment posting, and removes follows both ways",
          arguments: TestEngine.all)
    func blocksBothWays(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let alice = try await client.signUp("alice", country: "DE")
            let bob = try await client.signUp("bob", country: "US")
            let carol = try await client.signUp("carol", country: "BR")
            #expect(try await client.send(.put, "/v1/users/bob/follow", headers: alice.headers).status == .ok)
            #expect(try await client.send(.put, "/v1/users/alice/follow", headers: bob.headers).status == .ok)
            let aliceVideo = try await client.publishClip(as: alice, caption: "Alice's #harbour")
            let bobVideo = try await client.publishClip(as: bob, caption: "Bob's #harbour")
            let carolVideo = try await client.publishClip(as: carol, caption: "Carol's #harbour")
            for (user, body) in [(alice, "from alice"), (bob, "from bob")] {
                #expect(try await client.send(.post, "/v1/videos/\(carolVideo.id)/comments", headers: user.headers,
                                              json: #"{"body":"\#(body)"}"#).status == .created)
            }

            let blocked = try await client.send(.put, "/v1/users/bob/block", headers: alice.headers)
            #expect(blocked.status == .ok)
            #expect(try blocked.decode(Blocked.self).blocked)
            #expect(try await client.send(.get, "/v1/me/blocks", headers: alice.headers).decode(UserPage.self).items.map(\.user.handle) == ["bob"])

            // The blocked account does not find the blocker; the blocker sees only the header, to unblock.
            #expect(try await client.send(.get, "/v1/users/alice", headers: bob.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/users/bob", headers: alice.headers).decode(FollowRequestHTTPTests.Standing.self).isBlockedByMe == true)
            for (viewer, other, otherVideo) in [(alice, bob, bobVideo), (bob, alice, aliceVideo)] {
                #expect(try await client.send(.get, "/v1/users/\(other.handle)/videos", headers: viewer.headers).status == .notFound)
                #expect(try await client.send(.get, "/v1/videos/\(otherVideo.id)", headers: viewer.headers).status == .notFound)
                #expect(try await client.send(.get, "/v1/videos/\(otherVideo.id)/media", headers: viewer.headers).status == .notFound)
                #expect(try await client.send(.get, "/v1/videos/\(otherVideo.id)/comments", headers: viewer.headers).status == .notFound)
                #expect(try await client.send(.post, "/v1/videos/\(otherVideo.id)/comments", headers: viewer.headers,
                                              json: #"{"body":"hello"}"#).status == .notFound)
                #expect(try await client.send(.put, "/v1/users/\(other.handle)/follow", headers: viewer.headers).status == .notFound)
                for feed in ["following", "popular", "foryou"] {
                    let items = try await client.send(.get, "/v1/feed?kind=\(feed)&limit=50", headers: viewer.headers).decode(Page<FeedItem>.self).items
                    #expect(!items.contains { $0.video.id == otherVideo.id }, "\(viewer.handle) still finds \(other.handle)'s video in \(feed)")
                }
                for listing in ["/v1/hashtags/harbour/videos", "/v1/search?q=harbour"] {
                    let items = try await client.send(.get, listing, headers: viewer.headers).decode(Page<VideoView>.self).items
                    #expect(items.contains { $0.id == carolVideo.id } && !items.contains { $0.id == otherVideo.id }, "\(listing) for \(viewer.handle)")
                }
                // On a third person's video, the other's comment is gone for the viewer (their own stays).
                #expect(try await Self.comments(on: carolVideo.id, as: viewer, client) == ["from \(viewer.handle)"])
            }
            #expect(Set(try await Self.comments(on: carolVideo.id, as: carol, client)) == ["from alice", "from bob"])
            for (viewer, other) in [(alice, bob), (bob, alice)] {
                let found = try await client.send(.get, "/v1/search?q=\(other.handle)&type=accounts", headers: viewer.headers)
                #expect(try found.decode(Page<SearchHTTPTests.AccountItem>.self).items.isEmpty, "\(viewer.handle) finds \(other.handle) in account search")
            }
            // Both follows went, with the counts.
            #expect(try await client.send(.get, "/v1/users/alice", headers: carol.headers).decode(FollowRequestHTTPTests.Standing.self).followerCount == 0)
            #expect(try await client.send(.get, "/v1/users/bob", headers: carol.headers).decode(FollowRequestHTTPTests.Standing.self).followerCount == 0)

            #expect(try await client.send(.delete, "/v1/users/bob/block", headers: alice.headers).decode(Blocked.self).blocked == false)
            #expect(try await client.send(.get, "/v1/users/bob", headers: alice.headers).decode(FollowRequestHTTPTests.Standing.self).isBlockedByMe == false)
            #expect(try await client.send(.get, "/v1/videos/\(aliceVideo.id)", headers: bob.headers).status == .ok)
            #expect(try await client.send(.put, "/v1/users/alice/block", headers: alice.headers).status == .unprocessableContent)
            #expect(try await client.send(.put, "/v1/users/nobody/block", headers: alice.headers).status == .notFound)
        }
    }

    @Test("a muted account's videos and comments leave the muter's feeds and comment lists; a direct link still opens", arguments: TestEngine.all)
    func mutes(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let viewer = try await client.signUp("viewer", country: "US")
            let loud = try await client.signUp("loud", country: "DE")
            let host = try await client.signUp("host", country: "BR")
            #expect(try await client.send(.put, "/v1/users/loud/follow", headers: viewer.headers).status == .ok)
            let video = try await client.publishClip(as: loud, caption: "Sunset over the #harbour")
            let hostVideo = try await client.publishClip(as: host, caption: "A quiet morning")
            #expect(try await client.send(.post, "/v1/videos/\(hostVideo.id)/comments", headers: loud.headers, json: #"{"body":"LOUD"}"#).status == .created)
            let before = try await VisibilityHTTPTests.paths(showing: video.id, by: loud, to: viewer, client)
            #expect(before.isSuperset(of: [.following, .popular, .forYou]))

            let muted = try await client.send(.put, "/v1/users/loud/mute", headers: viewer.headers)
            #expect(try muted.decode(Muted.self).muted)
            #expect(try await client.send(.get, "/v1/users/loud", headers: viewer.headers).decode(FollowRequestHTTPTests.Standing.self).isMutedByMe == true)
            #expect(try await client.send(.get, "/v1/me/mutes", headers: viewer.headers).decode(UserPage.self).items.map(\.user.handle) == ["loud"])
            let after = try await VisibilityHTTPTests.paths(showing: video.id, by: loud, to: viewer, client)
            #expect(after == before.subtracting([.following, .popular, .forYou]))
            #expect(try await Self.comments(on: hostVideo.id, as: viewer, client).isEmpty)
            #expect(try await Self.comments(on: hostVideo.id, as: host, client) == ["LOUD"])

            #expect(try await client.send(.delete, "/v1/users/loud/mute", headers: viewer.headers).decode(Muted.self).muted == false)
            #expect(try await VisibilityHTTPTests.paths(showing: video.id, by: loud, to: viewer, client) == before)
        }
    }

    @Test("a creator's comment filter hides matching comments (any case, accents, letters spaced or dotted; whole words) from everyone but their author", arguments: TestEngine.all)
    func commentFilter(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let writer = try await client.signUp("writer", country: "US")
            let reader = try await client.signUp("reader", country: "BR")
            #expect(try await client.send(.get, "/v1/me/comment-filters", headers: creator.headers).decode(Keywords.self).keywords.isEmpty)
            let set = try await client.send(.put, "/v1/me/comment-filters", headers: creator.headers, json: #"{"keywords":[" Spoiler ","spoiler","big reveal"]}"#)
            #expect(set.status == .ok)
            #expect(try set.decode(Keywords.self).keywords == ["Spoiler", "big reveal"])
            let video = try await client.publishClip(as: creator, caption: "The finale")
            for body in ["Huge SPOILER inside", "No spoilers please", "What a BIG   reveal", "What a big reveal!", "S.P.Ö.I.L.E.R: he dies",
                         "Total s p o i l e r", "Spoil her with love"] {
                #expect(try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: writer.headers,
                                              json: #"{"body":"\#(body)"}"#).status == .created)
            }
            let everyone = ["Spoil her with love", "Total s p o i l e r", "S.P.Ö.I.L.E.R: he dies", "What a big reveal!",
                            "What a BIG   reveal", "No spoilers please", "Huge SPOILER inside"]
            let shown = ["Spoil her with love", "No spoilers please"]
            #expect(try await Self.comments(on: video.id, as: writer, client) == everyone)
            #expect(try await Self.comments(on: video.id, as: reader, client) == shown)
            #expect(try await Self.comments(on: video.id, as: creator, client) == shown)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/comments").decode(Page<ReelCore.Comment>.self).items.map(\.body) == shown)

            let tooMany = "[" + (0...50).map { "\"word\($0)\"" }.joined(separator: ",") + "]"
            #expect(try await client.send(.put, "/v1/me/comment-filters", headers: creator.headers, json: #"{"keywords":\#(tooMany)}"#)
                .status == .unprocessableContent)
            #expect(try await client.send(.put, "/v1/me/comment-filters", headers: creator.headers, json: #"{"keywords":[""]}"#)
                .status == .unprocessableContent)
            #expect(try await client.send(.put, "/v1/me/comment-filters", headers: creator.headers, json: #"{"keywords":[]}"#).status == .ok)
            #expect(try await Self.comments(on: video.id, as: reader, client) == everyone)
        }
    }

    /// The export's part about relationships.
    struct Export: Decodable {
        struct Action: Decodable { var targetID: ReelID }
        var followRequests: [Action]
        var blocks: [Action]
        var mutes: [Action]
        var commentFilter: [String]
    }

    @Test("the export holds a user's requests, blocks, mutes and filter; erasing an account removes every row naming it in every region",
          arguments: TestEngine.all)
    func exportAndErasure(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let keeper = try await client.signUp("keeper", country: "US")
            let leaver = try await client.signUp("leaver", country: "DE")
            let closed = try await client.signUp("closed", country: "BR")
            #expect(try await client.send(.patch, "/v1/me", headers: closed.headers, json: #"{"isPrivate":true}"#).status == .ok)
            #expect(try await client.send(.put, "/v1/users/leaver/block", headers: keeper.headers).status == .ok)
            #expect(try await client.send(.put, "/v1/users/closed/mute", headers: keeper.headers).status == .ok)
            #expect(try await client.send(.put, "/v1/users/closed/follow", headers: keeper.headers).status == .ok)
            #expect(try await client.send(.put, "/v1/users/closed/follow", headers: leaver.headers).status == .ok)
            #expect(try await client.send(.put, "/v1/me/comment-filters", headers: keeper.headers, json: #"{"keywords":["spoiler"]}"#).status == .ok)

            let export = try await client.send(.get, "/v1/me/export", headers: keeper.headers).decode(Export.self)
            #expect(export.blocks.map(\.targetID) == [leaver.id])
            #expect(export.mutes.map(\.targetID) == [closed.id])
            #expect(export.followRequests.map(\.targetID) == [closed.id])
            #expect(export.commentFilter == ["spoiler"])

            #expect(try await client.send(.delete, "/v1/me", headers: leaver.headers, json: #"{"password":"correct horse battery"}"#).status == .noContent)
            #expect(try await client.send(.get, "/v1/me/blocks", headers: keeper.headers).decode(UserPage.self).items.isEmpty)
            #expect(try await reel.app.social.home(keeper.id).relationships(.block, by: keeper.id, before: nil, limit: 10).isEmpty)
            let requests = try await client.send(.get, "/v1/me/follow-requests", headers: closed.headers).decode(UserPage.self)
            #expect(requests.items.map(\.user.handle) == ["keeper"])
        }
    }
}
