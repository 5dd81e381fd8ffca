import Foundation
import Testing

@testable import ReelRank

@Suite("Evaluator")
struct EvaluatorTests {
    /// Ten events; the first 8 train. Popularity in training: item 1 ×3, 2 ×2, 3 ×2, 4 ×1.
    /// Test: user 3 (saw 1, 3) likes 2; user 4 (saw 4) likes 3; user 5 only rated 3 low.
    private static let events = [
        (1, 1), (2, 1), (3, 1), (1, 2), (2, 2), (3, 3), (4, 4), (5, 3),
    ].enumerated().map { Interaction(user: $1.0, item: $1.1, timestamp: $0, weight: 8) } + [
        Interaction(user: 3, item: 2, timestamp: 100, weight: 9),
        Interaction(user: 4, item: 3, timestamp: 100, weight: 7),
    ]

    @Test("popularity on a hand-computed split")
    func handComputed() throws {
        let report = Evaluator(cutoffs: [3, 1]).evaluate([PopularityBaseline()], events: Self.events)
        #expect(report.cutoffs == [1, 3])
        #expect(report.dataset == .init(
            events: 10, trainEvents: 8, testEvents: 2, trainUsers: 5, catalogueSize: 4, scoredUsers: 2,
            trainFraction: 0.8, positiveThreshold: 7, evaluationProtocol: .strict, testStart: 100
        ))
        // K = 1: user 3 gets [2] (hit), user 4 gets [1] (miss).
        let top1 = try #require(report.row("popularity", k: 1))
        #expect(top1.recall == 0.5 && top1.ndcg == 0.5 && top1.distinctItems == 2 && top1.coverage == 0.5)
        #expect(abs(top1.novelty - (2 - log2(3.0 / 8)) / 2) < 1e-12)
        // K = 3: user 3 gets [2, 4] (hit at 1), user 4 gets [1, 2, 3] (hit at 3: NDCG 1/log2(4) = 0.5).
        let top3 = try #require(report.row("popularity", k: 3))
        #expect(top3.recall == 1 && top3.ndcg == 0.75 && top3.distinctItems == 4 && top3.coverage == 1)
        #expect(abs(top3.novelty - (2 + 3 - log2(3.0 / 8) + 2 + 2) / 5) < 1e-12)
        #expect(top3.usersScored == 2 && top3.contractViolations == 0)
    }

    /// Recommends whatever it is told, to test how the evaluator treats lists.
    private struct Scripted: OfflineRecommender {
        let name: String
        let lists: [Int: [Int]]
        var fitted = 0
        mutating func fit(_ train: [Interaction]) { fitted = train.count }
        func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
            // Only a fitted model answers, so this also checks that fit ran first.
            fitted == 8 ? lists[user] ?? [] : []
        }
    }

    @Test("a perfect list scores 1; contract breaches are dropped and counted")
    func contract() throws {
        let oracle = Scripted(name: "oracle", lists: [3: [2], 4: [3]])
        // User 3's list repeats 2 and includes 1, which they saw; user 4's is clean.
        let cheat = Scripted(name: "cheat", lists: [3: [1, 2, 2], 4: [3]])
        let report = Evaluator(cutoffs: [2]).evaluate([oracle, cheat], events: Self.events)
        #expect(report.rows.map(\.recommender) == ["oracle", "cheat"])
        let perfect = try #require(report.row("oracle", k: 2))
        #expect(perfect.recall == 1 && perfect.ndcg == 1 && perfect.contractViolations == 0)
        let broken = try #require(report.row("cheat", k: 2))
        #expect(broken.recall == 1 && broken.ndcg == 1 && broken.contractViolations == 1)
        #expect(report.markdown.contains("| cheat (1 lists broke the contract) | 1.0000 | 1.0000 |"))
    }

    @Test("Markdown has one table per cutoff and JSON round-trips")
    func rendering() throws {
        let report = Evaluator().evaluate(Evaluator.baselines(), events: Self.events)
        let markdown = report.markdown
        #expect(markdown.contains("| recommender | recall@10 | NDCG@10 | coverage@10 | novelty@10 (bits) | distinct items | users scored | fit (s) | recommend (s) |"))
        #expect(markdown.contains("| recommender | recall@20 |"))
        for name in ["popularity", "trending-7d", "item-knn", "heuristic"] {
            #expect(markdown.components(separatedBy: "\n| \(name) |").count == 3)
        }
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(report.json.utf8))
        #expect(decoded == report)
    }
}
