/// Chooses each peer's settings on the validation split, as Reel's own settings are chosen, so
/// every recommender in a report is configured as well as the same data allows.
///
/// A family is one peer at several settings (item-kNN at several neighbourhood sizes, trending at
/// several windows and half-lives). Each member is fitted on the validation split's training part
/// and scored at `k`; the winner has the highest recall@k + NDCG@k (ties: the earlier member).
public struct PeerTuning: Sendable {
    /// One peer with the settings to try.
    public struct Family: Sendable {
        /// Shown in the tuning table, e.g. "item-knn".
        public var label: String
        /// The members, untrained.
        public var members: [any OfflineRecommender & Sendable]

        /// Creates a family.
        public init(label: String, members: [any OfflineRecommender & Sendable]) {
            self.label = label
            self.members = members
        }
    }

    /// The cutoff the choice is made at.
    public var k: Int

    /// Creates a tuner choosing at cutoff `k` (default 20).
    public init(k: Int = 20) { self.k = k }

    /// The families `reel eval` tunes: trending by window (1–28 days) and by half-life
    /// (12 hours–14 days), and item-kNN by neighbourhood size (10–400).
    public static func standardFamilies() -> [Family] {
        let day = 86_400
        return [
            Family(label: "trending (window or half-life)", members:
                [1, 3, 7, 14, 28].map { TrendingBaseline(window: $0 * day) as any OfflineRecommender & Sendable }
                + [0.5, 1, 3, 7, 14].map { DecayedTrendingBaseline(halfLife: $0 * Double(day)) }),
            Family(label: "item-knn (neighbours)", members: [10, 25, 50, 100, 200, 400].map { ItemKNNBaseline(neighbours: $0) }),
        ]
    }

    /// Scores every member of `family` on `validation` and returns the winner (untrained) with
    /// the report of all members.
    /// - Complexity: one fit and one recommend pass per member.
    public func choose(_ family: Family, on validation: EvaluationSplit) -> (best: any OfflineRecommender & Sendable, report: EvaluationReport) {
        let report = Evaluator(cutoffs: [k]).evaluate(family.members, on: validation)
        var best = 0
        var bestScore = -Double.infinity
        for (n, row) in report.rows.enumerated() where row.recall + row.ndcg > bestScore {
            bestScore = row.recall + row.ndcg
            best = n
        }
        return (family.members[best], report)
    }
}
