import ReelCore
import ReelStore
import Synchronization

/// How far a region's recommender has read its behaviour log, against the log's end.
struct RecommenderLogPosition: Sendable, Equatable {
    /// Log position folded into the engine.
    var applied: Int64
    /// The log's end in the store.
    var head: Int64
    /// Behaviour rows in the log the engine has not folded in (never negative).
    var lag: Int64 { max(0, head - applied) }
}

extension RankRecommender {
    /// Where region `region`'s recommender stands in its behaviour log: the one place the
    /// `reel_recommender_log_*` gauges read (``MetricsSampler``).
    ///
    /// Today a position is the sum, over the behaviour tables, of the largest row ID (the
    /// ``BehaviourWatermark``); `applied` is the watermark of the last ``load()`` or ``save()``.
    /// Events this node records itself reach its engine at once but count as applied only at the
    /// next save (every retrain interval), so on one node the lag rises between saves and falls to
    /// zero at each; events written by another node count once this node has read them.
    /// - Throws: what reading the store's watermark throws.
    func logPosition(of region: RegionDefinition) async throws -> RecommenderLogPosition {
        guard let store = behaviour.store(for: region.code) else { throw ReelError.invalidConfig("region \(region.code) has no store") }
        let head = try await store.behaviourWatermark()
        let applied = appliedWatermarks.withLock { $0[region.index] } ?? .start
        return RecommenderLogPosition(applied: Self.total(applied), head: Self.total(head))
    }

    private static func total(_ watermark: BehaviourWatermark) -> Int64 {
        watermark.rowids.values.reduce(0, +)
    }
}
