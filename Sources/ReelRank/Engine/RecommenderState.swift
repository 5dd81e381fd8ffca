/// The whole mutable state of one regional recommender, as a value type. The `Recommender`
/// facade keeps it behind a mutex; snapshots serialise it field by field.
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
    var regionBoards: [UInt32: TrendingBoard] = [:]
    var globalBoard: TrendingBoard
    var coEngagement = CoEngagementTable()
    var eventCount = 0
    var retrainCount = 0

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

    /// Time constant (seconds) of the trending decay, from its half-life.
    var trendTau: Double { config.trendingHalfLife / 0.693_147_180_559_945_3 }

    // MARK: catalogue

    mutating func upsert(_ video: VideoMetadata) {
        let i = catalog.upsert(video)
        if video.safety == .removed { dropFromBoards(i) }
    }

    mutating func remove(videoID: UInt64) {
        guard let i = catalog.indexOfID[videoID] else { return }
        catalog.safety[Int(i)] = .removed
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

    /// Retrains the embeddings warm-started from the current factors and rebuilds the ANN index.
    /// - Complexity: O(epochs × nnz × d) for ALS plus O(items × log items × ef × d) for the index.
    mutating func retrain() {
        let feedback = FeedbackMatrix(userCount: userIDs.count, itemCount: catalog.count,
                                      users: trainUsers, items: trainItems, strengths: trainStrengths)
        als.train(on: feedback, epochs: config.alsEpochsPerRetrain)
        itemGram = ImplicitALS.gram(als.itemFactors)
        var index = HNSWIndex(dimension: config.embeddingDimension, m: config.hnswM,
                              efConstruction: config.hnswEfConstruction, seed: config.seed &+ UInt64(retrainCount))
        var trained = [Bool](repeating: false, count: catalog.count)
        for n in feedback.byItem.offsets.indices.dropLast() where feedback.byItem.offsets[n + 1] > feedback.byItem.offsets[n] {
            trained[n] = true
        }
        for i in 0 ..< catalog.count where trained[i] && catalog.safety[i] != .removed {
            index.insert(als.itemFactors.row(i), label: Int32(i))
        }
        ann = index
        retrainCount += 1
        for key in users.keys { users[key]?.eventsSinceRetrain = 0 }
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
