import ReelRank
import Testing

/// For You does not end while any video the viewer may see exists (issue 10, item 9): diversity
/// rules are relaxed before a page comes up short, then watched videos come back, marked as such.
@Suite("For You never runs dry")
struct NeverRunsDryTests {
    /// Every page of one cursor until the feed ends or `pages` pages were read.
    static func scroll(_ r: Recommender, _ viewer: ViewerContext, limit: Int, pages: Int, now: Double,
                       from start: String? = nil) -> [RecommendedItem] {
        scrollPages(r, viewer, limit: limit, pages: pages, now: now, from: start).items
    }

    /// The items of every page of one cursor and the last cursor (`recommend` routes a viewer who
    /// turned personalisation off to `popular`).
    static func scrollPages(_ r: Recommender, _ viewer: ViewerContext, limit: Int, pages: Int, now: Double,
                            from start: String? = nil) -> (items: [RecommendedItem], pages: [[UInt64]], cursor: String?) {
        var items: [RecommendedItem] = []
        var ids: [[UInt64]] = []
        var cursor = start
        for _ in 0 ..< pages {
            let page = r.recommend(for: viewer, limit: limit, cursor: cursor, now: now)
            ids.append(page.items.map(\.videoID))
            items += page.items
            guard let next = page.nextCursor, !page.items.isEmpty else { break }
            cursor = next
        }
        return (items, ids, cursor)
    }

    @Test("an instance with one creator serves all their videos to a new user, not one and the end")
    func oneCreator() {
        let r = Recommender()
        for n in 1 ... 6 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100, uploadedAt: Fixtures.start - Double(n) * 60)) }
        let scrolled = Self.scrollPages(r, Fixtures.viewer(1), limit: 4, pages: 2, now: Fixtures.start)
        let feed = scrolled.items
        #expect(Set(feed.map(\.videoID)) == Set(1 ... 6))
        #expect(scrolled.pages.map(\.count) == [4, 2], "a full first page, no video twice under one cursor")
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

    @Test("personalisation off: round after round the cursor's earlier videos come back least recently served first, marked, within the rules, without history")
    func popularRounds() {
        let r = Recommender()
        for n in 1 ... 8 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100 + n)) }
        r.upsert(video: Fixtures.video(9, creator: 109, safety: .ageRestricted))
        r.upsert(video: Fixtures.video(10, creator: 110, safety: .removed))
        // Others make video n the n-th most popular, so the popular order is 8, 7, 6, … .
        for n in 1 ... 10 as ClosedRange<UInt64> {
            for u in 0 ..< n { r.record(Fixtures.watch(1000 + u, n, at: Fixtures.start + Double(u))) }
        }
        // The viewer's own watches and taste must not show: no watched_before with personalisation off.
        r.record(Fixtures.watch(1, 8, at: Fixtures.start + 60))
        r.record(InteractionEvent(user: 1, video: 4, kind: .notInterested, time: Fixtures.start + 70))
        r.block(user: 1, creator: 105)
        let teen = ViewerContext(userID: 1, region: "eu", isEligibleForMatureContent: false, isPersonalized: false)
        let now = Fixtures.start + 1000
        let first = Self.scrollPages(r, teen, limit: 3, pages: 6, now: now)
        #expect(first.pages == [[8, 7, 6], [3, 2, 1], [8, 7, 6], [3, 2, 1], [8, 7, 6], [3, 2, 1]],
                "each round once in popular order, then a new round; not-interested, blocked, age-restricted and removed never")
        #expect(first.items.prefix(6).allSatisfy { !$0.isRewatch && $0.explanation.kind == .personalisationOff })
        #expect(first.items.dropFirst(6).allSatisfy { $0.source == .reshown && $0.explanation.kind == .seenBeforePersonalisationOff })
        // Another viewer with the same explicit choices but another history gets the same rounds.
        for n in [1, 2, 3] as [UInt64] { r.record(Fixtures.watch(2, n, at: Fixtures.start + 80 + Double(n))) }
        r.record(InteractionEvent(user: 2, video: 4, kind: .notInterested, time: Fixtures.start + 90))
        r.block(user: 2, creator: 105)
        let other = ViewerContext(userID: 2, region: "eu", isEligibleForMatureContent: false, isPersonalized: false)
        #expect(Self.scrollPages(r, other, limit: 3, pages: 6, now: now).pages == first.pages)

        // Between rounds: a video is withdrawn and another uploaded; the new one comes first, the withdrawn one never again.
        r.remove(videoID: 7)
        r.upsert(video: Fixtures.video(11, creator: 111, uploadedAt: now - 10))
        let later = Self.scrollPages(r, teen, limit: 3, pages: 4, now: now, from: first.cursor)
        // 11 first (the third round served everything else already, so its page is short), then a
        // fourth round without 7, least recently served first, 11 last.
        #expect(later.pages == [[11], [8, 6, 3], [2, 1, 11], [8, 6, 3]])
        #expect(later.items.first?.explanation.kind == .personalisationOff && later.items.first?.isRewatch == false)
        #expect(later.items.dropFirst().allSatisfy { $0.source == .reshown })
    }
}
