/// A time split of an interaction log, ready for `Evaluator`: the training events,
/// the test events and, for every scored user, what they saw and what counts as a hit.
///
/// Built by `TimeSplit.split(_:)`; the protocol is documented there and in
/// docs/evaluation.md.
public struct EvaluationSplit: Sendable {
    /// One user the metrics are computed for.
    public struct ScoredUser: Sendable, Hashable {
        /// The user's ID.
        public var user: Int
        /// Every item the user interacted with in training (any weight); passed to
        /// `OfflineRecommender.recommend(for:k:excluding:)` and never a hit.
        public var seen: Set<Int>
        /// Items of the user's relevant test interactions (see `EvaluationProtocol`), minus
        /// `seen`; never empty. Under `.strict` it may contain items unseen in training.
        public var relevant: Set<Int>
    }

    /// The earliest events, sorted by time (ties in input order); what recommenders fit on.
    public var train: [Interaction]
    /// The remaining events, sorted by time.
    public var test: [Interaction]
    /// Users with at least one training interaction and at least one relevant test
    /// interaction on an item they did not see in training, ascending by user ID.
    public var scoredUsers: [ScoredUser]
    /// The fraction of events in `train`, as configured.
    public var trainFraction: Double
    /// A test interaction counts as relevant when its weight is at least this.
    public var positiveThreshold: Double
    /// Which test interactions are relevant.
    public var evaluationProtocol: EvaluationProtocol
    /// Training interactions per item (each row counts once); the popularity
    /// that catalogue coverage and novelty are measured against.
    public var trainingPopularity: [Int: Int]

    /// Distinct items in training: the denominator of catalogue coverage.
    public var catalogueSize: Int { trainingPopularity.count }
}
