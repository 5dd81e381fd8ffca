import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// Export and erasure of one's own data, and the region map shown at sign-up.
@Suite("Personal data: export, account deletion, regions")
struct PersonalDataTests {
    struct ExportBody: Decodable {
        struct Action: Decodable {
            var targetID: ReelID
            var at: Date
        }
        struct Watch: Decodable {
            var clientEventID: String
            var videoID: ReelID
            var watchedMs: Int
        }
        var region: String
        var account: AccountView
        var videos: [VideoView]
        var following: [Action]
        var likes: [Action]
        var shares: [Action]
        var notInterested: [Action]
        var comments: [ReelCore.Comment]
        var watchHistory: [Watch]
    }

    struct ProfileCounts: Decodable {
        var followerCount: Int
        var followingCount: Int
        var likeCount: Int
    }

    /// Makes `actor` follow, like, comment on, share, watch and dismiss `video` of `creator`.
    static func act(_ client: any TestClientProtocol, _ actor: TestUser, on video: VideoView, by creator: TestUser) async throws {
        #expect(try await client.send(.put, "/v1/users/\(creator.handle)/follow", headers: actor.headers).status == .ok)
        #expect(try await client.send(.put, "/v1/videos/\(video.id)/like", headers: actor.headers).status == .ok)
        #expect(try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: actor.headers, json: #"{"body":"lovely"}"#).status == .created)
        #expect(try await client.send(.post, "/v1/videos/\(video.id)/share", headers: actor.headers).status == .ok)
        let events = "{\"events\":[{\"id\":\"w-\(actor.handle)\",\"videoID\":\"\(video.id)\",\"watchedMs\":900,\"durationMs\":1000,\"completed\":false}]}"
        #expect(try await client.send(.post, "/v1/events", headers: actor.headers, json: events).status == .ok)
        #expect(try await client.send(.post, "/v1/videos/\(video.id)/not-interested", headers: actor.headers).status == .noContent)
    }

    @Test("the export holds the account and every kind of activity, read from the home region, without the password hash")
    func export() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("exp_creator", country: "DE")
            let user = try await client.signUp("exp_user", country: "US")
            let theirs = try await client.publishClip(as: creator, caption: "#cats")
            let mine = try await client.publishClip(as: user, caption: "my own #clip", visibility: "private")
            try await Self.act(client, user, on: theirs, by: creator)

            #expect(try await client.send(.get, "/v1/me/export").status == .unauthorized)
            let response = try await client.send(.get, "/v1/me/export", headers: user.headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"reel-export-exp_user.json\"")
            let text = String(buffer: response.body)
            #expect(!text.contains("passwordHash") && !text.contains("$2"), "the export must not carry the password hash")
            let export = try response.decode(ExportBody.self)
            #expect(export.region == "us")
            #expect(export.account.email == "exp_user@example.com")
            #expect(export.videos.map(\.id) == [mine.id])
            #expect(export.following.map(\.targetID) == [creator.id])
            #expect(export.likes.map(\.targetID) == [theirs.id])
            #expect(export.shares.map(\.targetID) == [theirs.id])
            #expect(export.notInterested.map(\.targetID) == [theirs.id])
            #expect(export.comments.map(\.body) == ["lovely"])
            #expect(export.watchHistory.map(\.clientEventID) == ["w-exp_user"])
            #expect(export.watchHistory.first?.watchedMs == 900)
        }
    }

    @Test("deleting an account needs the password, then leaves no trace in any store and restores everyone's counters")
    func deleteAccount() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let (leaver, ownVideo) = try await reel.test { client in
            let creator = try await client.signUp("del_creator", country: "DE")
            let fan = try await client.signUp("del_fan", country: "BR")
            let leaver = try await client.signUp("del_leaver", country: "US")
            let theirs = try await client.publishClip(as: creator, caption: "#cats")
            let own = try await client.publishClip(as: leaver, caption: "bye #farewell")
            try await Self.act(client, leaver, on: theirs, by: creator)
            try await Self.act(client, fan, on: own, by: leaver)

            let wrong = try await client.send(.delete, "/v1/me", headers: leaver.headers, json: #"{"password":"not my password"}"#)
            #expect(wrong.status == .forbidden)
            #expect(try wrong.decode(ErrorEnvelope.self).error.code == "wrong_password")
            #expect(try await client.send(.delete, "/v1/me", headers: leaver.headers).status == .badRequest)
            #expect(try await client.send(.get, "/v1/users/del_leaver").status == .ok, "a refused deletion must change nothing")

            let deleted = try await client.send(.delete, "/v1/me", headers: leaver.headers, json: #"{"password":"correct horse battery"}"#)
            #expect(deleted.status == .noContent, "\(String(buffer: deleted.body))")

            #expect(try await client.send(.get, "/v1/me", headers: leaver.headers).status == .unauthorized)
            #expect(try await client.send(.get, "/v1/users/del_leaver").status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/\(own.id)", headers: fan.headers).status == .notFound)
            let creatorProfile = try await client.send(.get, "/v1/users/del_creator").decode(ProfileCounts.self)
            #expect(creatorProfile.followerCount == 0)
            #expect(creatorProfile.likeCount == 0)
            let video = try await client.send(.get, "/v1/videos/\(theirs.id)").decode(VideoView.self)
            #expect(video.likeCount == 0)
            #expect(video.commentCount == 0)
            #expect(try await client.send(.get, "/v1/users/del_fan").decode(ProfileCounts.self).followingCount == 0)
            #expect(try await client.send(.post, "/v1/sessions", json: #"{"handle":"del_leaver","password":"correct horse battery"}"#).status == .unauthorized)
            // The handle and the email are free again.
            _ = try await client.signUp("del_leaver", country: "FR")
            return (leaver, own)
        }

        #expect(try await reel.app.stores.media.store(for: ownVideo.id).info(of: .video(ownVideo.id.description)) == nil)
        let map = reel.configuration.regions
        var files = map.regions.map { RegionRouter.regionDirectory(reel.directory, $0.code).appendingPathComponent("region.sqlite") }
        files.append(reel.configuration.publicIndexURL)
        for file in files {
            let rows = try ResidencyTests.dump(file)
            #expect(!ResidencyTests.contains(rows, id: leaver.id), "a row naming the deleted user is left in \(file.path)")
            // Others' likes, shares and watches of the deleted video are their own history and stay; comments on it go.
            #expect(rows["comments"]?.contains { ($0["videoID"] as Int64?) == ownVideo.id.databaseValue } != true, "comments on the deleted video in \(file.path)")
            #expect(rows["videos"]?.contains { ($0["id"] as Int64?) == ownVideo.id.databaseValue } != true, "the deleted video in \(file.path)")
        }
    }

    @Test("the regions route says which region holds the data of an account from each country")
    func regions() async throws {
        struct Regions: Decodable {
            struct Region: Decodable {
                var code: String
                var countries: [String]
            }
            var regions: [Region]
            var defaultRegion: String
        }
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let body = try await client.send(.get, "/v1/regions").decode(Regions.self)
            #expect(body.defaultRegion == "global")
            #expect(body.regions.map(\.code) == ["us", "eu", "global"])
            #expect(body.regions.first { $0.code == "eu" }?.countries.contains("DE") == true)
            #expect(body.regions.first { $0.code == "us" }?.countries == ["US"])
        }
    }
}
