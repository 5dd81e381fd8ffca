import ReelRank
import Testing

@Suite("Shared use from many tasks")
struct ConcurrencyTests {
    @Test("events, requests and a retrain from concurrent tasks all land, and feeds stay valid")
    func concurrentUse() async {
        var world = SyntheticWorld(seed: 3, users: 50, videos: 300, creators: 40, start: Fixtures.start)
        let recommender = Recommender()
        for v in world.videos { recommender.upsert(video: v) }
        let batches = (0 ..< 8).map { n in world.simulate(sessions: 200, from: Fixtures.start + Double(n) * 3600, duration: 3600) }
        let total = batches.reduce(0) { $0 + $1.count }
        let pages = await withTaskGroup(of: Int.self) { group in
            for batch in batches { group.addTask { for e in batch { recommender.record(e) }; return 0 } }
            group.addTask { recommender.retrain(); return 0 }
            for user in 1 ... 20 as ClosedRange<UInt64> {
                group.addTask {
                    recommender.recommend(for: Fixtures.viewer(user), limit: 10, now: Fixtures.start + 86400).items.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(pages > 0)
        #expect(recommender.inspect().contains("events: \(total)"))
    }
}
