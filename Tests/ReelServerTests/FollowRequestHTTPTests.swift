import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// Item 6 of issue 13 as users meet it: accounts under 16 start private and are never recommended
/// to strangers; following any private account is a request that its owner approves or declines,
/// and a pending follower sees nothing private until then.
@Suite("Minors and follow requests over HTTP", .dropsEngineScratch)
struct FollowRequestHTTPTests {
    /// A 15-year-old on 2026-11-30 and for the following years of the test suite's life (under 16 until mid-2027).
    static let fifteen = "2011-07-01"

    /// A profile as a signed-in viewer sees it.
    struct Standing: Decodable {
        var followState: String?
        var isFollowedByMe: Bool?
        var isBlockedByMe: Bool?
        var isMutedByMe: Bool?
        var followerCount: Int
    }

    /// A notification as `GET /v1/me/notifications` lists it.
    struct Notice: Codable {
        var kind: String
        var text: String
    }

    struct RequestPage: Decodable {
        struct Item: Decodable {
            struct User: Decodable { var handle: String }
            var user: User
            var requestedAt: Date
        }
        var items: [Item]
    }

    @Test("a pending follower of a private teen account gets 404 on their followers-only video and its media until approval; decline leaves 404; the owner is notified of each request and the approved follower of the approval",
          arguments: TestEngine.all)
    func pendingFollowerSeesNothing(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let teen = try await client.signUp("teen", country: "DE", birthDate: Self.fifteen)
            let me = try await client.send(.get, "/v1/me", headers: teen.headers).decode(AccountView.self)
            #expect(me.isPrivate)
            #expect(me.ageBand == "under16")
            let fan = try await client.signUp("fan", country: "US")
            let other = try await client.signUp("other", country: "BR")
            let video = try await client.publishClip(as: teen, caption: "Only for friends", visibility: "followers")
            #expect(video.status == .ready)

            for viewer in [fan, other] {
                let asked = try await client.send(.put, "/v1/users/teen/follow", headers: viewer.headers)
                #expect(asked.status == .ok)
                #expect(try asked.decode(Standing.self).followState == "requested")
                #expect(try asked.decode(Standing.self).followerCount == 0)
                #expect(try await client.send(.get, "/v1/users/teen", headers: viewer.headers).decode(Standing.self).followState == "requested")
                #expect(try await client.send(.get, "/v1/videos/\(video.id)", headers: viewer.headers).status == .notFound)
                #expect(try await client.send(.get, "/v1/videos/\(video.id)/media", headers: viewer.headers).status == .notFound)
                #expect(try await client.send(.get, "/v1/users/teen/videos", headers: viewer.headers).decode(Page<VideoView>.self).items.isEmpty)
                // Asking again changes nothing.
                #expect(try await client.send(.put, "/v1/users/teen/follow", headers: viewer.headers).decode(Standing.self).followState == "requested")
            }
            let requests = try await client.send(.get, "/v1/me/follow-requests", headers: teen.headers).decode(RequestPage.self)
            #expect(Set(requests.items.map(\.user.handle)) == ["fan", "other"])
            // The owner is told once per request (asking again is no new request), in their notifications.
            let told = try await client.send(.get, "/v1/me/notifications", headers: teen.headers).decode(Page<Notice>.self).items
            #expect(told.map(\.kind) == ["follow_request", "follow_request"])
            #expect(told.allSatisfy { $0.text == "Someone asked to follow your private account; approve or decline in your follow requests." },
                    "the text names nobody, so it holds nothing of a requester who erases their account")

            #expect(try await client.send(.post, "/v1/me/follow-requests/fan/approve", headers: teen.headers).status == .ok)
            #expect(try await client.send(.delete, "/v1/me/follow-requests/other", headers: teen.headers).status == .noContent)
            #expect(try await client.send(.post, "/v1/me/follow-requests/other/approve", headers: teen.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/me/follow-requests", headers: teen.headers).decode(RequestPage.self).items.isEmpty)

