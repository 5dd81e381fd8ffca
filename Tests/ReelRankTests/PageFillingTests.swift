import ReelRank
import Testing

/// How a For You page is filled (issue 10, item 9): unseen candidates first, with the diversity
/// rules relaxed where they would cut the page short, then seen videos; creators the viewer may
/// not see (``ViewerContext/hiddenCreators``) are never chosen, so the feed ends when nothing else is left.
@Suite("For You page filling")
struct PageFillingTests {
    /// A single-creator instance of `count` videos, video 1 the newest.
    static func oneCreator(_ count: UInt64) -> Recommender {
        let r = Recommender()
        for n in 1 ... count { r.upsert(video: Fixtures.video(n, creator: 100, uploadedAt: Fixtures.start - Double(n) * 60)) }
        return r
    }

    @Test("a single-creator instance fills the first page, personalised and not", arguments: [true, false])
    func firstPageFull(personalised: Bool) {
        let r = Self.oneCreator(12)
        var viewer = Fixtures.viewer(1)
        viewer.isPersonalized = personalised
        let page = r.recommend(for: viewer, limit: 10, now: Fixtures.start)
        #expect(page.items.count == 10)
        #expect(page.items.allSatisfy { !$0.isRewatch })
        #expect(page.nextCursor != nil)
    }

    @Test("unseen videos of a single creator come before watched ones")
    func unseenBeforeWatched() {
        let r = Self.oneCreator(4)
        // Videos 2, 3 and 4 watched; 1 is the only unseen one.
        for n in 2 ... 4 as ClosedRange<UInt64> { r.record(Fixtures.watch(1, n, at: Fixtures.start + Double(n))) }
        let page = r.recommend(for: Fixtures.viewer(1), limit: 10, now: Fixtures.start + 100)
        #expect(page.items.first?.videoID == 1)
        #expect(page.items.first?.isRewatch == false)
        #expect(page.items.dropFirst().allSatisfy { $0.isRewatch })
        #expect(Set(page.items.map(\.videoID)) == [1, 2, 3, 4])
    }

    @Test("a viewer who hides the only creator gets an empty page and the end, personalised and not", arguments: [true, false])
    func hiddenOnlyCreator(personalised: Bool) {
        let r = Self.oneCreator(5)
        r.record(Fixtures.watch(1, 2, at: Fixtures.start))
        let viewer = ViewerContext(userID: 1, region: "eu", isEligibleForMatureContent: true, isPersonalized: personalised,
                                   hiddenCreators: [100])
        let first = r.recommend(for: viewer, limit: 3, now: Fixtures.start + 100)
        #expect(first.items.isEmpty)
        #expect(first.nextCursor == nil)
    }

    @Test("with 8 of 9 creators hidden and limit 1, no page is empty while the ninth creator's videos exist")
    func manyHidden() {
        let r = Recommender()
        for creator in 1 ... 9 as ClosedRange<UInt64> {
            for n in 1 ... 3 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(creator * 10 + n, creator: 100 + creator)) }
        }
        for personalised in [true, false] {
            let viewer = ViewerContext(userID: 1, region: "eu", isEligibleForMatureContent: true, isPersonalized: personalised,
                                       hiddenCreators: Set((1 ... 8).map { 100 + $0 }))
            var cursor: String?
            for _ in 0 ..< 10 {
                let page = r.recommend(for: viewer, limit: 1, cursor: cursor, now: Fixtures.start)
                #expect(page.items.count == 1)
                #expect(page.items.allSatisfy { $0.videoID / 10 == 9 })
                #expect(page.nextCursor != nil)
                cursor = page.nextCursor
            }
        }
    }
}
