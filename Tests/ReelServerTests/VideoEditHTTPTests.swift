import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// `PATCH /v1/videos/{id}` and "not interested" on one's own videos (issue 8, item 15).
@Suite("Editing one's own videos")
struct VideoEditHTTPTests {
    struct Profile: Decodable {
        var videoCount: Int
    }

    static func ids(_ response: TestResponse) throws -> [ReelID] { try response.decode(Page<VideoView>.self).items.map(\.id) }

    @Test("a new caption replaces the hashtags everywhere; only the creator may edit")
    func caption() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker", country: "DE")
        let other = try await f.user("other")
        let video = try await f.video(by: creator, caption: "Bread #Baking")
        let secret = try await f.video(by: other, caption: "mine", visibility: .private)
        try await f.http { client in
            let response = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"caption":"Now a #Cake and #café"}"#)
            #expect(response.status == .ok)
            let edited = try response.decode(VideoView.self)
            #expect(edited.caption == "Now a #Cake and #café")
            #expect(edited.hashtags == Hashtags.parse("Now a #Cake and #café"))
            #expect(edited.visibility == .public)
            #expect(try Self.ids(await client.send(.get, "/v1/hashtags/baking/videos")).isEmpty)
            #expect(try Self.ids(await client.send(.get, "/v1/hashtags/cake/videos")) == [video])
            let seen = try await client.send(.get, "/v1/videos/\(video)", headers: other.headers).decode(VideoView.self)
            #expect(seen.caption == "Now a #Cake and #café")
            let popular = try await client.send(.get, "/v1/feed?kind=popular").decode(Page<FeedItem>.self)
            #expect(popular.items.first { $0.video.id == video }?.video.caption == "Now a #Cake and #café")

            let byOther = try await client.send(.patch, "/v1/videos/\(video)", headers: other.headers, json: #"{"caption":"hijacked"}"#)
            #expect(byOther.status == .forbidden)
            #expect(byOther.errorCode == "not_owner")
            #expect(try await client.send(.patch, "/v1/videos/\(secret)", headers: creator.headers, json: #"{"caption":"x"}"#).status == .notFound)
            #expect(try await client.send(.patch, "/v1/videos/\(ReelID(rawValue: 12345))", headers: creator.headers, json: "{}").status == .notFound)
            #expect(try await client.send(.patch, "/v1/videos/\(video)", json: #"{"caption":"x"}"#).status == .unauthorized)
            let long = String(repeating: "🎉", count: Video.maxCaptionLength + 1)
            let tooLong = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: "{\"caption\":\"\(long)\"}")
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.errorCode == "invalid_caption")
            let fits = String(repeating: "🎉", count: Video.maxCaptionLength)
            #expect(try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: "{\"caption\":\"\(fits)\"}").status == .ok)
            let unknown = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"everyone"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "invalid_visibility")
        }
    }

    @Test("making a video private withdraws it from every public listing; making it public again restores it with its comments")
    func visibility() async throws {
        // Every first Popular page takes a new snapshot: on a loaded machine the steps below may take over 30 s.
        let f = try await ListingFixture { $0.popularRefreshInterval = 0 }
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker", country: "BR")
        let viewer = try await f.user("viewer", country: "DE")
        let video = try await f.video(by: creator, caption: "Sunset #travel")
        _ = try await f.app.social.comment(viewer.id, on: video, body: "Lovely")
        try await f.http { client in
            func listed() async throws -> (popular: Bool, tag: Bool, profile: Bool, count: Int, comments: Int) {
                let popular = try await client.send(.get, "/v1/feed?kind=popular").decode(Page<FeedItem>.self).items.map(\.video.id)
                let tag = try Self.ids(await client.send(.get, "/v1/hashtags/travel/videos"))
                let profile = try Self.ids(await client.send(.get, "/v1/users/maker/videos", headers: viewer.headers))
                let count = try await client.send(.get, "/v1/users/maker").decode(Profile.self).videoCount
                let comments = try await client.send(.get, "/v1/videos/\(video)/comments", headers: creator.headers)
                    .decode(Page<ReelCore.Comment>.self).items.count
                return (popular.contains(video), tag.contains(video), profile.contains(video), count, comments)
            }
            #expect(try await listed() == (true, true, true, 1, 1))

            let hidden = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"private"}"#)
            #expect(try hidden.decode(VideoView.self).visibility == .private)
            #expect(try await listed() == (false, false, false, 0, 1))
            #expect(try await client.send(.get, "/v1/videos/\(video)", headers: viewer.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/\(video)", headers: creator.headers).status == .ok)

            let shown = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"public"}"#)
            #expect(try shown.decode(VideoView.self).visibility == .public)
            #expect(try await listed() == (true, true, true, 1, 1))
            #expect(try await client.send(.get, "/v1/videos/\(video)/comments").decode(Page<ReelCore.Comment>.self).items.map(\.body) == ["Lovely"])
        }
        // The recommenders learn of both changes: For You serves it only while it is public.
        let viewerID = viewer.id
        func inForYou() async throws -> Bool {
            try await f.app.feeds.forYou(viewerID, cursor: nil, limit: 20).items.contains { $0.video.id == video }
        }
        #expect(try await inForYou())
        _ = try await f.app.videos.edit(video, by: creator.id, caption: nil, visibility: .followers)
        #expect(try await !inForYou())
    }

    @Test("a private account cannot make a video public")
    func privateAccount() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("quiet")
        let video = try await f.video(by: creator, caption: "just friends", visibility: .followers)
        try await f.http { client in
            #expect(try await client.send(.patch, "/v1/me", headers: creator.headers, json: #"{"isPrivate":true}"#).status == .ok)
            let response = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"public"}"#)
            #expect(response.status == .forbidden)
            #expect(response.errorCode == "private_account")
            #expect(try await client.send(.get, "/v1/videos/\(video)", headers: creator.headers).decode(VideoView.self).visibility == .followers)
            #expect(try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"private"}"#).status == .ok)
        }
    }

    @Test("not interested in one's own video is own_video (400); Popular hides a dismissed video from that viewer only")
    func notInterested() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let viewer = try await f.user("viewer", country: "DE")
        let other = try await f.user("other", country: "JP")
        let dull = try await f.video(by: creator, caption: "dull")
        let fine = try await f.video(by: creator, caption: "fine")
        try await f.http { client in
            let own = try await client.send(.post, "/v1/videos/\(dull)/not-interested", headers: creator.headers)
            #expect(own.status == .badRequest)
            #expect(own.errorCode == "own_video")
            #expect(try await client.send(.post, "/v1/videos/\(dull)/not-interested", headers: viewer.headers).status == .noContent)
            let mine = try await client.send(.get, "/v1/feed?kind=popular", headers: viewer.headers).decode(Page<FeedItem>.self)
            #expect(mine.items.map(\.video.id) == [fine])
            let theirs = try await client.send(.get, "/v1/feed?kind=popular", headers: other.headers).decode(Page<FeedItem>.self)
            #expect(Set(theirs.items.map(\.video.id)) == [dull, fine])
            #expect(try await client.send(.get, "/v1/feed?kind=popular").decode(Page<FeedItem>.self).items.count == 2)
        }
    }
}
