import Foundation

/// Baseline: the same list for everyone, items ranked by exponentially decayed interaction
/// counts at the end of the training period (the "hot" score of trending feeds).
///
/// score(i) = Σ over training rows of i of 2^(−(end − t) / halfLife), where `end` is the last
/// training timestamp. Ties go to more all-time interactions, then the smaller item ID.
public struct DecayedTrendingBaseline: OfflineRecommender, Sendable {
    /// Shown in evaluation tables, e.g. "trending-hl3d".
    public let name: String
    /// Half-life of an interaction's weight, in seconds.
    public let halfLife: Double
    private var ranking: [Int] = []

    /// Creates an untrained baseline whose interactions lose half their weight every `halfLife` seconds.
    /// - Precondition: `halfLife > 0`.
    public init(halfLife: Double) {
        precondition(halfLife > 0, "halfLife must be positive, got \(halfLife)")
        self.halfLife = halfLife
        let days = halfLife / 86_400
        name = days == days.rounded() ? "trending-hl\(Int(days))d" : "trending-hl\(Int(halfLife))s"
    }

    /// Sums the decayed weights per item.
    /// - Complexity: O(n + m log m) for n interactions over m items.
    public mutating func fit(_ train: [Interaction]) {
        guard let end = train.map(\.timestamp).max() else {
            ranking = []
            return
        }
        var score: [Int: (Double, Int)] = [:]
        for event in train {
            let weight = exp2(-Double(end - event.timestamp) / halfLife)
            let entry = score[event.item] ?? (0, 0)
            score[event.item] = (entry.0 + weight, entry.1 + 1)
        }
        ranking = score.map { ($0.value.0, $0.value.1, $0.key) }.sorted { lhs, rhs in
            (lhs.0, lhs.1) != (rhs.0, rhs.1) ? (lhs.0, lhs.1) > (rhs.0, rhs.1) : lhs.2 < rhs.2
        }.map(\.2)
    }

    /// The `k` hottest items not in `excluding`; `user` is ignored.
    /// - Complexity: O(k + |excluding|).
    public func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
        EvaluationRanking.prefix(of: ranking, k: k, excluding: excluding)
    }
}
