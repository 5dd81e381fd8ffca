/// Tunables of the recommender, read once by the server and passed in.
///
/// Defaults are what the server runs and what offline evaluation measures (`ReelOfflineRecommender`
/// uses `RecommenderConfig()`); the page-composition and trending defaults were chosen on a
/// validation split cut from the training period (docs/evaluation.md), never on the test split.
/// Every field is stored in snapshots.
public struct RecommenderConfig: Sendable, Hashable {
    /// Seed for every random choice (HNSW levels, ALS init, bandit draws), for reproducibility.
    public var seed: UInt64 = 42
    /// Embedding dimension; a multiple of 8 keeps the SIMD dot products tight.
    public var embeddingDimension: Int = 32
    /// ALS L2 regularisation.
    public var alsRegularization: Float = 0.1
    /// ALS confidence scale: confidence = 1 + alpha × engagement.
    public var alsAlpha: Float = 10
    /// ALS sweeps per `retrain(now:)` call (warm-started, so a few suffice).
    public var alsEpochsPerRetrain: Int = 3
    /// Events a user needs before a vector is folded in for them.
    public var foldInMinimumEvents: Int = 3
    /// HNSW out-degree (level 0 uses twice this).
    public var hnswM: Int = 16
    /// HNSW beam width while building.
    public var hnswEfConstruction: Int = 100
    /// HNSW beam width while searching.
    public var hnswEfSearch: Int = 64
    /// Weights blending the predicted probabilities into one score.
    public var completionWeight: Double = 1.0
    /// Weight of the predicted like probability.
    public var likeWeight: Double = 0.5
    /// Weight of the predicted share probability.
    public var shareWeight: Double = 0.8
    /// Weight of the candidate source's own normalised score (retrieval prior) in the blend. 0: the
    /// ranker learns each source's rank as a feature (cross-source calibration from data).
    public var retrievalWeight: Double = 0
    /// Weight of the video's momentum, log(1 + decayed trending score), in the blend: the
    /// population prior the model's personal evidence has to beat. The online ranker alone
    /// ordered the pool worse than its own trending source (MovieTweetings validation recall@20
    /// 0.2375 without page rules, against 0.2518 for the same half-life's trending order); chosen
    /// on the validation split among 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.8 (docs/evaluation.md).
    public var trendWeight: Double = 0.2
    /// The viewer's event count at which momentum's weight has halved (`trendWeight` × h / (h + events));
    /// 0 keeps it constant. 15: chosen on the validation split with the similarity term (5 before;
    /// 15 and 25 scored higher, docs/evaluation.md "Third round"); a new viewer who completes only
    /// one topic still gets a mostly-that-topic page within 50 events (ForYouLearningTests), which
    /// at 50 (and with no decay) stayed 45 % on topic.
    public var trendWeightEvents: Double = 15
    /// Weight of the video's item-kNN similarity to the viewer's latest videos in the blend
    /// (`SequenceSignals.similar`: recency-weighted cosine over viewers' histories, Sarwar et al.
    /// 2001), re-ranking the pool, momentum's top included, by what viewers with the same history
    /// watched. 1: chosen on the validation splits among 0, 0.1, 0.3, 1, 1.5, 2, 3, 10 (the
    /// highest MovieTweetings score whose synthetic-world score did not fall; docs/evaluation.md).
    public var similarityWeight: Double = 1
    /// Bonus for a just-uploaded video, decaying with `freshnessHalfLife` (0: new uploads get their
    /// traffic from the exploration slot, where the model finds them plausible).
    public var freshnessWeight: Double = 0
    /// Half-life of the freshness bonus, seconds.
    public var freshnessHalfLife: Double = 24 * 3600
    /// Half-life of trending scores, seconds.
    public var trendingHalfLife: Double = 24 * 3600
    /// FTRL-Proximal learning-rate alpha.
    public var ftrlAlpha: Double = 0.1
    /// FTRL-Proximal learning-rate beta.
    public var ftrlBeta: Double = 1
    /// FTRL-Proximal L1 strength (sparsity).
    public var ftrlL1: Double = 0.5
    /// FTRL-Proximal L2 strength.
    public var ftrlL2: Double = 1
    /// Upper bound on candidates each source may return.
    public var perSourceLimit: Int = 100
    /// Exploration budget: impressions a fresh upload gets from the bandit before it must earn its way.
    public var explorationImpressions: Int = 200
    /// Uploads younger than this (seconds) are eligible for exploration.
    public var freshWindow: Double = 3 * 24 * 3600
    /// Slots per For You page reserved for fresh uploads under exploration (when any qualify).
    public var explorationSlotsPerPage: Int = 1
    /// An exploration slot takes a fresh upload only if it scores at least this fraction of the best
    /// remaining candidate (adaptive exploration: implausible uploads are not forced on a viewer).
    public var explorationFloor: Double = 0.8
    /// Slots per For You page reserved for personal sources (when any qualify).
    public var personalSlotsPerPage: Int = 3
    /// A personal slot prefers a source not yet on the page only if its pick scores at least this
    /// fraction of the best personal pick: lower spreads pages wider, higher follows the model.
    public var sourceVarietyFloor: Double = 0.6
    /// Minimum distance between two items of the same creator (5 ⇒ no creator twice in any 5 consecutive).
    public var creatorSpacing: Int = 5
    /// Multiplicative penalty per repeat of a sound or primary hashtag within the diversity window.
    public var topicRepeatPenalty: Double = 0.85
    /// Diversity window for sounds and hashtags.
    public var topicWindow: Int = 4
    /// Size of each region's trending leaderboard.
    public var trendingBoardSize: Int = 1000

    /// The default configuration.
    public init() {}

    /// The beam width For You's embedding source searches the HNSW index with: it asks for twice
    /// `perSourceLimit` neighbours (some are filtered out as seen or ineligible), and the beam is
    /// at least as wide as the answer (`hnswEfSearch` otherwise). Retrains measure the index's
    /// sampled recall at this width.
    public var embeddingSearchWidth: Int { max(hnswEfSearch, 2 * perSourceLimit) }
}