            #expect(try await client.send(.get, "/v1/videos/\(video.id)", headers: fan.headers).status == .ok)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/media", headers: fan.headers).status == .ok)
            let approved = try await client.send(.get, "/v1/me/notifications", headers: fan.headers).decode(Page<Notice>.self).items
            #expect(approved.map(\.kind) == ["follow_approved"] && approved.first?.text.contains("approved your follow request") == true)
            #expect(try await client.send(.get, "/v1/me/notifications", headers: other.headers).decode(Page<Notice>.self).items.isEmpty,
                    "a declined request tells the requester nothing")
            let fanView = try await client.send(.get, "/v1/users/teen", headers: fan.headers).decode(Standing.self)
            #expect(fanView.followState == "following")
            #expect(fanView.followerCount == 1)
            #expect(try await client.send(.get, "/v1/feed?kind=following", headers: fan.headers).decode(Page<FeedItem>.self)
                .items.map(\.video.id) == [video.id])

            #expect(try await client.send(.get, "/v1/videos/\(video.id)", headers: other.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/media", headers: other.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/users/teen", headers: other.headers).decode(Standing.self).followState == "none")
        }
    }

    @Test("a 15-year-old's public video is not in a stranger's For You, Popular, hashtag or search; going public needs confirmPublic",
          arguments: TestEngine.all)
    func teenNeverRecommended(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let teen = try await client.signUp("teen", country: "US", birthDate: Self.fifteen)
            let stranger = try await client.signUp("passerby", country: "BR")
            let refused = try await client.send(.patch, "/v1/me", headers: teen.headers, json: #"{"isPrivate":false}"#)
            #expect(refused.status == .conflict)
            #expect(try refused.decode(ErrorEnvelope.self).error.code == "confirmation_required")
            #expect(try await client.send(.get, "/v1/me", headers: teen.headers).decode(AccountView.self).isPrivate)
            let confirmed = try await client.send(.patch, "/v1/me", headers: teen.headers, json: #"{"isPrivate":false,"confirmPublic":true}"#)
            #expect(confirmed.status == .ok)
            #expect(try confirmed.decode(AccountView.self).isPrivate == false)

            let clip = try await TestMedia.clip()
            defer { try? FileManager.default.removeItem(at: clip) }
            let uploaded = try await client.upload(clip, as: teen, caption: "Sunset over the #harbour", visibility: "public")
            #expect(uploaded.status == .accepted)
            let ready = try await client.waitUntilReady(try uploaded.decode(VideoView.self).id, as: teen)
            #expect(ready.status == .ready)
            // Public account, public video: anyone may open it and find it on the profile, but no listing recommends it.
            let direct: Set<VisibilityHTTPTests.Path> = [.video, .media, .poster, .comments, .profile]
            #expect(try await VisibilityHTTPTests.paths(showing: ready.id, by: teen, to: stranger, client) == direct)
            #expect(try await VisibilityHTTPTests.paths(showing: ready.id, by: teen, to: nil, client) == direct)
            #expect(try await reel.app.stores.publicIndex.video(id: ready.id) == nil)
            // Nor does account search suggest the under-16 account to strangers.
            let accounts = try await client.send(.get, "/v1/search?q=teen&type=accounts", headers: stranger.headers)
                .decode(Page<SearchController.AccountResult>.self)
            #expect(accounts.items.isEmpty)

            // Sixteen and seventeen start private too, but may go public without the confirmation.
            let older = try await client.signUp("older", country: "US", birthDate: "2009-06-01")
            let olderView = try await client.send(.get, "/v1/me", headers: older.headers).decode(AccountView.self)
            #expect(olderView.isPrivate && olderView.ageBand == "16to17")
            #expect(try await client.send(.patch, "/v1/me", headers: older.headers, json: #"{"isPrivate":false}"#).status == .ok)
            #expect(try await client.send(.get, "/v1/me", headers: stranger.headers).decode(AccountView.self).ageBand == "adult")
        }
    }

    @Test("an account that turned 16 since its last log-in becomes discoverable at log-in: its public video is listed", arguments: TestEngine.all)
    func sixteenthBirthday(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("birthday", country: "US", birthDate: "2010-06-01")
            // As it was before the birthday: under 16, so not discoverable.
            _ = try await reel.app.accounts.stores.store(for: user.id).updateAccount(id: user.id) { $0.ageBand = .under16 }
            try await reel.app.accounts.republishProfile(of: user.id)
            #expect(try await client.send(.patch, "/v1/me", headers: user.headers, json: #"{"isPrivate":false,"confirmPublic":true}"#).status == .ok)
            let video = try await client.publishClip(as: user, caption: "Birthday cake")
            #expect(try await reel.app.stores.publicIndex.video(id: video.id) == nil)

            let logIn = try await client.send(.post, "/v1/sessions", json: #"{"handle":"birthday","password":"correct horse battery"}"#)
            #expect(try logIn.decode(SessionBody.self).user.ageBand == "16to17")
            #expect(try await reel.app.stores.publicIndex.video(id: video.id) != nil)
            #expect(try await reel.app.stores.publicIndex.profile(userID: user.id)?.isDiscoverable == true)
        }
    }

    @Test("follows made before an account turns private stay; new ones are requests; unfollow withdraws a request", arguments: TestEngine.all)
    func existingFollowsStay(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let early = try await client.signUp("early", country: "US")
            let late = try await client.signUp("late", country: "BR")
            #expect(try await client.send(.put, "/v1/users/maker/follow", headers: early.headers).decode(Standing.self).followState == "following")
            #expect(try await client.send(.patch, "/v1/me", headers: creator.headers, json: #"{"isPrivate":true}"#).status == .ok)
            let video = try await client.publishClip(as: creator, caption: "Friends only", visibility: "followers")
            #expect(try await client.send(.get, "/v1/videos/\(video.id)", headers: early.headers).status == .ok)
            #expect(try await client.send(.get, "/v1/users/maker", headers: early.headers).decode(Standing.self).followState == "following")

            #expect(try await client.send(.put, "/v1/users/maker/follow", headers: late.headers).decode(Standing.self).followState == "requested")
            #expect(try await client.send(.delete, "/v1/users/maker/follow", headers: late.headers).decode(Standing.self).followState == "none")
            #expect(try await client.send(.get, "/v1/me/follow-requests", headers: creator.headers).decode(RequestPage.self).items.isEmpty)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)", headers: late.headers).status == .notFound)
        }
    }
}
