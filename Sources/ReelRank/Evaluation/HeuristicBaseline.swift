import Foundation

/// Baseline: a fixed-weight blend of the kind open platforms ship,
/// 0.25 freshness + 0.35 engagement + 0.30 personal affinity + 0.10 creator quality.
///
/// Every component is in [0, 1]:
/// - freshness = 2^(−age / `freshnessHalfLife`), where age is the time from the item's
///   first training interaction (a stand-in for its upload time, which a generic
///   log lacks) to the last training timestamp;
/// - engagement = log(1 + interactions) / log(1 + most interactions of any item);
/// - personal affinity = the user's `ItemKNNBaseline` score for the item divided by
///   their highest such score (0 for items not reachable from their history);
/// - creator quality = `creatorQuality[item]`, or a neutral 0.5 when the log has no
///   creators. A constant adds the same amount to every item, so on creator-less
///   logs it leaves the ranking unchanged rather than inventing a signal.
///
/// Ties go to the smaller item ID.
public struct HeuristicBaseline: OfflineRecommender, Sendable {
    /// The blend weights.
    public struct Weights: Sendable, Hashable {
        /// Weight of freshness.
        public var freshness: Double
        /// Weight of engagement.
        public var engagement: Double
        /// Weight of personal affinity.
        public var affinity: Double
        /// Weight of creator quality.
        public var creatorQuality: Double

        /// Creates a blend; weights need not sum to 1.
        public init(freshness: Double, engagement: Double, affinity: Double, creatorQuality: Double) {
            self.freshness = freshness
            self.engagement = engagement
            self.affinity = affinity
            self.creatorQuality = creatorQuality
        }

        /// 0.25 freshness + 0.35 engagement + 0.30 affinity + 0.10 creator quality.
        public static let standard = Weights(freshness: 0.25, engagement: 0.35, affinity: 0.30, creatorQuality: 0.10)
    }

    /// Shown in evaluation tables.
    public let name = "heuristic"
    /// The blend weights.
    public let weights: Weights
    /// Age in seconds at which freshness halves.
    public let freshnessHalfLife: Double
    /// Creator quality per item ID in [0, 1]; items without an entry get 0.5.
    public let creatorQuality: [Int: Double]

    private var affinity: ItemKNNBaseline
    /// Freshness, engagement and creator quality, already weighted, per item ID.
    private var baseScores: [Int: Double] = [:]
    /// Item IDs by `baseScores`, best first.
    private var baseRanking: [Int] = []

    /// Creates an untrained baseline.
    ///
    /// - Parameters:
    ///   - weights: the blend, `.standard` by default.
    ///   - freshnessHalfLife: seconds, 7 days by default.
    ///   - neighbours: neighbours per item of the affinity model (default 50).
    ///   - creatorQuality: optional quality in [0, 1] per item ID.
    public init(
        weights: Weights = .standard,
        freshnessHalfLife: Double = 7 * 24 * 3600,
        neighbours: Int = 50,
        creatorQuality: [Int: Double] = [:]
    ) {
        self.weights = weights
        self.freshnessHalfLife = freshnessHalfLife
        self.creatorQuality = creatorQuality
        self.affinity = ItemKNNBaseline(neighbours: neighbours)
    }

    /// Fits the affinity model and computes the non-personal part of every item's score.
    ///
    /// - Complexity: that of `ItemKNNBaseline.fit(_:)` plus O(n + m log m).
    public mutating func fit(_ train: [Interaction]) {
        affinity.fit(train)
        var counts: [Int: Int] = [:]
        var firstSeen: [Int: Int] = [:]
        for event in train {
            counts[event.item, default: 0] += 1
            firstSeen[event.item] = min(firstSeen[event.item] ?? .max, event.timestamp)
        }
        let end = train.map(\.timestamp).max() ?? 0
        let mostInteractions = Double(counts.values.max() ?? 1)
        baseScores = counts.reduce(into: [:]) { scores, entry in
            let age = Double(end - firstSeen[entry.key]!)
            let freshness = exp2(-age / freshnessHalfLife)
            let engagement = log1p(Double(entry.value)) / log1p(mostInteractions)
            let quality = creatorQuality[entry.key] ?? 0.5
            scores[entry.key] = weights.freshness * freshness + weights.engagement * engagement
                + weights.creatorQuality * quality
        }
        baseRanking = EvaluationRanking.ranked(baseScores)
    }

    /// The `k` best-blended items for `user` not in `excluding`.
    ///
    /// Exact without scoring the whole catalogue: items with affinity are scored in
    /// full, and any other item scores only its non-personal part, so the best `k`
    /// of those are the first `k` of the precomputed non-personal ranking.
    /// - Complexity: O(h · neighbours + (c + k) log(c + k) + |excluding|) for h
    ///   history items and c items with affinity.
    public func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
        let personal = affinity.scores(for: user)
        let strongest = personal.values.max() ?? 0
        var candidates: [Int: Double] = [:]
        if strongest > 0 {
            for (item, score) in personal where !excluding.contains(item) {
                candidates[item] = (baseScores[item] ?? 0) + weights.affinity * score / strongest
            }
        }
        var added = 0
        for item in baseRanking where candidates[item] == nil && !excluding.contains(item) {
            guard added < k else { break }
            candidates[item] = baseScores[item]
            added += 1
        }
        return EvaluationRanking.top(candidates, k: k, excluding: excluding)
    }
}
