import Foundation
import Testing

@testable import ReelRank

@Suite("Evaluation baselines")
struct BaselineTests {
    private static let day = 86_400

    private static func events(_ pairs: [(user: Int, item: Int)], at timestamp: Int = 0) -> [Interaction] {
        pairs.map { Interaction(user: $0.user, item: $0.item, timestamp: timestamp, weight: 1) }
    }

    @Test("popularity ranks by interaction count, ties to the smaller ID, and honours exclusions")
    func popularity() {
        var model = PopularityBaseline()
        model.fit(Self.events([(1, 30), (2, 30), (3, 30), (1, 20), (2, 20), (1, 10), (2, 10), (3, 40)]))
        #expect(model.recommend(for: 1, k: 10, excluding: []) == [30, 10, 20, 40])
        #expect(model.recommend(for: 9, k: 2, excluding: [30]) == [10, 20])
        #expect(model.recommend(for: 9, k: 0, excluding: []) == [])
    }

    @Test("trending counts the last 7 days of training, with all-time count then ID as tie-breaks")
    func trending() {
        let end = 30 * Self.day
        let window = 7 * Self.day
        var log = Self.events([(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)], at: Self.day)
        log += Self.events([(1, 2), (2, 2)], at: end - Self.day)
        log += Self.events([(3, 3), (4, 3)], at: end - 2 * Self.day) + Self.events([(5, 3)], at: 2 * Self.day)
        log += Self.events([(6, 4)], at: end - window) // on the boundary: outside the window
        log += Self.events([(6, 5)], at: end - window + 1)
        log += Self.events([(7, 6)], at: end)
        var model = TrendingBaseline()
        model.fit(log)
        #expect(model.name == "trending-7d")
        // Recent counts 3:2, 2:2, 5:1, 6:1, 1:0, 4:0; all-time 3:3, 2:2, 5:1, 6:1, 1:5, 4:1.
        #expect(model.recommend(for: 1, k: 10, excluding: []) == [3, 2, 5, 6, 1, 4])
        #expect(model.recommend(for: 1, k: 2, excluding: [3]) == [2, 5])
    }

    /// Users 1 {10, 20}, 2 {10, 20, 30}, 3 {20, 30}, 4 {40}. Cosines:
    /// sim(10, 20) = 2/√6, sim(10, 30) = 1/√4, sim(20, 30) = 2/√6; item 40 has no neighbour.
    private static let knnLog = events([(1, 10), (1, 20), (2, 10), (2, 20), (2, 30), (3, 20), (3, 30), (4, 40), (1, 10)])

    @Test("item-kNN sums cosine similarities of the user's items")
    func itemKNN() {
        var model = ItemKNNBaseline()
        model.fit(Self.knnLog)
        let strong = 2 / 6.0.squareRoot()
        let scores = model.scores(for: 1)
        #expect(scores.count == 3)
        #expect(abs(scores[30]! - (0.5 + strong)) < 1e-12)
        #expect(abs(scores[10]! - strong) < 1e-12)
        #expect(model.recommend(for: 1, k: 10, excluding: [10, 20]) == [30])
        // User 3: item 10 scores 2/√6 + 1/2; items 20 and 30 tie at 2/√6, smaller ID first.
        #expect(model.recommend(for: 3, k: 10, excluding: []) == [10, 20, 30])
        #expect(model.recommend(for: 4, k: 10, excluding: []) == [])
        #expect(model.recommend(for: 99, k: 10, excluding: []) == [])
    }

    @Test("item-kNN keeps only the top neighbours per item")
    func itemKNNNeighbourLimit() {
        var model = ItemKNNBaseline(neighbours: 1)
        model.fit(Self.knnLog)
        // 10 keeps 20; 20 keeps 10 (tie with 30, smaller ID); 30 keeps 20: nothing new reaches user 1,
        // and user 3 reaches 10 and 20 with 2/√6 each.
        #expect(model.recommend(for: 1, k: 10, excluding: [10, 20]) == [])
        #expect(model.recommend(for: 3, k: 10, excluding: []) == [10, 20])
    }

    @Test("heuristic blends freshness, engagement and neutral creator quality by hand-computed weights")
    func heuristicNonPersonal() {
        // Item 1: 2 interactions, first seen 7 days before the end → freshness 1/2, engagement 1.
        // Item 2: 1 interaction at the end → freshness 1, engagement log 2 / log 3.
        let log = Self.events([(1, 1), (2, 1)]) + Self.events([(3, 2)], at: 7 * Self.day)
        var standard = HeuristicBaseline()
        standard.fit(log)
        // 0.25 · 0.5 + 0.35 · 1 + 0.1 · 0.5 = 0.525 > 0.25 + 0.35 · 0.631 + 0.05 = 0.521.
        #expect(standard.recommend(for: 9, k: 5, excluding: []) == [1, 2])
        var freshOnly = HeuristicBaseline(weights: .init(freshness: 1, engagement: 0, affinity: 0, creatorQuality: 0))
        freshOnly.fit(log)
        #expect(freshOnly.recommend(for: 9, k: 5, excluding: []) == [2, 1])
        var byCreator = HeuristicBaseline(creatorQuality: [2: 1])
        byCreator.fit(log)
        // Item 2 gains 0.1 · (1 − 0.5) = 0.05 and overtakes item 1.
        #expect(byCreator.recommend(for: 9, k: 5, excluding: []) == [2, 1])
    }

    @Test("heuristic affinity follows item-kNN when it is the only weight")
    func heuristicAffinity() {
        var model = HeuristicBaseline(weights: .init(freshness: 0, engagement: 0, affinity: 1, creatorQuality: 0))
        model.fit(Self.knnLog)
        #expect(model.recommend(for: 3, k: 3, excluding: []) == [10, 20, 30])
        #expect(model.recommend(for: 1, k: 1, excluding: [10, 20]) == [30])
    }

    @Test(
        "heuristic top-k is the prefix of its full ranking (the candidate shortcut is exact)",
        arguments: [1, 2, 3], [0.30, 0.01]
    )
    func heuristicExact(seed: UInt64, affinityWeight: Double) {
        var generator = SeededGenerator(seed: seed)
        let log = (0..<3000).map { index in
            Interaction(
                user: Int(generator.next() % 200), item: Int(generator.next() % 400),
                timestamp: index * 600, weight: 1
            )
        }
        // A small affinity weight lets non-personal items beat personal ones, which
        // exercises the shortcut's fill from the non-personal ranking.
        var model = HeuristicBaseline(weights: .init(freshness: 0.25, engagement: 0.35, affinity: affinityWeight, creatorQuality: 0.1))
        model.fit(log)
        // User 999 has no history, so their list comes from the non-personal ranking alone.
        for user in Array(0..<50) + [999] {
            let excluding = Set(log.filter { $0.user == user }.map(\.item))
            let full = model.recommend(for: user, k: 400, excluding: excluding)
            #expect(full.count == Set(log.map(\.item)).subtracting(excluding).count)
            #expect(model.recommend(for: user, k: 10, excluding: excluding) == Array(full.prefix(10)))
        }
    }
}
