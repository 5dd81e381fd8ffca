import Testing

@testable import ReelRank

@Suite("Training sees serving features")
struct ReplayTrainingTests {
    @Test("events after a retrain teach the ranker the taste-match feature it scores requests with")
    func tasteMatchIsLearned() {
        var (world, state) = Fixtures.state(sessions: 2000)
        let tasteMatch = Feature(.tasteMatch, 0).key
        #expect(state.ranker.slotOfKey[tasteMatch] == nil, "no embeddings yet, so no taste match")
        state.retrain()
        for e in world.simulate(sessions: 500, from: Fixtures.start + 86400, duration: 3600) { state.record(e) }
        let slot = try! #require(state.ranker.slotOfKey[tasteMatch])
        #expect(state.ranker.weight(slot: Int(slot), head: RecommenderState.Head.completion.rawValue) > 0,
                "a better taste match predicts completion")
    }

    @Test("the offline adapter retrains on the log's clock while replaying, and runs the server's defaults")
    func adapterRetrainsDuringReplay() {
        let day = 86400
        let log = (0 ..< 400).map { n in Interaction(user: n % 40, item: n % 25, timestamp: n * day / 40, weight: 8) }
        var reel = ReelOfflineRecommender(retrainInterval: 2 * 86400)
        #expect(reel.config == RecommenderConfig())
        reel.fit(log)
        // 10 days of log: retrains on days 2, 4, 6 and 8 while replaying, then one at the end.
        #expect(reel.recommender.inspect().contains("retrains 5"))
    }
}
