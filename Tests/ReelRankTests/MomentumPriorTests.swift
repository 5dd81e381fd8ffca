@testable import ReelRank
import Testing

/// The blend's momentum prior (issue 10, item 3) and the structures that make the offline replay
/// cheap without changing what it computes (item 8).
@Suite("Momentum prior and ranking structures")
struct MomentumPriorTests {
    /// 12 videos of 12 creators; video n was completed by n other viewers today, so video 12 has
    /// the most momentum (and ties would put the lowest index first). The ranker's L1 strength keeps every weight at zero, so every model score is
    /// the same and only the blend's prior can order the page.
    static func engine(trendWeight: Double) -> Recommender {
        var config = RecommenderConfig()
        config.ftrlL1 = 1e9
        config.trendWeight = trendWeight
        let r = Recommender(config: config)
        for n in 1 ... 12 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100 + n)) }
        for n in 1 ... 12 as ClosedRange<UInt64> {
            for viewer in 0 ..< n { r.record(Fixtures.watch(1000 + viewer, n, at: Fixtures.start + Double(viewer))) }
        }
        return r
    }

    @Test("with nothing personal to go on, For You leads with today's most-watched videos")
    func momentumLeads() {
        let page = Self.engine(trendWeight: RecommenderConfig().trendWeight)
            .recommend(for: Fixtures.viewer(1), limit: 5, now: Fixtures.start + 3600)
        #expect(RecommenderConfig().trendWeight > 0)
        #expect(page.items.map(\.videoID) == [12, 11, 10, 9, 8], "page \(page.items.map(\.videoID))")
        // Without the prior the tied model scores say nothing about momentum.
        let flat = Self.engine(trendWeight: 0).recommend(for: Fixtures.viewer(1), limit: 5, now: Fixtures.start + 3600)
        #expect(flat.items.map(\.videoID) != [12, 11, 10, 9, 8])
    }

    @Test("the trending board stays in score order as scores grow, members enter and leave")
    func boardOrder() {
        var rng = SeededGenerator(seed: 3)
        var scores = [Double](repeating: 0, count: 300)
        var board = TrendingBoard(capacity: 50)
        for _ in 0 ..< 5000 {
            let v = Int(rng.next() % 300)
            // Integer steps make ties common, so the tie-break (lower index first) is exercised.
            scores[v] += Double(rng.next() % 3)
            board.offer(Int32(v), scores: scores)
            if rng.next() % 500 == 0 { board.remove(board.members[0], scores: scores) }
        }
        let ranked = board.ranked(scores: scores)
        #expect(ranked == ranked.sorted { (scores[Int($0)], $1) > (scores[Int($1)], $0) })
        #expect(ranked.count == 50)
        // Nobody outside the board beats its weakest member.
        let outside = Set(0 ..< 300).subtracting(ranked.map(Int.init))
        #expect(outside.allSatisfy { scores[$0] <= scores[Int(ranked.last!)] })
        let restored = TrendingBoard(capacity: 50, members: ranked.reversed(), scores: scores)
        #expect(restored.ranked(scores: scores) == ranked)
    }

    @Test("a source's best candidates are the full sort's prefix", arguments: [0, 1, 7, 100, 2000])
    func topK(limit: Int) {
        var rng = SeededGenerator(seed: UInt64(limit) + 1)
        let scored = (0 ..< 500).map { (video: Int32($0), score: Double(rng.next() % 40), related: Int32(-1)) }
        let top = Candidate.ranked(scored, source: .trending, limit: limit).map(\.video)
        let sorted = scored.sorted { ($0.score, $1.video) > ($1.score, $0.video) }.prefix(limit).map(\.video)
        #expect(top == sorted)
    }
}
