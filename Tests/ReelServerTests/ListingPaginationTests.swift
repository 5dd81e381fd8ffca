import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// Every other paginated listing, paged to its end while writes happen between pages: no item
/// twice, none of those present at the start (and still visible) skipped, newest first throughout.
@Suite("Listing pagination under writes", .dropsEngineScratch)
struct ListingPaginationTests {
    /// Checks one session of a newest-first listing.
    static func expectStable(_ served: [ReelID], covers expected: Set<ReelID>, never hidden: Set<ReelID> = [],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(served).count == served.count, "an item was served twice: \(served)", sourceLocation: sourceLocation)
        #expect(served == served.sorted(by: >), "not newest first: \(served)", sourceLocation: sourceLocation)
        #expect(expected.subtracting(served).isEmpty, "skipped: \(expected.subtracting(served))", sourceLocation: sourceLocation)
        #expect(Set(served).isDisjoint(with: hidden), "served a hidden item", sourceLocation: sourceLocation)
    }

    @Test("following merges public and followers-only videos from three regions", arguments: TestEngine.all)
    func following(_ engine: TestEngine) async throws {
        let f = try await ListingFixture(engine)
        defer { f.reel.cleanUp() }
        let creators = [try await f.user("c_us"), try await f.user("c_eu", country: "DE"), try await f.user("c_gl", country: "BR")]
        let stranger = try await f.user("stranger")
        let viewer = try await f.user("viewer", country: "FR")
        for creator in creators { _ = try await f.app.social.setFollowing(viewer.id, handle: creator.handle, isFollowing: true) }
        var visible: [ReelID] = []
        var owners: [ReelID: ReelID] = [:]
        var hidden: Set<ReelID> = []
        let kinds: [Visibility] = [.public, .followers, .public, .private]
        for n in 0 ..< 20 {
            let id = try await f.video(by: creators[n % 3], caption: "v\(n)", visibility: kinds[n % 4])
            owners[id] = creators[n % 3].id
            if kinds[n % 4] == .private { hidden.insert(id) } else { visible.append(id) }
            hidden.insert(try await f.video(by: stranger, caption: "not followed \(n)"))
        }
        // The oldest videos, unserved when they change visibility or disappear.
        let (toPublic, toFollowers, deleted) = (visible[1], visible[2], visible[3])
        hidden.insert(deleted)
        try await f.http { [visible, owners, hidden] client in
            let served = try await ListingFixture.pageThrough(client, "/v1/feed?kind=following&limit=3", as: viewer, item: FeedItem.self,
                                                              id: \.video.id) { page in
                try await f.video(by: creators[page % 3], caption: "new \(page)", visibility: page % 2 == 0 ? .public : .followers)
                if page == 1 {
                    _ = try await f.app.videos.edit(toPublic, by: owners[toPublic]!, caption: nil, visibility: .public)
                    _ = try await f.app.videos.edit(toFollowers, by: owners[toFollowers]!, caption: nil, visibility: .followers)
                    try await f.app.videos.delete(deleted, by: owners[deleted]!)
                }
            }
            Self.expectStable(served, covers: Set(visible).subtracting([deleted]), never: hidden)
        }
    }

    @Test("a profile's videos, as a follower sees them")
    func profileVideos() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker", country: "DE")
        let viewer = try await f.user("viewer")
        let fan = try await f.user("fan", country: "JP")
        _ = try await f.app.social.setFollowing(fan.id, handle: "maker", isFollowing: true)
        _ = try await f.app.social.setFollowing(viewer.id, handle: "maker", isFollowing: true)
        var visible: [ReelID] = []
        var hidden: Set<ReelID> = []
        for n in 0 ..< 15 {
            let visibility: Visibility = n % 5 == 4 ? .private : (n % 2 == 0 ? .public : .followers)
            let id = try await f.video(by: creator, caption: "v\(n)", visibility: visibility)
            if visibility == .private { hidden.insert(id) } else { visible.append(id) }
        }
        let deleted = visible[0]
        hidden.insert(deleted)
        try await f.http { [visible, hidden] client in
            let served = try await ListingFixture.pageThrough(client, "/v1/users/maker/videos?limit=4", as: viewer, item: VideoView.self,
                                                              id: \.id) { page in
                try await f.video(by: creator, caption: "new \(page)")
                _ = try await f.app.social.setLiked(fan.id, video: visible[visible.count - page], isLiked: true)
                if page == 1 { try await f.app.videos.delete(deleted, by: creator.id) }
            }
            Self.expectStable(served, covers: Set(visible).subtracting([deleted]), never: hidden)
        }
    }

    @Test("a hashtag page, while captions gain and lose the tag")
    func hashtag() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creators = [try await f.user("c_us"), try await f.user("c_eu", country: "IT")]
        var tagged: [ReelID] = []
        for n in 0 ..< 14 {
            tagged.append(try await f.video(by: creators[n % 2], caption: "take \(n) #Baking"))
            try await f.video(by: creators[n % 2], caption: "take \(n) #other")
        }
        let untagged = tagged[2]
        try await f.http { [tagged] client in
            let served = try await ListingFixture.pageThrough(client, "/v1/hashtags/baking/videos?limit=4", item: VideoView.self,
                                                              id: \.id) { page in
                try await f.video(by: creators[page % 2], caption: "new \(page) #baking")
                if page == 1 { _ = try await f.app.videos.edit(untagged, by: creators[0].id, caption: "no tag any more", visibility: nil) }
            }
            Self.expectStable(served, covers: Set(tagged).subtracting([untagged]), never: [untagged])
        }
    }

    @Test("comments on a public video and on a followers-only one (read from every region)", arguments: [Visibility.public, .followers])
    func comments(visibility: Visibility) async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker")
        let authors = [try await f.user("a_us"), try await f.user("a_eu", country: "DE"), try await f.user("a_gl", country: "IN")]
        for author in authors { _ = try await f.app.social.setFollowing(author.id, handle: "maker", isFollowing: true) }
        let video = try await f.video(by: creator, caption: "talk", visibility: visibility)
        var written: [ReelID] = []
        for n in 0 ..< 15 { written.append(try await f.app.social.comment(authors[n % 3].id, on: video, body: "comment \(n)").id) }
        let deleted = written[1]
        try await f.http { [written] client in
            let served = try await ListingFixture.pageThrough(client, "/v1/videos/\(video)/comments?limit=4", as: creator,
                                                              item: ReelCore.Comment.self, id: \.id) { page in
                _ = try await f.app.social.comment(authors[page % 3].id, on: video, body: "late \(page)")
                if page == 1 { try await f.app.social.deleteComment(authors[1].id, comment: deleted) }
            }
            Self.expectStable(served, covers: Set(written).subtracting([deleted]), never: [deleted])
        }
    }

    @Test("for you never repeats a video in a long session while videos are uploaded and liked")
    func forYou() async throws {
        let f = try await ListingFixture()
        defer { f.reel.cleanUp() }
        let creators = (0 ..< 8).map { "maker\($0)" }
        var users: [TestUser] = []
        for (n, handle) in creators.enumerated() { users.append(try await f.user(handle, country: ["US", "DE", "BR"][n % 3])) }
        for n in 0 ..< 90 { try await f.video(by: users[n % users.count], caption: "clip \(n) #topic\(n % 5)") }
        let viewer = try await f.user("viewer", country: "DE")
        try await f.http { [users] client in
            var served: [ReelID] = []
            var cursor: String?
            for page in 0 ..< 9 {
                let uri = "/v1/feed?kind=foryou&limit=10" + (cursor.map { "&cursor=\($0)" } ?? "")
                let body = try await client.send(.get, uri, headers: viewer.headers).decode(Page<FeedItem>.self)
                served += body.items.map(\.video.id)
                cursor = body.nextCursor
                guard cursor != nil else { break }
                try await f.video(by: users[page % users.count], caption: "new \(page)")
                if let liked = served.last { _ = try await f.app.social.setLiked(viewer.id, video: liked, isLiked: true) }
            }
            #expect(served.count > 64, "the session should outgrow the old 64-item cursor")
            #expect(Set(served).count == served.count, "a video was served twice")
        }
    }
}
