import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// ``VideoPolicy`` as users meet it, over every path that shows a video: after an account turns
/// private its earlier public video is gone for strangers everywhere and stays for followers.
@Suite("Visibility over HTTP", .dropsEngineScratch)
struct VisibilityHTTPTests {
    /// Every path that can show a video.
    enum Path: String, CaseIterable, Comparable, CustomStringConvertible {
        case video, media, poster, comments, profile, following, popular, hashtag, search, forYou
        var description: String { rawValue }
        static func < (lhs: Path, rhs: Path) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The paths on which `viewer` (nil: signed out) finds video `id` by `creator`, captioned
    /// “Sunset over the #harbour”. With `isProfileHidden` the creator's profile grid must answer 404
    /// (a suspended or terminated account), otherwise 200.
    static func paths(showing id: ReelID, by creator: TestUser, to viewer: TestUser?, isProfileHidden: Bool = false,
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
        if isProfileHidden {
            #expect(try await client.send(.get, "/v1/users/\(creator.handle)/videos", headers: headers).status == .notFound)
        } else if try await lists("/v1/users/\(creator.handle)/videos") {
            found.insert(.profile)
        }
        if try await lists("/v1/hashtags/harbour/videos") { found.insert(.hashtag) }
        if try await lists("/v1/search?q=sunset") { found.insert(.search) }
        if try await feeds("popular") { found.insert(.popular) }
        if viewer != nil {
            if try await feeds("following") { found.insert(.following) }
            if try await feeds("foryou") { found.insert(.forYou) }
        }
        return found
    }

