@testable import ReelRank
import Testing

/// Item-kNN similarity in the blend (issue 10, item 3): what viewers with the same history went on
/// to watch is ranked up, ahead of momentum alone.
@Suite("Item similarity ranks co-watched videos up")
struct ItemSimilarityTests {
    /// 12 videos of 12 creators. Ten viewers completed video 1 and then video 7; twenty others each
    /// completed only video 12, so video 12 has the most momentum. The ranker's L1 strength keeps
    /// every model weight at zero, so only the blend's momentum and similarity terms order a page.
    static func engine(similarityWeight: Double) -> Recommender {
        var config = RecommenderConfig()
        config.ftrlL1 = 1e9
        config.similarityWeight = similarityWeight
        let r = Recommender(config: config)
        for n in 1 ... 12 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100 + n)) }
        for viewer in 0 ..< 10 as Range<UInt64> {
            r.record(Fixtures.watch(1000 + viewer, 1, at: Fixtures.start + Double(viewer) * 60))
            r.record(Fixtures.watch(1000 + viewer, 7, at: Fixtures.start + Double(viewer) * 60 + 30))
        }
        for viewer in 0 ..< 20 as Range<UInt64> { r.record(Fixtures.watch(2000 + viewer, 12, at: Fixtures.start + 900)) }
        for n in [2, 3, 4, 5, 6, 8, 9, 10, 11] as [UInt64] { r.record(Fixtures.watch(3000 + n, n, at: Fixtures.start + 1000)) }
        return r
    }

    @Test("a viewer who watched A gets the video A's viewers watched next first, ahead of today's most-watched")
    func coWatchedRankedUp() {
        let r = Self.engine(similarityWeight: RecommenderConfig().similarityWeight)
        #expect(RecommenderConfig().similarityWeight > 0)
        let now = Fixtures.start + 3600
        r.record(Fixtures.watch(1, 1, at: now - 60))
        let page = r.recommend(for: Fixtures.viewer(1), limit: 5, now: now).items.map(\.videoID)
        #expect(page.first == 7, "page \(page)")
        // A viewer without that history gets momentum's order: video 12 first.
        let stranger = r.recommend(for: Fixtures.viewer(2), limit: 5, now: now).items.map(\.videoID)
        #expect(stranger.first == 12, "page \(stranger)")
    }

    @Test("without the similarity term the same viewer's page leads with momentum")
    func withoutSimilarityMomentumLeads() {
        let r = Self.engine(similarityWeight: 0)
        let now = Fixtures.start + 3600
        r.record(Fixtures.watch(1, 1, at: now - 60))
        let page = r.recommend(for: Fixtures.viewer(1), limit: 5, now: now).items.map(\.videoID)
        #expect(page.first == 12, "page \(page)")
    }

    @Test("similarity is cosine: a video co-watched with everything scores below one co-watched only with A")
    func cosineDiscountsUbiquitousVideos() throws {
        var table = CoEngagementTable(capacity: 64)
        // Video 7 co-occurs with 1 five times and nothing else; video 9 co-occurs with 1 five times
        // and with 40 other videos once each.
        for _ in 0 ..< 5 {
            table.add(1, 7, weight: 1)
            table.add(1, 9, weight: 1)
        }
        for other in 100 ..< 140 as Range<Int32> { table.add(9, other, weight: 1) }
        let recent = [UserProfile.RecentItem(video: 1, strength: 1, time: Fixtures.start)]
        let signals = SequenceSignals(recent: recent, transitions: CoEngagementTable(), coEngagement: CoEngagementTable(),
                                      coOccurrence: table)
        let seven = try #require(signals.similar[7]?.score)
        let nine = try #require(signals.similar[9]?.score)
        #expect(seven > nine * 2, "7: \(seven), 9: \(nine)")
        #expect(signals.similar[7]?.from == 1)
        // Scored for one video only (what an event's features use), the value is the same.
        let only = SequenceSignals(recent: recent, transitions: CoEngagementTable(), coEngagement: CoEngagementTable(),
                                   coOccurrence: table, only: 9)
        #expect(only.similar[9]?.score == nine)
        #expect(only.similar[7] == nil)
    }
}
