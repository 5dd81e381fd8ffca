import Foundation
import Testing

@testable import ReelRank

@Suite("EvaluationMetrics")
struct EvaluationMetricsTests {
    @Test("recall divides hits by min(K, |relevant|)")
    func recall() {
        // 2 of the 3 relevant items in the top 5: 2 / min(5, 3).
        #expect(EvaluationMetrics.recall([1, 9, 2, 8, 7], relevant: [1, 2, 3], k: 5) == 2.0 / 3.0)
        // Only the top 2 count, and 1 hit of a possible min(2, 3) = 2.
        #expect(EvaluationMetrics.recall([1, 9, 2], relevant: [1, 2, 3], k: 2) == 0.5)
        // A perfect short list scores 1 although 3 items are relevant.
        #expect(EvaluationMetrics.recall([3, 1], relevant: [1, 2, 3], k: 2) == 1)
        #expect(EvaluationMetrics.recall([], relevant: [1], k: 10) == 0)
        #expect(EvaluationMetrics.recall([1], relevant: [], k: 10) == 0)
    }

    @Test("NDCG uses binary gains and a log2 discount")
    func ndcg() {
        // Hits at positions 1 and 3: DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3).
        let expected = 1.5 / (1 + 1 / log2(3.0))
        #expect(abs(EvaluationMetrics.ndcg([1, 9, 2], relevant: [1, 2], k: 3) - expected) < 1e-12)
        // One relevant item at position 2: (1/log2(3)) / 1.
        #expect(abs(EvaluationMetrics.ndcg([9, 1], relevant: [1], k: 10) - 1 / log2(3.0)) < 1e-12)
        // The hit at position 3 is cut off by K = 2.
        #expect(EvaluationMetrics.ndcg([9, 8, 1], relevant: [1], k: 2) == 0)
        #expect(EvaluationMetrics.ndcg([2, 1], relevant: [1, 2], k: 2) == 1)
        #expect(EvaluationMetrics.ndcg([1], relevant: [], k: 2) == 0)
    }

    @Test("coverage is distinct items over the catalogue")
    func coverage() {
        #expect(EvaluationMetrics.coverage(distinctItems: 25, catalogueSize: 100) == 0.25)
        #expect(EvaluationMetrics.coverage(distinctItems: 3, catalogueSize: 0) == 0)
    }

    @Test("novelty is the mean self-information of recommended slots")
    func novelty() {
        let popularity = [1: 4, 2: 2, 3: 1]
        // Shares out of 8: item 1 → 1/2 (1 bit), item 2 → 1/4 (2 bits), item 3 → 1/8 (3 bits);
        // item 4 never occurred and counts as 1 interaction (3 bits).
        #expect(EvaluationMetrics.selfInformation(interactions: 4, totalInteractions: 8) == 1)
        #expect(EvaluationMetrics.selfInformation(interactions: 0, totalInteractions: 8) == 3)
        let lists = [[1, 2], [3], [4, 1]]
        #expect(EvaluationMetrics.novelty(lists, popularity: popularity, totalInteractions: 8) == (1 + 2 + 3 + 3 + 1) / 5.0)
        #expect(EvaluationMetrics.novelty([[]], popularity: popularity, totalInteractions: 8) == 0)
    }
}
