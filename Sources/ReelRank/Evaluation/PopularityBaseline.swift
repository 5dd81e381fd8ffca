/// Baseline: the same list for everyone, the items with the most training interactions.
///
/// Each training row counts once, whatever its weight. Ties go to the smaller item ID.
public struct PopularityBaseline: OfflineRecommender, Sendable {
    /// Shown in evaluation tables.
    public let name = "popularity"
    private var ranking: [Int] = []

    /// Creates an untrained baseline; call `fit(_:)` before `recommend(for:k:excluding:)`.
    public init() {}

    /// Counts interactions per item.
    ///
    /// - Complexity: O(n + m log m) for n interactions over m items.
    public mutating func fit(_ train: [Interaction]) {
        var counts: [Int: Double] = [:]
        for event in train { counts[event.item, default: 0] += 1 }
        ranking = EvaluationRanking.ranked(counts)
    }

    /// The `k` most popular items not in `excluding`; `user` is ignored.
    ///
    /// - Complexity: O(k + |excluding|).
    public func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
        EvaluationRanking.prefix(of: ranking, k: k, excluding: excluding)
    }
}
