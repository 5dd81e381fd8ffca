/// Reel's own recommender behind the offline-evaluation protocol, named "reel".
///
/// `fit` replays the training log in time order through a fresh `Recommender`: each item becomes a
/// video uploaded when it was first seen, each row a watch whose completion ratio is its weight
/// scaled by the log's largest weight (weight as confidence); rows at or above
/// `completionThreshold` of that scale count as completed (0 by default: a logged row is an
/// engagement the user chose, whatever its rating). A log of positives has no skips, which
/// the online ranker needs as negatives, so each row is followed by `negativesPerRow` sampled
/// impressions of known items that were not watched (seeded, uniform over items seen so far) —
/// the usual negative sampling for implicit feedback. As on the server, embeddings are retrained
/// on a clock (every `retrainInterval` of log time) and once more at the end, so the ranker learns
/// from the taste-match feature in between. The configuration is the server's own
/// (`RecommenderConfig()` unless given), so what evaluation measures is what For You runs.
/// `recommend` returns the For You page at the end of the training period.
public struct ReelOfflineRecommender: OfflineRecommender, Sendable {
    /// Shown in evaluation tables.
    public let name = "reel"
    /// The recommender's configuration.
    public var config: RecommenderConfig
    /// Fraction of the maximum weight at which a row counts as a completed watch (0.7 ⇒ rating ≥ 7 of 10).
    public var completionThreshold: Double
    /// Sampled skipped impressions per training row.
    public var negativesPerRow: Int
    /// Log time (seconds) between embedding retrains during the replay, as the server retrains on
    /// a timer: the ranker then learns from the taste-match feature on the events in between.
    public var retrainInterval: Double
    /// The replayed recommender (internal so tests can inspect it).
    private(set) var recommender: Recommender
    private var now: Double = 0

    /// Creates an untrained adapter.
    public init(config: RecommenderConfig = RecommenderConfig(), completionThreshold: Double = 0,
                negativesPerRow: Int = 3, retrainInterval: Double = 86400) {
        self.config = config
        self.completionThreshold = completionThreshold
        self.negativesPerRow = negativesPerRow
        self.retrainInterval = retrainInterval
        recommender = Recommender(config: config)
    }

    /// Replays `train` (sorted by time) into a fresh recommender, retraining its embeddings every
    /// `retrainInterval` of log time and at the end.
    /// - Complexity: O(n × features) for the replay plus one `Recommender.retrain()` per interval.
    public mutating func fit(_ train: [Interaction]) {
        recommender = Recommender(config: config)
        let scale = max(train.map(\.weight).max() ?? 1, 1e-9)
        var known = Set<Int>()
        var items: [Int] = []
        var rng = SeededGenerator(seed: config.seed)
        var events: [InteractionEvent] = []
        events.reserveCapacity(train.count)
        var nextRetrain = Double(train.first?.timestamp ?? 0) + retrainInterval
        for row in train {
            let time = Double(row.timestamp)
            if time >= nextRetrain {
                recommender.record(events)
                events.removeAll(keepingCapacity: true)
                recommender.retrain()
                nextRetrain = time + retrainInterval
            }
            if known.insert(row.item).inserted {
                items.append(row.item)
                recommender.record(events)
                events.removeAll(keepingCapacity: true)
                recommender.upsert(video: VideoMetadata(
                    id: UInt64(row.item), creator: UInt64(row.item), hashtags: [], durationMs: 1000,
                    uploadedAt: time, region: "offline"))
            }
            let ratio = min(max(row.weight / scale, 0), 1)
            events.append(InteractionEvent(
                user: UInt64(row.user), video: UInt64(row.item), kind: .watch, watchedMs: UInt32(ratio * 1000),
                durationMs: 1000, completed: ratio >= completionThreshold, time: time))
            for _ in 0 ..< negativesPerRow {
                let item = items[Int(rng.next() % UInt64(items.count))]
                if item == row.item { continue }
                events.append(InteractionEvent(
                    user: UInt64(row.user), video: UInt64(item), kind: .watch, watchedMs: 0, durationMs: 1000,
                    completed: false, time: time))
            }
        }
        recommender.record(events)
        recommender.retrain()
        now = Double(train.last?.timestamp ?? 0)
    }

    /// The user's For You list at the end of training, without `excluding`.
    /// - Complexity: one `Recommender.recommend` call.
    public func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
        let viewer = ViewerContext(userID: UInt64(user), region: "offline", isEligibleForMatureContent: true)
        let page = recommender.recommend(for: viewer, limit: k, now: now)
        return Array(page.items.lazy.map { Int($0.videoID) }.filter { !excluding.contains($0) }.prefix(k))
    }
}
