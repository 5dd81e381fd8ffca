import Foundation
import GRDB
import ReelCore
import ReelStore
import Testing

@Suite("Public index search", .dropsPostgresSchemas)
struct PublicIndexSearchTests {
    /// Publishes a profile and returns it.
    @discardableResult
    func creator(_ f: IndexFixture, handle: String, displayName: String? = nil, isPrivate: Bool = false) async throws -> PublicProfile {
        let profile = PublicProfile(userID: f.usIDs.next(), handle: handle, displayName: displayName ?? handle.capitalized, bio: "",
                                    avatarURL: nil, isPrivate: isPrivate, followerCount: 0, followingCount: 0, likeCount: 0, videoCount: 0)
        try await f.index.claimHandle(profile)
        return profile
    }

    /// Publishes a ready public video by `creator`.
    @discardableResult
    func publish(_ f: IndexFixture, _ caption: String, by creator: PublicProfile) async throws -> PublicVideo {
        var video = Video(id: f.usIDs.next(), creatorID: creator.userID, caption: caption, visibility: .public, createdAt: f.now)
        video.status = .ready
        let listed = PublicVideo(video, creatorHandle: creator.handle)
        try await f.index.upsertVideo(listed)
        return listed
    }

    func videos(_ f: IndexFixture, _ query: String, limit: Int = 50) async throws -> [ReelID] {
        try await f.index.searchVideos(SearchText.terms(query), after: nil, limit: limit).items.map(\.id)
    }

    @Test("captions are found whatever their case and diacritics", arguments: StoreEngine.all, [
        ("МОСКВА зимой", ["москва", "Москва", "МОСКВА", "моск"]),
        ("CAFÉ au lait", ["café", "cafe", "CAFÉ", "Cafe\u{301}", "caf"]),
        ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"]),
    ] as [(String, [String])])
    func foldedMatching(_ engine: StoreEngine, _ example: (String, [String])) async throws {
        let (caption, queries) = example
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let maker = try await creator(f, handle: "maker")
        let video = try await publish(f, caption, by: maker)
        try await publish(f, "something else entirely", by: maker)
        for query in queries {
            #expect(try await videos(f, query) == [video.id], "query \(query)")
        }
    }

    @Test("search covers hashtags, handles and display names; every term must match, each as a prefix", arguments: StoreEngine.all)
    func fieldsAndPrefixes(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let baker = try await creator(f, handle: "bread_master", displayName: "Józef Piekarz")
        let other = try await creator(f, handle: "someone")
        let tagged = try await publish(f, "Morning #Sourdough", by: other)
        let byBaker = try await publish(f, "no words here", by: baker)
        #expect(try await videos(f, "sourd") == [tagged.id])
        #expect(try await videos(f, "#sourdough") == [tagged.id])
        #expect(try await videos(f, "breadmaster") == [byBaker.id])
        #expect(try await videos(f, "bread") == [byBaker.id])
        #expect(try await videos(f, "jozef") == [byBaker.id])
        #expect(try await videos(f, "piekarz words") == [byBaker.id])
        #expect(try await videos(f, "piekarz sourdough").isEmpty)
        #expect(try await videos(f, "dogs").isEmpty)
    }

    @Test("results are ranked: a match in hashtags and caption beats one in a long caption", arguments: StoreEngine.all)
    func ranking(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let maker = try await creator(f, handle: "maker")
        let strong = try await publish(f, "Pasta #pasta", by: maker)
        let weak = try await publish(f, "a long story about many things and then some pasta at the very end of it", by: maker)
        #expect(try await videos(f, "pasta") == [strong.id, weak.id])
    }

