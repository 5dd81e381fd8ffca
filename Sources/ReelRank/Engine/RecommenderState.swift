/// The whole mutable state of one regional recommender, as a value type. The `Recommender`
/// facade keeps it behind a mutex for writers; readers rank from an immutable copy of it
/// (`servingSnapshot()`, see RecommenderState+Serving.swift); snapshots serialise it field by field.
struct RecommenderState: Sendable {
    /// Prediction heads of the online ranker.
    enum Head: Int, CaseIterable {
        case completion = 0, like = 1, share = 2
    }

    var config: RecommenderConfig
    var catalog = VideoCatalog()
    var users: [UInt64: UserProfile] = [:]
    var ranker: FTRLProximal
    var als: ImplicitALS
    /// Dense ALS row of each user ID, and the reverse.
    var userRow: [UInt64: Int32] = [:]
    var userIDs: [UInt64] = []
    /// Positive interactions kept for (re)training the embeddings: parallel arrays of triples.
    var trainUsers: [Int32] = []
    var trainItems: [Int32] = []
    var trainStrengths: [Float] = []
    var ann: HNSWIndex
    var itemGram: [Float] = []
    /// The (user, video, kind, UTC day) whose watch or share raised the video's trend: one user's replays and
    /// re-shares raise it once a day (issue 13 item 7), while their own profile still learns from each.
    /// Holds today's and yesterday's entries (``trendCountedDay``); not in snapshots, so after a restart a
    /// user's repeat on the same day may count once more.
    var trendCounted: Set<TrendCount> = []
    /// The latest UTC day (days since 1970) of an entry in ``trendCounted``.
    var trendCountedDay: Int32 = .min
    var regionBoards: [UInt32: TrendingBoard] = [:]
    var globalBoard: TrendingBoard
    var coEngagement = CoEngagementTable()
    /// Directed "watched next" transitions between positives (the sequence signal).
    var transitions = CoEngagementTable()
    /// Item-to-item co-occurrence in viewers' histories (every pair within their last
    /// `UserProfile.recentCapacity` positives, however far apart): the item-kNN signal behind
    /// `SequenceSignals.similar`.
    var coOccurrence = CoEngagementTable(capacity: 64)
    var eventCount = 0
    var retrainCount = 0
    /// What the last retrain did to the ANN index (shown by `inspect()`; not part of snapshots).
    var lastIndexMaintenance: RetrainJob.IndexMaintenance?
    /// Changes readers must see on their next request (catalogue, safety, retrains, refreshes),
    /// counted so the serving snapshot knows it is out of date (not part of snapshots).
    var changeCount = 0
    /// The copy readers rank from, once taken (not part of snapshots).
    var published: ServingSnapshot?

    init(config: RecommenderConfig) {
        self.config = config
        ranker = FTRLProximal(heads: Head.allCases.count, alpha: config.ftrlAlpha, beta: config.ftrlBeta,
                              l1: config.ftrlL1, l2: config.ftrlL2)
        als = ImplicitALS(dimension: config.embeddingDimension, regularization: config.alsRegularization,
                          alpha: config.alsAlpha, seed: config.seed)
        ann = HNSWIndex(dimension: config.embeddingDimension, m: config.hnswM,
                        efConstruction: config.hnswEfConstruction, seed: config.seed)
        globalBoard = TrendingBoard(capacity: config.trendingBoardSize)
    }

    /// The viewer's recent history scored against every video it leads to.
    func sequenceSignals(_ profile: UserProfile) -> SequenceSignals {
        SequenceSignals(recent: profile.recent, transitions: transitions, coEngagement: coEngagement,
                        coOccurrence: coOccurrence)
    }

    /// Time constant (seconds) of the trending decay, from its half-life.
    var trendTau: Double { config.trendingHalfLife / 0.693_147_180_559_945_3 }

    // MARK: catalogue

    mutating func upsert(_ video: VideoMetadata) {
        changeCount &+= 1
        let i = catalog.upsert(video)
        if video.safety == .removed { dropFromBoards(i) }
    }

    mutating func remove(videoID: UInt64) {
        changeCount &+= 1
        guard let i = catalog.indexOfID[videoID] else { return }
        catalog.safety[Int(i)] = .removed
        // Its text goes with it (a deleted video's caption must not stay in snapshots); `upsert` brings it back.
        catalog.captions[Int(i)] = ""
        dropFromBoards(i)
    }

