import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// ``VideoPolicy`` as users meet it, over every path that shows a video: after an account turns
/// private its earlier public video is gone for strangers everywhere and stays for followers.
@Suite("Visibility over HTTP")
struct VisibilityHTTPTests {
    /// Every path that can show a video.
    enum Path: String, CaseIterable, Comparable, CustomStringConvertible {
        case video, media, poster, comments, profile, following, popular, hashtag, search, forYou
        var description: String { rawValue }
        static func < (lhs: Path, rhs: Path) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The paths on which `viewer` (nil: signed out) finds video `id` by `creator`, captioned
    /// “Sunset over the #harbour”.
    static func paths(showing id: ReelID, by creator: TestUser, to viewer: TestUser?,
                      _ client: any TestClientProtocol) async throws -> Set<Path> {
        let headers = viewer?.headers ?? [:]
        var found: Set<Path> = []
        func isOK(_ uri: String) async throws -> Bool {
            let response = try await client.send(.get, uri, headers: headers)
            #expect([.ok, .notFound].contains(response.status), "GET \(uri): \(response.status) \(response.text)")
            return response.status == .ok
        }
        func lists(_ uri: String) async throws -> Bool {
            let response = try await client.send(.get, uri, headers: headers)
            #expect(response.status == .ok, "GET \(uri): \(response.status) \(response.text)")
            return try response.decode(Page<VideoView>.self).items.contains { $0.id == id }
        }
        func feeds(_ kind: String) async throws -> Bool {
            let response = try await client.send(.get, "/v1/feed?kind=\(kind)&limit=50", headers: headers)
            #expect(response.status == .ok, "feed \(kind): \(response.status) \(response.text)")
            return try response.decode(Page<FeedItem>.self).items.contains { $0.video.id == id }
        }
        if try await isOK("/v1/videos/\(id)") { found.insert(.video) }
        if try await isOK("/v1/videos/\(id)/media") { found.insert(.media) }
        if try await isOK("/v1/videos/\(id)/poster") { found.insert(.poster) }
        if try await isOK("/v1/videos/\(id)/comments") { found.insert(.comments) }
        if try await lists("/v1/users/\(creator.handle)/videos") { found.insert(.profile) }
        if try await lists("/v1/hashtags/harbour/videos") { found.insert(.hashtag) }
        if try await lists("/v1/search?q=sunset") { found.insert(.search) }
        if try await feeds("popular") { found.insert(.popular) }
        if viewer != nil {
            if try await feeds("following") { found.insert(.following) }
            if try await feeds("foryou") { found.insert(.forYou) }
        }
        return found
    }

    @Test("after PATCH /v1/me isPrivate=true a stranger finds the earlier public video nowhere and a follower keeps it; false brings it back")
    func accountTurnsPrivate() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let follower = try await client.signUp("fan", country: "US")
            let stranger = try await client.signUp("passerby", country: "BR")
            #expect(try await client.send(.put, "/v1/users/maker/follow", headers: follower.headers).status == .ok)
            let video = try await client.publishClip(as: creator, caption: "Sunset over the #harbour")
            #expect(video.status == .ready)
            #expect(try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: stranger.headers, json: #"{"body":"Lovely"}"#)
                .status == .created)
            func seen(by viewer: TestUser?) async throws -> Set<Path> {
                try await Self.paths(showing: video.id, by: creator, to: viewer, client)
            }
            func videoCount() async throws -> Int {
                try await client.send(.get, "/v1/users/maker").decode(ProfileCount.self).videoCount
            }
            let everywhere: Set<Path> = [.video, .media, .poster, .comments, .profile, .popular, .hashtag, .search]
            let direct: Set<Path> = [.video, .media, .poster, .comments, .profile]

            #expect(try await seen(by: nil) == everywhere)
            #expect(try await seen(by: stranger) == everywhere.union([.forYou]))
            #expect(try await seen(by: follower) == everywhere.union([.following, .forYou]))
            #expect(try await videoCount() == 1)

            let closed = try await client.send(.patch, "/v1/me", headers: creator.headers, json: #"{"isPrivate":true}"#)
            #expect(try closed.decode(AccountView.self).isPrivate)
            #expect(try closed.decode(AccountView.self).videoCount == 0)
            #expect(try await seen(by: nil) == [])
            #expect(try await seen(by: stranger) == [])
            // Followers keep it where they meet the account itself; the public listings show it to nobody.
            #expect(try await seen(by: follower) == direct.union([.following]))
            #expect(try await seen(by: creator).isSuperset(of: direct))
            #expect(try await seen(by: creator).isDisjoint(with: [.popular, .hashtag, .search]))
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/comments", headers: follower.headers)
                .decode(Page<ReelCore.Comment>.self).items.map(\.body) == ["Lovely"])
            #expect(try await videoCount() == 0)

            #expect(try await client.send(.patch, "/v1/me", headers: creator.headers, json: #"{"isPrivate":false}"#).status == .ok)
            #expect(try await seen(by: nil) == everywhere)
            #expect(try await seen(by: stranger) == everywhere.union([.forYou]))
            #expect(try await seen(by: follower) == everywhere.union([.following, .forYou]))
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/comments").decode(Page<ReelCore.Comment>.self).items.map(\.body)
                == ["Lovely"])
            #expect(try await videoCount() == 1)
        }
    }

    @Test("the public listings ask the policy at read time, so an index or catalogue that lags a privacy change shows nothing")
    func readTimeCheck() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker", country: "DE")
        let stranger = try await f.user("passerby")
        let video = try await f.video(by: creator, caption: "Sunset over the #harbour")
        try await f.http { client in
            #expect(try await Self.paths(showing: video, by: creator, to: stranger, client).isSuperset(of: [.popular, .hashtag, .search, .forYou]))
            // The account turns private behind the publisher's back: its entry stays in the index and catalogues.
            _ = try await f.app.accounts.update(Identity(userID: creator.id, sessionID: creator.id), settings: .init(isPrivate: true))
            #expect(try await f.app.stores.publicIndex.video(id: video) != nil)
            #expect(try await Self.paths(showing: video, by: creator, to: stranger, client) == [])
        }
    }

    struct ProfileCount: Decodable {
        var videoCount: Int
    }
}
