import Foundation
import ReelCore
import ReelStore
import Testing

/// The same content in a SQLite and a PostgreSQL public index gives the same search pages,
/// scores and cursors, and the same Popular ranking: the engines are interchangeable.
@Suite("Search and Popular: SQLite and PostgreSQL agree", .dropsPostgresSchemas)
struct SearchParityTests {
    static let captions = [
        "Sourdough bread at dawn #Baking #sourdough", "Bread and butter #baking", "Café au lait with friends #Café",
        "МОСКВА зимой #winter", "Winter walk in the snow #Winter #walk", "नमस्ते दुनिया #hello", "Breadmaking basics for beginners",
        "bread bread bread #bread", "Dogs in the park #dogs", "Sour cream and onion #sour",
    ]

    @Test("every query pages identically on both engines, cursors included")
    func identicalPages() async throws {
        let postgres = try await IndexFixture(.postgres)
        let sqlite = try await IndexFixture(.sqlite)
        defer { sqlite.cleanUp(); postgres.cleanUp() }
        let ids = IDGenerator(regionIndex: 1)
        let handles = ["bread_master", "Sour_Doughnut", "winter_fan", "dog_walker"]
        var profiles: [PublicProfile] = []
        for (n, handle) in handles.enumerated() {
            let profile = PublicProfile(userID: ids.next(), handle: handle.lowercased(), displayName: handle.replacingOccurrences(of: "_", with: " "),
                                        bio: "", avatarURL: nil, isPrivate: n == 3, followerCount: 0, followingCount: 0, likeCount: 0, videoCount: 0)
            profiles.append(profile)
            for index in [sqlite.index, postgres.index] as [any PublicIndexStore] { try await index.claimHandle(profile) }
        }
        for (n, caption) in Self.captions.enumerated() {
            let creator = profiles[n % profiles.count]
            var video = Video(id: ids.next(), creatorID: creator.userID, caption: caption, visibility: .public,
                              createdAt: sqlite.now.addingTimeInterval(Double(-n * 3600)))
            video.status = .ready
            video.viewCount = n * 7 % 5
            video.likeCount = n % 3
            for index in [sqlite.index, postgres.index] as [any PublicIndexStore] {
                try await index.upsertVideo(PublicVideo(video, creatorHandle: creator.handle))
            }
        }
        for query in ["bread", "sour dough", "BREAD master", "cafe", "моск", "winter", "नमस्ते", "b", "dogs", "nothing here"] {
            let terms = SearchText.terms(query)
            #expect(try await videoPages(sqlite.index, terms) == videoPages(postgres.index, terms), "videos: \(query)")
            #expect(try await profilePages(sqlite.index, terms) == profilePages(postgres.index, terms), "accounts: \(query)")
            #expect(try await tagPages(sqlite.index, terms) == tagPages(postgres.index, terms), "hashtags: \(query)")
        }
        #expect(try await videoPages(postgres.index, SearchText.terms("bread")).joined().count >= 5, "the comparison is not of empty pages")
        #expect(try await tagPages(postgres.index, SearchText.terms("sour")).joined().count >= 3)
        let halfLife = 86_400.0
        let first = try await sqlite.index.popularRanking(now: sqlite.now, halfLife: halfLife, limit: 4)
        #expect(try await postgres.index.popularRanking(now: sqlite.now, halfLife: halfLife, limit: 4) == first)
        #expect(try await sqlite.index.popularRanking(now: sqlite.now, halfLife: halfLife, after: first.last, limit: 50)
            == postgres.index.popularRanking(now: sqlite.now, halfLife: halfLife, after: first.last, limit: 50))
    }

    /// Every page of a video search with a page size of 2: IDs and cursor texts.
    func videoPages(_ index: any PublicIndexStore, _ terms: [String]) async throws -> [[String]] {
        var pages: [[String]] = [], position: SearchPosition?
        repeat {
            let page = try await index.searchVideos(terms, after: position, limit: 2)
            pages.append(page.items.map(\.id.description) + [page.next?.cursor ?? "end"])
            position = page.next
        } while position != nil && pages.count < 20
        return pages
    }

    func profilePages(_ index: any PublicIndexStore, _ terms: [String]) async throws -> [[String]] {
        var pages: [[String]] = [], position: SearchPosition?
        repeat {
            let page = try await index.searchProfiles(terms, after: position, limit: 2)
            pages.append(page.items.map(\.handle) + [page.next?.cursor ?? "end"])
            position = page.next
        } while position != nil && pages.count < 20
        return pages
    }

    func tagPages(_ index: any PublicIndexStore, _ terms: [String]) async throws -> [[String]] {
        var pages: [[String]] = [], position: SearchPosition?
        repeat {
            let page = try await index.searchHashtags(terms, after: position, limit: 2)
            pages.append(page.items.map { "\($0.key)|\($0.display)|\($0.videoCount)" } + [page.next?.cursor ?? "end"])
            position = page.next
        } while position != nil && pages.count < 20
        return pages
    }
}
