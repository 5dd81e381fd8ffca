@testable import ReelRank
import Testing

/// The For You cursor remembers a whole session, not just its last 64 videos.
@Suite("Page cursor")
struct PageCursorTests {
    @Test("a cursor round-trips and remembers every served video, with few false positives")
    func remembersEverything() throws {
        var cursor = PageCursor()
        let served = (0 ..< 500).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for start in stride(from: 0, to: served.count, by: 10) { cursor.record(Array(served[start ..< start + 10])) }
        let decoded = try #require(PageCursor(encoded: cursor.encoded))
        #expect(decoded == cursor)
        #expect(decoded.servedCount == 500)
        #expect(decoded.recent == Array(served.suffix(PageCursor.recentCapacity)))
        #expect(served.filter { !decoded.contains($0) }.isEmpty, "a served video was forgotten")
        let unseen = (0 ..< 10_000).map { UInt64($0) &* 0xD1B5_4A32_D192_ED03 &+ 1 }.filter { !served.contains($0) }
        let falsePositives = unseen.filter(decoded.contains).count
        #expect(Double(falsePositives) / Double(unseen.count) < 0.05, "\(falsePositives) false positives")
        #expect(cursor.encoded.count < 1_000)
        #expect(PageCursor(encoded: "AQ") == nil)
        #expect(PageCursor(encoded: "not base64!") == nil)
    }

    @Test("a new round forgets what this round served but remembers it as served earlier, through encoding")
    func rounds() throws {
        var cursor = PageCursor()
        cursor.record([1, 2, 3])
        let next = try #require(PageCursor(encoded: cursor.nextRound().encoded))
        #expect(next.isLaterRound && next.isRoundEmpty && !cursor.isLaterRound)
        #expect([1, 2, 3].allSatisfy { !next.contains($0) && next.wasServedEarlier($0) })
        #expect(!next.wasServedEarlier(4))
        #expect(next.servedCount == 3 && next.recent == [1, 2, 3])
        #expect(next.encoded.count < 1_800)
    }

    @Test("a long session never repeats a video, personalised or not", arguments: [true, false])
    func longSession(personalised: Bool) {
        let recommender = Recommender(config: RecommenderConfig())
        for id in 1 ... UInt64(300) {
            recommender.upsert(video: Fixtures.video(id, creator: 1000 + id % 40, tags: ["t\(id % 7)"], uploadedAt: Fixtures.start - Double(id) * 60))
        }
        for n in 0 ..< 400 { recommender.record(Fixtures.watch(10 + UInt64(n % 20), 1 + UInt64(n * 7 % 300), at: Fixtures.start + Double(n))) }
        var viewer = Fixtures.viewer(1)
        viewer.isPersonalized = personalised
        var served: [UInt64] = []
        var cursor: String?
        for page in 0 ..< 25 {
            let result = recommender.recommend(for: viewer, limit: 10, cursor: cursor, now: Fixtures.start + 1000 + Double(page))
            served += result.items.map(\.videoID)
            guard let next = result.nextCursor else { break }
            cursor = next
        }
        #expect(served.count > 200, "the session should run far past the old 64-video memory")
        #expect(Set(served).count == served.count, "a video was served twice")
    }
}