    @Test("query syntax is never syntax: quotes, stars, minus, NEAR and brackets search as words or find nothing", arguments: StoreEngine.all, [
        "\"", "\"\"", "*", "-", "a*", "-cake", "cake -", "NEAR(cake party)", "cake OR dogs", "cake AND", "^cake", "caption:cake",
        "(cake", "cake)", "{cake}", "'cake'", "%", "_", "\\",
    ])
    func syntaxCharacters(_ engine: StoreEngine, _ query: String) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let maker = try await creator(f, handle: "maker")
        let cake = try await publish(f, "cake party", by: maker)
        let found = try await videos(f, query)
        let terms = SearchText.terms(query)
        if terms.isEmpty {
            #expect(found.isEmpty)
        } else if terms.allSatisfy({ term in ["cake", "party", "maker"].contains { $0.hasPrefix(term) } }) {
            #expect(found == [cake.id], "query \(query)")
        }
    }

    @Test("pages neither repeat nor skip while videos are uploaded or removed between them", arguments: StoreEngine.all)
    func stablePages(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let maker = try await creator(f, handle: "maker")
        var expected: [ReelID] = []
        for index in 0..<7 {
            let filler = String(repeating: "word ", count: index)
            expected.append(try await publish(f, "garden \(filler)", by: maker).id)
        }
        let terms = SearchText.terms("garden")
        var seen: [ReelID] = []
        var position: SearchPosition?
        repeat {
            let page = try await f.index.searchVideos(terms, after: position, limit: 2)
            seen += page.items.map(\.id)
            position = page.next.flatMap { SearchPosition(cursor: $0.cursor) }
            // A new, better matching upload between pages must not enter this browsing session, and
            // removing a video already seen must not shift the rest (an offset would skip one).
            try await publish(f, "garden garden #garden", by: maker)
            if seen.count == 2 { try await f.index.removeVideo(id: seen[0]) }
        } while position != nil
        #expect(seen.count == Set(seen).count, "no repeats")
        #expect(Set(seen) == Set(expected), "no skips")
        // A fresh search sees the new uploads first.
        #expect(try await f.index.searchVideos(terms, after: nil, limit: 1).items.first.map { expected.contains($0.id) } == false)
    }

    @Test("the index stays in step with caption edits, removals, profile changes, privacy and erasure", arguments: StoreEngine.all)
    func staysInSync(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        var maker = try await creator(f, handle: "maker", displayName: "Anna")
        let video = try await publish(f, "Sunset #beach", by: maker)
        let other = try await publish(f, "Sunrise", by: maker)

        #expect(try await f.index.updateCaption(of: video.id, caption: "Mountains #Hiking", hashtags: Hashtags.parse("Mountains #Hiking")))
        #expect(try await videos(f, "sunset").isEmpty)
        #expect(try await videos(f, "mountains") == [video.id])
        #expect(try await f.index.videos(taggedWith: "beach", before: nil, limit: 10).isEmpty)
        #expect(try await f.index.videos(taggedWith: "hiking", before: nil, limit: 10).map(\.id) == [video.id])
        #expect(try await f.index.video(id: video.id)?.hashtags == [Hashtag(display: "Hiking", key: "hiking")])
        #expect(try await !f.index.updateCaption(of: f.usIDs.next(), caption: "x", hashtags: []))

        maker.displayName = "Zofia"
        try await f.index.updateProfile(maker)
        #expect(try await videos(f, "anna").isEmpty)
        #expect(Set(try await videos(f, "zofia")) == [video.id, other.id])
        #expect(try await f.index.searchProfiles(["zofia"], after: nil, limit: 10).items.map(\.userID) == [maker.userID])

        maker.isPrivate = true
        try await f.index.updateProfile(maker)
        #expect(try await videos(f, "zofia").isEmpty, "a private account's videos are not searchable")
        #expect(try await f.index.searchHashtags(["hiking"], after: nil, limit: 10).items.isEmpty)
        #expect(try await f.index.searchProfiles(["maker"], after: nil, limit: 10).items.count == 1, "profiles stay public")
        maker.isPrivate = false
        try await f.index.updateProfile(maker)

        try await f.index.removeVideo(id: other.id)
        #expect(try await videos(f, "sunrise").isEmpty)

        try await f.index.removeUser(maker.userID)
        #expect(try await videos(f, "mountains").isEmpty)
        #expect(try await f.index.searchProfiles(["maker"], after: nil, limit: 10).items.isEmpty)
    }

    @Test("accounts are found by handle and display name, folded", arguments: StoreEngine.all)
    func accounts(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let chef = try await creator(f, handle: "chef_lena", displayName: "Lena Müller")
        let teen = try await creator(f, handle: "lenny", displayName: "Len", isPrivate: true)
        try await creator(f, handle: "unrelated", displayName: "Nobody")
        let found = try await f.index.searchProfiles(SearchText.terms("MULLER"), after: nil, limit: 10).items
        #expect(found.map(\.userID) == [chef.userID])
        let byPrefix = try await f.index.searchProfiles(SearchText.terms("len"), after: nil, limit: 10).items.map(\.userID)
        #expect(Set(byPrefix) == [chef.userID, teen.userID])
    }

    @Test("hashtags are found by prefix, counted, shown in their newest display form and paged", arguments: StoreEngine.all)
    func hashtags(_ engine: StoreEngine) async throws {
        let f = try await IndexFixture(engine)
        defer { f.cleanUp() }
        let maker = try await creator(f, handle: "maker")
        try await publish(f, "#Café one", by: maker)
        try await publish(f, "#cafe\u{301} two #cafeteria", by: maker)
        try await publish(f, "#CAFÉ three", by: maker)
        try await publish(f, "#Cafés", by: maker)
        let page = try await f.index.searchHashtags(SearchText.terms("#caf"), after: nil, limit: 2)
        #expect(page.items == [HashtagSummary(key: "café", display: "CAFÉ", videoCount: 3),
                               HashtagSummary(key: "cafeteria", display: "cafeteria", videoCount: 1)])
        let rest = try await f.index.searchHashtags(SearchText.terms("#caf"), after: page.next, limit: 2)
        #expect(rest.items.map(\.key) == ["cafés"])
        #expect(rest.next == nil)
        #expect(try await f.index.searchHashtags(SearchText.terms("CAFE"), after: nil, limit: 10).items.count == 3)
    }

    @Test("a cursor survives its text form; other text is no cursor")
    func cursorText() {
        let position = SearchPosition(bound: 123_456, score: -1.25, key: "café / #1")
        #expect(SearchPosition(cursor: position.cursor) == position)
        #expect(position.cursor.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
        for bad in ["", "abc", "1.2", "x.1.YQ", "1.x.YQ", "1.2.!!"] { #expect(SearchPosition(cursor: bad) == nil, "\(bad)") }
    }
}
