/// Baseline: the same list for everyone, the items with the most interactions in the
/// last `window` seconds of the training period.
///
/// The window is (last training timestamp − window, last training timestamp]. Ties,
/// including every item with no interaction in the window, are broken by all-time
/// training interactions and then by the smaller item ID, so lists are always full.
public struct TrendingBaseline: OfflineRecommender, Sendable {
    /// Shown in evaluation tables, e.g. "trending-7d".
    public let name: String
    /// Length of the trending window in seconds.
    public let window: Int
    private var ranking: [Int] = []

    /// Creates an untrained baseline over a window of `window` seconds (default 7 days).
    public init(window: Int = 7 * 24 * 3600) {
        self.window = window
        self.name = window % 86_400 == 0 ? "trending-\(window / 86_400)d" : "trending-\(window)s"
    }

    /// Counts interactions per item in the window and overall.
    ///
    /// - Complexity: O(n + m log m) for n interactions over m items.
    public mutating func fit(_ train: [Interaction]) {
        guard let end = train.map(\.timestamp).max() else {
            ranking = []
            return
        }
        var recent: [Int: Int] = [:]
        var allTime: [Int: Int] = [:]
        for event in train {
            allTime[event.item, default: 0] += 1
            if event.timestamp > end - window { recent[event.item, default: 0] += 1 }
        }
        // Keys are looked up once, not in every comparison.
        let entries = allTime.map { item, count in (recent[item] ?? 0, count, item) }
        ranking = entries.sorted { lhs, rhs in
            (lhs.0, lhs.1) != (rhs.0, rhs.1) ? (lhs.0, lhs.1) > (rhs.0, rhs.1) : lhs.2 < rhs.2
        }.map(\.2)
    }

    /// The `k` top trending items not in `excluding`; `user` is ignored.
    ///
    /// - Complexity: O(k + |excluding|).
    public func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
        EvaluationRanking.prefix(of: ranking, k: k, excluding: excluding)
    }
}
