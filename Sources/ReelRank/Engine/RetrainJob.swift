/// One embedding retrain, detached from the live state so it can run without holding the lock:
/// warm-started ALS sweeps over the training log, then incremental maintenance of the HNSW index
/// (see `run()`).
struct RetrainJob: Sendable {
    /// What a finished job hands back.
    struct Result: Sendable {
        var als: ImplicitALS
        var gram: [Float]
        var index: HNSWIndex
        /// How the index was brought up to date.
        var maintenance: IndexMaintenance
    }

    /// Counts of index work done by one retrain (for benchmarks and tests).
    struct IndexMaintenance: Sendable, Equatable {
        var inserted = 0
        var moved = 0
        var relinked = 0
        var removed = 0
        /// Recall@10 of the updated index against exact search, on sampled user vectors (nil
        /// when there was nothing to sample).
        var recall: Double?
        /// Whether the index was rebuilt from scratch (most items drifted too far, too many
        /// tombstones, or recall too low).
        var rebuilt = false
    }

    /// An item vector that moved by at most this fraction of its length keeps its graph links.
    /// Warm-started ALS moves the whole space together (neighbours move with each other), so
    /// links stay good for far larger moves than one would guess: on the synthetic world, moving
    /// every vector in place kept recall@10 at 0.95–0.96 against 0.99 for a fresh build, at 1/25
    /// of its cost; re-linking the items that moved more than half their length lifts it further.
    static let driftTolerance: Float = 0.5
    /// Once tombstones (removed or no longer trained items) exceed this fraction of the nodes,
    /// searches waste too many steps walking through them, and the index is rebuilt.
    static let rebuildFraction = 0.2
    /// The updated index is checked against exact search on this many sampled user vectors
    /// (O(samples × items × d), a small fraction of a rebuild: about 3 CPU s at 1 M items × 32)
    /// and rebuilt if recall@10 is below `minimumRecall`. Measured with the beam width For You's
    /// embedding source searches with (`RecommenderConfig.embeddingSearchWidth`), so the figure
    /// is the recall serving gets. 100 samples: one sample moves the figure by 0.001, so the
    /// check does not flip on noise (32 samples moved it by 0.003).
    static let recallSamples = 100
    static let minimumRecall = 0.95
    /// When more than this fraction of indexed items would be re-linked (typically the retrain
    /// right after a cold start, when ALS is far from converged), a fresh build is cheaper than
    /// re-linking them one by one and then failing the recall check anyway.
    static let maximumRelinkFraction = 0.5

    var config: RecommenderConfig
    var als: ImplicitALS
    /// The index serving now; the job updates a copy of it.
    var index: HNSWIndex
    var users: [Int32]
    var items: [Int32]
    var strengths: [Float]
    var userCount: Int
    var safety: [SafetyState]
    var retrainCount: Int
    /// Each user's fold-in counter when the job was taken.
    var pendingEvents: [UInt64: Int]

    /// Trains, then updates the index item by item: new trained items are inserted, items whose
    /// vector drifted are moved in place or re-linked (`HNSWIndex.upsert`), removed items become
    /// tombstones. The index is built afresh instead when more than `maximumRelinkFraction` of it
    /// would be re-linked, and rebuilt after the update when tombstones pass `rebuildFraction` or
    /// sampled recall falls below `minimumRecall`.
    /// - Complexity: O(epochs × nnz × d × s + items × d + changed items × log items × efConstruction × d);
    ///   a rebuild adds O(items × log items × efConstruction × d).
    func run() -> Result {
        let feedback = FeedbackMatrix(userCount: userCount, itemCount: safety.count, users: users, items: items,
                                      strengths: strengths)
        var trained = als
        trained.train(on: feedback, epochs: config.alsEpochsPerRetrain)
        var work = IndexMaintenance()
        let wanted = (0 ..< safety.count).map { safety[$0] != .removed && !feedback.users(ofItem: $0).isEmpty }
        let relinks = (0 ..< safety.count).count { i in
            wanted[i] && (self.index.drift(of: Int32(i), to: trained.itemFactors.row(i)).map { $0 > Self.driftTolerance } ?? false)
        }
        if self.index.count > 0 && Double(relinks) > Self.maximumRelinkFraction * Double(self.index.count) {
            var fresh = HNSWIndex(dimension: config.embeddingDimension, m: config.hnswM,
                                  efConstruction: config.hnswEfConstruction, seed: config.seed &+ UInt64(retrainCount))
            for i in 0 ..< safety.count where wanted[i] { fresh.insert(trained.itemFactors.row(i), label: Int32(i)) }
            work.inserted = fresh.count
            work.rebuilt = true
            work.recall = Self.sampledRecall(of: fresh, als: trained, feedback: feedback, ef: config.embeddingSearchWidth)
            return Result(als: trained, gram: ImplicitALS.gram(trained.itemFactors), index: fresh, maintenance: work)
        }
        var index = index
        for i in 0 ..< safety.count {
            let label = Int32(i)
            guard wanted[i] else {
                if index.contains(label: label) {
                    index.remove(label: label)
                    work.removed += 1
                }
                continue
            }
            switch index.upsert(trained.itemFactors.row(i), label: label, tolerance: Self.driftTolerance) {
            case .inserted: work.inserted += 1
            case .moved: work.moved += 1
            case .relinked: work.relinked += 1
            }
        }
        work.recall = Self.sampledRecall(of: index, als: trained, feedback: feedback, ef: config.embeddingSearchWidth)
        if index.tombstoneFraction > Self.rebuildFraction || work.recall.map({ $0 < Self.minimumRecall }) == true {
            index = index.compacted()
            work.rebuilt = true
            // Report the recall of the index that will serve, not of the one just replaced.
            work.recall = Self.sampledRecall(of: index, als: trained, feedback: feedback, ef: config.embeddingSearchWidth)
        }
        return Result(als: trained, gram: ImplicitALS.gram(trained.itemFactors), index: index, maintenance: work)
    }

    /// Recall@10 of `index` searched with beam width `ef` against exact search over the indexed
    /// items, for up to `recallSamples` users with training rows spread evenly over the user table.
    static func sampledRecall(of index: HNSWIndex, als: ImplicitALS, feedback: FeedbackMatrix, ef: Int) -> Double? {
        let active = (0 ..< feedback.userCount).filter { !feedback.items(ofUser: $0).isEmpty }
        guard !active.isEmpty, index.count >= 10 else { return nil }
        let step = max(active.count / recallSamples, 1)
        let queries = stride(from: 0, to: active.count, by: step).prefix(recallSamples).map { als.userFactors.row(active[$0]) }
        var hits = 0
        for q in queries {
            let truth = Set(ExactSearch.topK(q, in: als.itemFactors, k: 10) { index.contains(label: Int32($0)) }.map(\.row))
            hits += index.search(q, k: 10, ef: ef).filter { truth.contains(Int($0.label)) }.count
        }
        return Double(hits) / Double(queries.count * 10)
    }
}