    @Test("after PATCH /v1/me isPrivate=true a stranger finds the earlier public video nowhere and a follower keeps it; false brings it back", arguments: TestEngine.all)
    func accountTurnsPrivate(_ engine: TestEngine) async throws {
        // Every first Popular page takes a new snapshot: on a loaded machine the steps below may take over 30 s.
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
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

    @Test("the public listings ask the policy at read time, so an index or catalogue that lags a privacy change shows nothing", arguments: TestEngine.all)
    func readTimeCheck(_ engine: TestEngine) async throws {
        let f = try await ListingFixture(engine)
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

    /// The paths that show each video to `viewer` (nil: signed out), each listing fetched once.
    static func paths(showing ids: [ReelID], on profiles: [String], to viewer: TestUser?,
                      _ client: any TestClientProtocol) async throws -> [ReelID: Set<Path>] {
        let headers = viewer?.headers ?? [:]
        func listed(_ uri: String) async throws -> Set<ReelID> {
            let response = try await client.send(.get, uri, headers: headers)
            #expect(response.status == .ok, "GET \(uri): \(response.status) \(response.text)")
            return Set(try response.decode(Page<VideoView>.self).items.map(\.id))
        }
        func fed(_ kind: String) async throws -> Set<ReelID> {
            let response = try await client.send(.get, "/v1/feed?kind=\(kind)&limit=100", headers: headers)
            // Following and For You need an account: a signed-out visitor meets no video there.
            if viewer == nil, kind != "popular" {
                #expect(response.status == .unauthorized, "feed \(kind) signed out: \(response.status)")
                return []
            }
            #expect(response.status == .ok, "feed \(kind): \(response.status) \(response.text)")
            return Set(try response.decode(Page<FeedItem>.self).items.map(\.video.id))
        }
        var listings: [Path: Set<ReelID>] = [:]
        for handle in profiles { listings[.profile, default: []].formUnion(try await listed("/v1/users/\(handle)/videos?limit=100")) }
        listings[.hashtag] = try await listed("/v1/hashtags/harbour/videos?limit=100")
        listings[.search] = try await listed("/v1/search?q=sunset&limit=100")
        for (path, kind) in [(Path.popular, "popular"), (.following, "following"), (.forYou, "foryou")] { listings[path] = try await fed(kind) }
        var found: [ReelID: Set<Path>] = [:]
        for id in ids {
            var paths = Set(listings.filter { $0.value.contains(id) }.keys)
            for (path, suffix) in [(Path.video, ""), (.media, "/media"), (.poster, "/poster"), (.comments, "/comments")] {
                let response = try await client.send(.get, "/v1/videos/\(id)\(suffix)", headers: headers)
                #expect([.ok, .notFound].contains(response.status), "GET /v1/videos/\(id)\(suffix): \(response.status) \(response.text)")
                if response.status == .ok { paths.insert(path) }
            }
            found[id] = paths
        }
        return found
    }

    /// The paths ``VideoPolicy`` opens to a viewer with `permissions`.
    static func paths(allowedBy permissions: VideoPolicy.Permissions) -> Set<Path> {
        var paths: Set<Path> = permissions.canView ? [.video, .comments] : []
        if permissions.canPlay { paths.formUnion([.media, .poster]) }
        let byListing: [VideoPolicy.Listing: Path] = [.profile: .profile, .following: .following, .popular: .popular, .hashtag: .hashtag,
                                                      .search: .search, .forYou: .forYou]
        return paths.union(permissions.listings.compactMap { byListing[$0] })
    }

    @Test("every visibility × account privacy × relation × status is shown exactly where VideoPolicy allows, on every path",
          arguments: TestEngine.all)
    func everyCombination(_ engine: TestEngine) async throws {
        let f = try await ListingFixture(engine)
        defer { f.reel.cleanUp() }
        let clip = try await TestMedia.clip()
        let poster = clip.deletingPathExtension().appendingPathExtension("jpg")
        defer { for file in [clip, poster] { try? FileManager.default.removeItem(at: file) } }
        try await Transcoder(tools: try FFmpegTools.locate()).poster(from: clip, to: poster)
        let follower = try await f.user("fan", country: "FR"), stranger = try await f.user("passerby", country: "BR")
        let open = try await f.user("open_maker", country: "US"), closed = try await f.user("closed_maker", country: "DE")
        try await f.http { (client: any TestClientProtocol) async throws in
            for creator in [open, closed] {
                #expect(try await client.send(.put, "/v1/users/\(creator.handle)/follow", headers: follower.headers).status == .ok)
            }
            #expect(try await client.send(.patch, "/v1/me", headers: closed.headers, json: #"{"isPrivate":true}"#).status == .ok)
        }
        // Nine videos per creator: every visibility in every status, all captioned alike.
        var subjects: [ReelID: (creator: TestUser, subject: VideoPolicy.Subject)] = [:]
        let stores = f.app.stores, idSource = f.app.ids
        for creator in [open, closed] {
            let store = try stores.router.store(for: creator.id)
            for subject in VideoPolicy.Subject.all {
                let id = idSource.newID(in: try idSource.region(of: creator.id))
                try await store.insertVideoWithJob(Video(id: id, creatorID: creator.id, caption: "Sunset over the #harbour",
                                                         visibility: subject.visibility, createdAt: Date()), at: Date())
                switch subject.status {
                case .processing: break
                case .failed: try await store.markVideoFailed(id: id, reason: "The video could not be converted for playback.")
                case .ready:
                    let media = try stores.media.store(for: id)
                    for (file, key) in [(clip, MediaKey.video(id.description)), (poster, .poster(id.description))] {
                        // A put may move the file into the store: give it a copy.
                        let copy = media.scratch.root.appendingPathComponent("\(UUID().uuidString).\(file.pathExtension)")
                        try FileManager.default.copyItem(at: file, to: copy)
                        try await media.put(fileAt: copy, as: key)
                    }
                    let ready = try #require(try await store.markVideoReady(id: id, durationMs: 1000, width: 320, height: 568))
                    try await f.app.videos.publisher.publishIfListed(ready)
                    try await store.finishJob(videoID: id)
                }
                subjects[id] = (creator, subject)
            }
        }
        let ids = Array(subjects.keys), table = subjects
        try await f.http { (client: any TestClientProtocol) async throws in
            for viewer in [open, closed, follower, stranger, nil] as [TestUser?] {
                let found = try await Self.paths(showing: ids, on: [open.handle, closed.handle], to: viewer, client)
                for (id, entry) in table {
                    let relation: VideoPolicy.Relation = switch viewer?.id {
                    case nil: .signedOut
                    case entry.creator.id: .creator
                    case follower.id: .follower
                    default: .stranger
                    }
                    let creator = VideoPolicy.Creator(isPrivate: entry.creator.id == closed.id)
                    var allowed = Self.paths(allowedBy: VideoPolicy.permissions(for: entry.subject, creator: creator, relation: relation))
                    // The policy allows it; the feed needs an account and never recommends one's own uploads.
                    if viewer == nil || relation == .creator { allowed.remove(.forYou) }
                    #expect(found[id] == allowed, """
                        \(entry.subject.visibility) \(entry.subject.status) video of a \(creator.isPrivate ? "private" : "public") account, \
                        seen by \(viewer?.handle ?? "a signed-out visitor") (\(relation)): shown on \((found[id] ?? []).sorted()), allowed \(allowed.sorted())
                        """)
                }
            }
        }
    }

    struct ProfileCount: Decodable {
        var videoCount: Int
    }
}
