/// One embedding retrain, detached from the live state so it can run without holding the lock:
/// warm-started ALS sweeps over the training log, then a fresh HNSW index over trained, live items.
struct RetrainJob: Sendable {
    /// What a finished job hands back.
    struct Result: Sendable {
        var als: ImplicitALS
        var gram: [Float]
        var index: HNSWIndex
    }

    var config: RecommenderConfig
    var als: ImplicitALS
    var users: [Int32]
    var items: [Int32]
    var strengths: [Float]
    var userCount: Int
    var safety: [SafetyState]
    var retrainCount: Int
    /// Each user's fold-in counter when the job was taken.
    var pendingEvents: [UInt64: Int]

    /// - Complexity: O(epochs × nnz × d × s + items × log items × efConstruction × d)
    func run() -> Result {
        let feedback = FeedbackMatrix(userCount: userCount, itemCount: safety.count, users: users, items: items,
                                      strengths: strengths)
        var trained = als
        trained.train(on: feedback, epochs: config.alsEpochsPerRetrain)
        var index = HNSWIndex(dimension: config.embeddingDimension, m: config.hnswM,
                              efConstruction: config.hnswEfConstruction, seed: config.seed &+ UInt64(retrainCount))
        for i in 0 ..< safety.count where safety[i] != .removed && !feedback.users(ofItem: i).isEmpty {
            index.insert(trained.itemFactors.row(i), label: Int32(i))
        }
        return Result(als: trained, gram: ImplicitALS.gram(trained.itemFactors), index: index)
    }
}