    private mutating func dropFromBoards(_ i: Int32) {
        regionBoards[catalog.regions[Int(i)]]?.remove(i, scores: catalog.trendLog)
        globalBoard.remove(i, scores: catalog.trendLog)
    }

    // MARK: viewer settings

    mutating func setFollowing(user: UInt64, creator: UInt64, isFollowing: Bool) {
        if isFollowing {
            users[user, default: UserProfile()].following.insert(creator)
        } else {
            users[user, default: UserProfile()].following.remove(creator)
        }
    }

    mutating func block(user: UInt64, creator: UInt64) {
        users[user, default: UserProfile()].blockedCreators.insert(creator)
        users[user, default: UserProfile()].following.remove(creator)
    }

    mutating func setKeywordFilters(user: UInt64, _ keywords: [String]) {
        users[user, default: UserProfile()].keywordFilters = keywords.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    /// Forgets a user's learned state: affinities, history-based vectors, personal model weights and
    /// training rows. Follows, blocks, filters, not-interested choices and the seen set are kept.
    mutating func refresh(user: UInt64) {
        changeCount &+= 1
        users[user, default: UserProfile()].forgetLearnedState()
        guard let row = userRow[user] else { return }
        var keep = 0
        for n in trainUsers.indices where trainUsers[n] != row {
            trainUsers[keep] = trainUsers[n]
            trainItems[keep] = trainItems[n]
            trainStrengths[keep] = trainStrengths[n]
            keep += 1
        }
        trainUsers.removeLast(trainUsers.count - keep)
        trainItems.removeLast(trainItems.count - keep)
        trainStrengths.removeLast(trainStrengths.count - keep)
        if Int(row) < als.userFactors.rows {
            als.userFactors.setRow(Int(row), [Float](repeating: 0, count: als.dimension))
        }
    }

    // MARK: embeddings

    /// Retrains the embeddings in place (see `RetrainJob`); used where holding the state is fine.
    mutating func retrain() {
        let job = retrainJob()
        install(job.run(), from: job)
    }

    /// Copies what retraining needs (copy-on-write, so O(1) until the state changes again).
    func retrainJob() -> RetrainJob {
        RetrainJob(config: config, als: als, index: ann, users: trainUsers, items: trainItems, strengths: trainStrengths,
                   userCount: userIDs.count, safety: catalog.safety, retrainCount: retrainCount,
                   pendingEvents: users.mapValues(\.eventsSinceRetrain))
    }

    /// Installs a finished retrain. Users' fold-in counters drop by the events the job saw, so
    /// anyone active while it ran keeps using fold-in until the next retrain.
    mutating func install(_ result: RetrainJob.Result, from job: RetrainJob) {
        als = result.als
        itemGram = result.gram
        ann = result.index
        lastIndexMaintenance = result.maintenance
        retrainCount = job.retrainCount + 1
        changeCount &+= 1
        for (user, seen) in job.pendingEvents {
            if let pending = users[user]?.eventsSinceRetrain { users[user]?.eventsSinceRetrain = max(pending - seen, 0) }
        }
        clearErasedRows()
    }

    /// The viewer's embedding: the trained row when it is current, otherwise folded in on the fly
    /// from recent interactions once there are enough of them.
    func userVector(_ user: UInt64, profile: UserProfile) -> [Float]? {
        guard als.itemFactors.rows > 0, !itemGram.isEmpty else { return nil }
        let row = userRow[user].map(Int.init)
        let hasTrainedRow = row.map { $0 < als.userFactors.rows && !als.userFactors.isZero($0) } ?? false
        if hasTrainedRow && profile.eventsSinceRetrain == 0 { return als.userFactors.row(row!) }
        if profile.recent.count >= config.foldInMinimumEvents {
            return als.foldIn(items: profile.recent.map(\.video), strengths: profile.recent.map(\.strength), gram: itemGram)
        }
        return hasTrainedRow ? als.userFactors.row(row!) : nil
    }

    mutating func ensureUserRow(_ user: UInt64) -> Int32 {
        if let row = userRow[user] { return row }
        let row = Int32(userIDs.count)
        userRow[user] = row
        userIDs.append(user)
        return row
    }
}
