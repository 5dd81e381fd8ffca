import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// The per-request caches of issue 11 (checked tokens, playable videos) never serve what must
/// change at once: log-out, erasure, a privacy change and deletion take effect on the next request.
@Suite("Serving caches honour revocation")
struct ServingCacheTests {
    /// Stores `bytes` as the default rendition of a video the fixture made (it has no real media).
    static func writeMedia(_ bytes: [UInt8], for id: ReelID, in f: ListingFixture) async throws -> Data {
        let store = try f.app.stores.media.store(for: id)
        let file = store.scratch.uploadURL(for: "cache-test-\(UUID().uuidString)")
        let data = Data(bytes)
        try data.write(to: file)
        try await store.put(fileAt: file, as: .video(id.description))
        return data
    }

    @Test("a token used many times stops working on the request after log-out, and after erasure")
    func signOutAfterCachedUse() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let user = try await f.user("cached")
        let leaving = try await f.user("leaving")
        try await f.http { client in
            for _ in 0..<3 { #expect(try await client.send(.get, "/v1/me", headers: user.headers).status == .ok) }
            #expect(try await client.send(.delete, "/v1/sessions/current", headers: user.headers).status == .noContent)
            let after = try await client.send(.get, "/v1/me", headers: user.headers)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "session_revoked")

            for _ in 0..<3 { #expect(try await client.send(.get, "/v1/me", headers: leaving.headers).status == .ok) }
            let erase = try await client.send(.delete, "/v1/me", headers: leaving.headers, json: #"{"password":"correct horse battery"}"#)
            #expect(erase.status == .noContent, "\(erase.text)")
            #expect(try await client.send(.get, "/v1/me", headers: leaving.headers).status == .unauthorized)
        }
    }

    @Test("media served a moment ago is refused on the next request once the video is private or deleted")
    func mediaFollowsPrivacyAndDeletion() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let viewer = try await f.user("viewer")
        let video = try await f.video(by: creator)
        let data = try await Self.writeMedia((0..<1000).map { UInt8($0 % 251) }, for: video, in: f)
        let range: HTTPFields = [.authorization: "Bearer \(viewer.token)", .range: "bytes=10-19"]
        try await f.http { client in
            for _ in 0..<3 {
                let part = try await client.execute(uri: "/v1/videos/\(video)/media", method: .get, headers: range)
                #expect(part.status == .partialContent)
                #expect(Data(part.body.readableBytesView) == data[10...19])
            }
            let hidden = try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"private"}"#)
            #expect(hidden.status == .ok)
            #expect(try await client.execute(uri: "/v1/videos/\(video)/media", method: .get, headers: range).status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/\(video)/media", headers: creator.headers).status == .ok)

            #expect(try await client.send(.patch, "/v1/videos/\(video)", headers: creator.headers, json: #"{"visibility":"public"}"#).status == .ok)
            #expect(try await client.execute(uri: "/v1/videos/\(video)/media", method: .get, headers: range).status == .partialContent)
            #expect(try await client.send(.delete, "/v1/videos/\(video)", headers: creator.headers).status == .noContent)
            #expect(try await client.execute(uri: "/v1/videos/\(video)/media", method: .get, headers: range).status == .notFound)
        }
    }

    @Test("a followers-only video's media stops playing for someone who unfollows")
    func mediaFollowsUnfollow() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let fan = try await f.user("fan")
        let video = try await f.video(by: creator, visibility: .followers)
        _ = try await Self.writeMedia([1, 2, 3], for: video, in: f)
        try await f.http { client in
            let media = "/v1/videos/\(video)/media"
            #expect(try await client.send(.get, media, headers: fan.headers).status == .notFound)
            let follow = try await client.send(.put, "/v1/users/maker/follow", headers: fan.headers)
            #expect(follow.status.kind == .successful)
            #expect(try await client.send(.get, media, headers: fan.headers).status == .ok)
            let unfollow = try await client.send(.delete, "/v1/users/maker/follow", headers: fan.headers)
            #expect(unfollow.status.kind == .successful)
            #expect(try await client.send(.get, media, headers: fan.headers).status == .notFound)
        }
    }
}
