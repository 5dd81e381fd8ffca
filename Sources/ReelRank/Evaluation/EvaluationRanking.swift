/// Shared top-k selection for the evaluation baselines, with one deterministic
/// order everywhere: higher score first, then the smaller item ID.
enum EvaluationRanking {
    /// All keys of `scores` ranked by (score descending, item ascending).
    ///
    /// - Complexity: O(n log n).
    static func ranked(_ scores: [Int: Double]) -> [Int] {
        scores.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key
        }.map(\.key)
    }

    /// The first `k` items of an already ranked list that are not in `excluding`.
    ///
    /// - Complexity: O(k + |excluding|) on average.
    static func prefix(of ranking: [Int], k: Int, excluding: Set<Int>) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(max(k, 0))
        for item in ranking where !excluding.contains(item) {
            guard result.count < k else { break }
            result.append(item)
        }
        return result
    }

    /// The top `k` keys of `scores` not in `excluding`, by (score descending, item ascending).
    ///
    /// - Complexity: O(n log n) for n scored items.
    static func top(_ scores: [Int: Double], k: Int, excluding: Set<Int>) -> [Int] {
        prefix(of: ranked(scores), k: k, excluding: excluding)
    }
}
