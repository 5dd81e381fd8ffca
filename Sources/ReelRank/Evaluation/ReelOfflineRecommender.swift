/// Reel's own recommender behind the offline-evaluation protocol, named "reel".
///
/// `fit` replays the training log in time order through a fresh `Recommender`: each item becomes a
/// video uploaded when it was first seen, each row a watch whose watched share is its weight scaled
/// by the log's largest weight (a 10/10 rating is a full watch, a 3/10 a 30 % watch).
///
/// The ranker learns the decision the page makes: each row is the viewer's pick out of the
/// candidate pool at that moment, so it trains on the picked video (target = its watched share)
/// against `negativesPerRow` candidates drawn from the same pool (shown, not picked: target 0),
/// each with the source that retrieved it (`Recommender.replay`). Not uniform catalogue samples,
/// and not the item's first row: a video that did not exist a moment before was in no pool (and
/// training on it would teach "zero views, one hour old" as a sign of interest, a replay artefact).
/// Skipped candidates are not marked seen: the log does not say the viewer saw them.
///
/// As on the server, embeddings are retrained on a schedule and once more at the end. The
/// schedule is geometric in events (a retrain once the log has grown by `retrainGrowth` since the
/// last one, and at least `retrainInterval` of log time later), so the replay costs O(log n)
/// retrains, not one per simulated day. The configuration is the server's own
/// (`RecommenderConfig()` unless given), so what evaluation measures is what For You runs.
/// `recommend` returns the For You page at the end of the training period.
public struct ReelOfflineRecommender: OfflineRecommender, Sendable {
    /// Shown in evaluation tables.
    public let name = "reel"
    /// The recommender's configuration.
    public var config: RecommenderConfig
    /// Pool candidates per row trained as skipped impressions (target 0).
    public var negativesPerRow: Int
    /// Candidates per source in the pool impressions are drawn from.
    public var poolPerSource: Int
    /// Minimum log time (seconds) between embedding retrains during the replay.
    public var retrainInterval: Double
    /// Retrain once the replayed rows grew by this fraction since the last retrain.
    public var retrainGrowth: Double
    /// The replayed recommender (internal so tests can inspect it).
    private(set) var recommender: Recommender
    private var now: Double = 0

    /// Creates an untrained adapter.
    public init(config: RecommenderConfig = RecommenderConfig(), negativesPerRow: Int = 2, poolPerSource: Int = 20,
                retrainInterval: Double = 86400, retrainGrowth: Double = 0.25) {
        self.config = config
        self.negativesPerRow = negativesPerRow
        self.poolPerSource = poolPerSource
        self.retrainInterval = retrainInterval
        self.retrainGrowth = retrainGrowth
        recommender = Recommender(config: config)
    }

    /// Replays `train` (sorted by time) into a fresh recommender, retraining its embeddings on the
    /// geometric schedule and at the end.
    /// - Complexity: O(n × (sources' bounds + negatives × features)) for the replay plus
    ///   O(log n) `Recommender.retrain()` calls.
    public mutating func fit(_ train: [Interaction]) {
        recommender = Recommender(config: config)
        let scale = max(train.map(\.weight).max() ?? 1, 1e-9)
        var known = Set<Int>()
        var rng = SeededGenerator(seed: config.seed)
        var nextRetrainTime = Double(train.first?.timestamp ?? 0) + retrainInterval
        var rowsAtRetrain = 0
        for (n, row) in train.enumerated() {
            let time = Double(row.timestamp)
            if time >= nextRetrainTime && Double(n - rowsAtRetrain) >= retrainGrowth * Double(max(rowsAtRetrain, 1)) {
                recommender.retrain()
                nextRetrainTime = time + retrainInterval
                rowsAtRetrain = n
            }
            let isNew = known.insert(row.item).inserted
            if isNew {
                recommender.upsert(video: VideoMetadata(
                    id: UInt64(row.item), creator: UInt64(row.item), hashtags: [], durationMs: 1000,
                    uploadedAt: time, region: "offline"))
            }
            let ratio = min(max(row.weight / scale, 0), 1)
            let event = InteractionEvent(user: UInt64(row.user), video: UInt64(row.item), kind: .watch,
                                         watchedMs: UInt32(ratio * 1000), durationMs: 1000, completed: ratio >= 1, time: time)
            recommender.replay(event, region: "offline", learns: !isNew, skipped: negativesPerRow,
                               poolPerSource: poolPerSource, rng: &rng)
        }
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
