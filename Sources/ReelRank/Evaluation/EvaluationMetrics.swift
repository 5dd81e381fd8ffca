import Foundation

/// The ranking metrics of `reel eval`, as pure functions with hand-checkable definitions.
///
/// Per-user metrics (`recall`, `ndcg`) are averaged over scored users by `Evaluator`;
/// the catalogue-level ones (`coverage`, `novelty`) are computed over all lists at once.
/// The Python peer (Benchmarks/Eval/implicit_peer.py) implements the same formulas.
public enum EvaluationMetrics {
    /// Truncated recall: hits in the top `k` divided by `min(k, |relevant|)`.
    ///
    /// The denominator is capped at `k` so a perfect list scores 1 even for users
    /// with more relevant items than slots (Liang et al., 2018). Returns 0 when
    /// `relevant` is empty or `k` is not positive.
    /// - Complexity: O(k).
    public static func recall(_ recommended: [Int], relevant: Set<Int>, k: Int) -> Double {
        let ideal = min(k, relevant.count)
        guard ideal > 0 else { return 0 }
        let hits = recommended.prefix(k).reduce(0) { $0 + (relevant.contains($1) ? 1 : 0) }
        return Double(hits) / Double(ideal)
    }

    /// NDCG@k with binary gains and a log2 discount.
    ///
    /// DCG = Σ over 1-based positions p ≤ k holding a relevant item of 1 / log2(p + 1);
    /// the ideal DCG puts `min(k, |relevant|)` hits at the top. Returns 0 when
    /// `relevant` is empty or `k` is not positive.
    /// - Complexity: O(k).
    public static func ndcg(_ recommended: [Int], relevant: Set<Int>, k: Int) -> Double {
        let ideal = min(k, relevant.count)
        guard ideal > 0 else { return 0 }
        var dcg = 0.0
        for (offset, item) in recommended.prefix(k).enumerated() where relevant.contains(item) {
            dcg += discount(position: offset + 1)
        }
        let idealDCG = (1...ideal).reduce(0.0) { $0 + discount(position: $1) }
        return dcg / idealDCG
    }

    /// Catalogue coverage: distinct recommended items over the training catalogue size.
    ///
    /// Returns 0 for an empty catalogue.
    /// - Complexity: O(1).
    public static func coverage(distinctItems: Int, catalogueSize: Int) -> Double {
        catalogueSize > 0 ? Double(distinctItems) / Double(catalogueSize) : 0
    }

    /// Self-information of one item in bits: −log2(popularity share), where the
    /// share is the item's training interactions over all training interactions.
    ///
    /// An item never seen in training is given one interaction (it is at least as
    /// novel as the rarest training item), which keeps the value finite.
    /// - Complexity: O(1).
    public static func selfInformation(interactions: Int, totalInteractions: Int) -> Double {
        -log2(Double(max(interactions, 1)) / Double(max(totalInteractions, 1)))
    }

    /// Novelty: the mean self-information over every recommended slot of every list.
    ///
    /// Each recommended item counts once per list it appears in, so longer lists
    /// weigh more. Returns 0 when no item was recommended.
    /// - Complexity: O(total list length).
    public static func novelty(_ lists: [[Int]], popularity: [Int: Int], totalInteractions: Int) -> Double {
        var sum = 0.0
        var slots = 0
        for list in lists {
            for item in list {
                sum += selfInformation(interactions: popularity[item] ?? 0, totalInteractions: totalInteractions)
                slots += 1
            }
        }
        return slots > 0 ? sum / Double(slots) : 0
    }

    private static func discount(position: Int) -> Double {
        1 / log2(Double(position + 1))
    }
}
