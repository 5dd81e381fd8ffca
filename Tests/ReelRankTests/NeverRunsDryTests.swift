import ReelRank
import Testing

/// For You does not end while any video the viewer may see exists (issue 10, item 9): diversity
/// rules are relaxed before a page comes up short, then watched videos come back, marked as such.
@Suite("For You never runs dry")
struct NeverRunsDryTests {
    /// Every page of one cursor until the feed ends or `pages` pages were read.
    static func scroll(_ r: Recommender, _ viewer: ViewerContext, limit: Int, pages: Int, now: Double) -> [RecommendedItem] {
        var items: [RecommendedItem] = []
        var cursor: String?
        for _ in 0 ..< pages {
            let page = r.recommend(for: viewer, limit: limit, cursor: cursor, now: now)
            items += page.items
            guard let next = page.nextCursor, !page.items.isEmpty else { break }
            cursor = next
        }
        return items
    }

    @Test("an instance with one creator serves all their videos to a new user, not one and the end")
    func oneCreator() {
        let r = Recommender()
        for n in 1 ... 6 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100, uploadedAt: Fixtures.start - Double(n) * 60)) }
        let feed = Self.scroll(r, Fixtures.viewer(1), limit: 4, pages: 3, now: Fixtures.start)
        #expect(Set(feed.map(\.videoID)) == Set(1 ... 6))
        #expect(feed.count == 6, "no video twice under one cursor")
        #expect(feed.allSatisfy { !$0.isRewatch })
    }

    @Test("after everything was watched, watched videos come back least recently seen first, marked, within the rules, round after round")
    func rewatch() {
        let r = Recommender()
        for n in 1 ... 8 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100 + n)) }
        r.upsert(video: Fixtures.video(9, creator: 109, safety: .ageRestricted))
        r.upsert(video: Fixtures.video(10, creator: 110, safety: .removed))
        let teen = Fixtures.viewer(1, teen: true)
        // Watched in the order 1…10, so 1 is the least recently seen.
        for n in 1 ... 10 as ClosedRange<UInt64> { r.record(Fixtures.watch(1, n, at: Fixtures.start + Double(n) * 60)) }
        r.record(InteractionEvent(user: 1, video: 4, kind: .notInterested, time: Fixtures.start + 700))
        r.block(user: 1, creator: 105)
        let feed = Self.scroll(r, teen, limit: 3, pages: 5, now: Fixtures.start + 1000)
        let ids = feed.map(\.videoID)
        // Each round of the session once, oldest first, then a new round instead of an end;
        // not-interested, blocked, age-restricted and removed never.
        #expect(ids == [1, 2, 3, 6, 7, 8, 1, 2, 3, 6, 7, 8, 1, 2, 3])
        #expect(feed.allSatisfy { $0.isRewatch && $0.explanation.kind == .watchedBefore })
    }

    @Test("unseen videos come before watched ones, and a page is topped up rather than cut short")
    func unseenFirst() {
        let r = Recommender()
        for n in 1 ... 5 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100 + n)) }
        for n in 1 ... 3 as ClosedRange<UInt64> { r.record(Fixtures.watch(7, n, at: Fixtures.start + Double(n))) }
        let page = r.recommend(for: Fixtures.viewer(7), limit: 5, now: Fixtures.start + 100)
        #expect(page.items.count == 5)
        #expect(Set(page.items.prefix(2).map(\.videoID)) == [4, 5])
        #expect(page.items.suffix(3).allSatisfy { $0.isRewatch })
    }
}
