import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

@Suite("Social actions over HTTP", .dropsEngineScratch)
struct SocialHTTPTests {
    struct LikeState: Decodable {
        var liked: Bool
        var likeCount: Int
    }

    struct ProfileBody: Decodable {
        var handle: String
        var followerCount: Int
        var followingCount: Int
        var likeCount: Int
        var videoCount: Int
        var isFollowedByMe: Bool?
    }

    @Test("follow, like, share and not-interested are idempotent and keep counters right", arguments: TestEngine.all)
    func idempotentActions(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("creator", country: "DE")
            let viewer = try await client.signUp("viewer", country: "US")
            let video = try await client.publishClip(as: creator, caption: "#pets")
            for _ in 0..<2 { #expect(try await client.send(.put, "/v1/users/creator/follow", headers: viewer.headers).status == .ok) }
            var profile = try await client.send(.get, "/v1/users/creator", headers: viewer.headers).decode(ProfileBody.self)
            #expect(profile.followerCount == 1)
            #expect(profile.isFollowedByMe == true)
            #expect(profile.videoCount == 1)
            let selfFollow = try await client.send(.put, "/v1/users/creator/follow", headers: creator.headers)
            #expect(selfFollow.status == .unprocessableContent)
            #expect(try await client.send(.put, "/v1/users/nobody_here/follow", headers: viewer.headers).status == .notFound)

            for _ in 0..<2 {
                let liked = try await client.send(.put, "/v1/videos/\(video.id)/like", headers: viewer.headers).decode(LikeState.self)
                #expect(liked.likeCount == 1)
            }
            profile = try await client.send(.get, "/v1/users/creator").decode(ProfileBody.self)
            #expect(profile.likeCount == 1)
            let seen = try await client.send(.get, "/v1/videos/\(video.id)", headers: viewer.headers).decode(VideoView.self)
            #expect(seen.likedByMe == true)
            for _ in 0..<2 {
                let unliked = try await client.send(.delete, "/v1/videos/\(video.id)/like", headers: viewer.headers).decode(LikeState.self)
                #expect(unliked.likeCount == 0)
            }
            #expect(try await client.send(.post, "/v1/videos/\(video.id)/share", headers: viewer.headers).status == .ok)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self).shareCount == 1)
            #expect(try await client.send(.post, "/v1/videos/\(video.id)/not-interested", headers: viewer.headers).status == .noContent)
            #expect(try await client.send(.post, "/v1/videos/\(video.id)/not-interested", headers: viewer.headers).status == .noContent)
            for _ in 0..<2 { #expect(try await client.send(.delete, "/v1/users/creator/follow", headers: viewer.headers).status == .ok) }
            #expect(try await client.send(.get, "/v1/users/creator").decode(ProfileBody.self).followerCount == 0)
            #expect(try await client.send(.put, "/v1/videos/\(video.id)/like").status == .unauthorized)
        }
    }

    @Test("comments: post, paginate newest first, delete own, 403 for others', 422 for empty", arguments: TestEngine.all)
    func comments(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("talker", country: "JP")
            let fan = try await client.signUp("listener", country: "ES")
            let other = try await client.signUp("bystander", country: "US")
            let video = try await client.publishClip(as: creator)
            var ids: [ReelID] = []
            for number in 1...5 {
                let posted = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: fan.headers, json: "{\"body\":\"comment \(number)\"}")
                #expect(posted.status == .created)
                ids.append(try posted.decode(ReelCore.Comment.self).id)
            }
            let first = try await client.send(.get, "/v1/videos/\(video.id)/comments?limit=2").decode(Page<ReelCore.Comment>.self)
            #expect(first.items.map(\.body) == ["comment 5", "comment 4"])
            let cursor = try #require(first.nextCursor)
            let second = try await client.send(.get, "/v1/videos/\(video.id)/comments?limit=2&cursor=\(cursor)").decode(Page<ReelCore.Comment>.self)
            #expect(second.items.map(\.body) == ["comment 3", "comment 2"])
            let last = try await client.send(.get, "/v1/videos/\(video.id)/comments?limit=2&cursor=\(second.nextCursor ?? "")").decode(Page<ReelCore.Comment>.self)
            #expect(last.items.map(\.body) == ["comment 1"])
            #expect(last.nextCursor == nil)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self).commentCount == 5)

            #expect(try await client.send(.delete, "/v1/comments/\(ids[0])", headers: other.headers).status == .forbidden)
            #expect(try await client.send(.delete, "/v1/comments/\(ids[0])", headers: fan.headers).status == .noContent)
            #expect(try await client.send(.delete, "/v1/comments/\(ids[1])", headers: creator.headers).status == .noContent)
            #expect(try await client.send(.delete, "/v1/comments/\(ids[1])", headers: creator.headers).status == .notFound)
            let remaining = try await client.send(.get, "/v1/videos/\(video.id)/comments").decode(Page<ReelCore.Comment>.self)
            #expect(remaining.items.count == 3)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self).commentCount == 3)
            let empty = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: fan.headers, json: #"{"body":"   "}"#)
            #expect(empty.status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/comments?limit=0").status == .badRequest)
            #expect(try await client.send(.get, "/v1/videos/\(video.id)/comments?cursor=zzz").status == .badRequest)
        }
    }

    @Test("a comment carries its hashtags as {display, key}, whole in every script, listed and as posted")
    func commentHashtags() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("tagcreator", country: "IN")
            let fan = try await client.signUp("tagfan", country: "IR")
            let video = try await client.publishClip(as: creator)
            let body = "Love it #नमस्ते and #نرم\u{200C}افزار, #ＲＥＥＬ!"
            let posted = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: fan.headers,
                                               json: String(decoding: try JSONEncoder().encode(["body": body]), as: UTF8.self))
            #expect(posted.status == .created)
            let expected = [Hashtag(display: "नमस्ते", key: "नमस्ते"), Hashtag(display: "نرم\u{200C}افزار", key: "نرم\u{200C}افزار"),
                            Hashtag(display: "ＲＥＥＬ", key: "reel")]
            #expect(try posted.decode(CommentView.self).hashtags == expected)
            let listed = try await client.send(.get, "/v1/videos/\(video.id)/comments").decode(Page<CommentView>.self)
            #expect(listed.items.map(\.hashtags) == [expected])
        }
    }

    @Test("watch events are stored once per idempotency key and count a view once a day", arguments: TestEngine.all)
    func watchEvents(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("shown", country: "DE")
            let viewer = try await client.signUp("watcher", country: "BR")
            let video = try await client.publishClip(as: creator)
            let batch = """
                {"events":[{"id":"evt-1","videoID":"\(video.id)","watchedMs":900,"durationMs":1000,"completed":false},
                           {"id":"evt-2","videoID":"\(video.id)","watchedMs":1000,"durationMs":1000,"completed":true,"replayed":true,"at":"2026-01-01T10:00:00.123Z"},
                           {"id":"evt-4","videoID":"not-an-id","watchedMs":1,"durationMs":1000,"completed":false},
                           {"id":"evt-3","videoID":"0000000000000","watchedMs":1,"durationMs":1000,"completed":false},
                           {"id":"bad key!","videoID":"\(video.id)","watchedMs":1,"durationMs":1000,"completed":false}]}
                """
            let first = try await client.send(.post, "/v1/events", headers: viewer.headers, json: batch).decode(SocialService.WatchResult.self)
            #expect(first.accepted == 2)
            #expect(first.duplicates == 0)
            #expect(first.rejected.map(\.code).sorted() == ["invalid_event_id", "unknown_video", "unknown_video"])
            let retry = try await client.send(.post, "/v1/events", headers: viewer.headers, json: batch).decode(SocialService.WatchResult.self)
            #expect(retry.accepted == 0)
            #expect(retry.duplicates == 2)
            // Two views by one viewer on one day count once publicly (issue 13 item 7); both are stored.
            #expect(try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self).viewCount == 1)
            let emptyBatch = try await client.send(.post, "/v1/events", headers: viewer.headers, json: #"{"events":[]}"#)
            #expect(emptyBatch.status == .unprocessableContent)
            let wrongType = try await client.send(.post, "/v1/events", headers: viewer.headers, json: #"{"events":"nope"}"#)
            #expect(wrongType.status == .unprocessableContent)
        }
    }
}
