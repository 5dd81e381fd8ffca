/// The time-split protocol of `reel eval`: train on the earliest events, test on the rest.
///
/// Protocol (also in docs/evaluation.md):
/// 1. Events are sorted by timestamp; events with equal timestamps keep input order.
/// 2. The first `floor(n × trainFraction)` events are training, the rest test.
/// 3. A user is scored when they have at least one training interaction and at
///    least one relevant test interaction on an item they did not interact with in training.
/// 4. Every item a user interacted with in training (any weight) is excluded from
///    their list and from their relevant set.
/// 5. Which test interactions are relevant depends on `evaluationProtocol`: under `.standard`
///    every one on an item seen in training (any weight); under `.strict` those with weight ≥
///    `positiveThreshold`, cold items included, so a recommender that cannot reach them pays.
public struct TimeSplit: Sendable, Hashable {
    /// Fraction of events (by count, in time order) used for training, in (0, 1).
    public var trainFraction: Double
    /// Minimum weight of a test interaction for its item to be relevant
    /// (7 for MovieTweetings ratings 0–10; 1 for logs where every event is positive).
    /// (only used by `.strict`).
    public var positiveThreshold: Double
    /// Which test interactions are relevant.
    public var evaluationProtocol: EvaluationProtocol

    /// Creates the protocol; the defaults are the 80/20 split under the strict protocol with
    /// ratings ≥ 7 as positives.
    ///
    /// - Precondition: `0 < trainFraction < 1`.
    public init(trainFraction: Double = 0.8, positiveThreshold: Double = 7, protocol: EvaluationProtocol = .strict) {
        precondition(trainFraction > 0 && trainFraction < 1, "trainFraction must be in (0, 1), got \(trainFraction)")
        self.trainFraction = trainFraction
        self.positiveThreshold = positiveThreshold
        self.evaluationProtocol = `protocol`
    }

    /// The validation split: this protocol applied to the training period of `interactions` alone,
    /// so its first part trains and its last part validates. Settings are chosen here, never on the test split.
    /// - Complexity: O(n log n) for n interactions.
    public func validationSplit(_ interactions: [Interaction]) -> EvaluationSplit {
        split(split(interactions).train)
    }

    /// Splits `interactions` (in any order) by time and derives the scored users.
    ///
    /// - Complexity: O(n log n) for n interactions.
    public func split(_ interactions: [Interaction]) -> EvaluationSplit {
        // Sorting by (timestamp, input position) makes the split independent of the
        // sort algorithm's stability and identical to the Python peer's stable sort.
        let order = interactions.indices.sorted { lhs, rhs in
            (interactions[lhs].timestamp, lhs) < (interactions[rhs].timestamp, rhs)
        }
        let sorted = order.map { interactions[$0] }
        let trainCount = Int((Double(sorted.count) * trainFraction).rounded(.down))
        let train = Array(sorted[..<trainCount])
        let test = Array(sorted[trainCount...])

        var seen: [Int: Set<Int>] = [:]
        var popularity: [Int: Int] = [:]
        for event in train {
            seen[event.user, default: []].insert(event.item)
            popularity[event.item, default: 0] += 1
        }
        var positives: [Int: Set<Int>] = [:]
        for event in test {
            switch evaluationProtocol {
            case .strict: guard event.weight >= positiveThreshold else { continue }
            case .standard: guard popularity[event.item] != nil else { continue }
            }
            positives[event.user, default: []].insert(event.item)
        }
        let scoredUsers = positives.compactMap { user, items -> EvaluationSplit.ScoredUser? in
            guard let userSeen = seen[user] else { return nil }
            let relevant = items.subtracting(userSeen)
            return relevant.isEmpty ? nil : .init(user: user, seen: userSeen, relevant: relevant)
        }.sorted { $0.user < $1.user }

        return EvaluationSplit(
            train: train,
            test: test,
            scoredUsers: scoredUsers,
            trainFraction: trainFraction,
            positiveThreshold: positiveThreshold,
            evaluationProtocol: evaluationProtocol,
            trainingPopularity: popularity
        )
    }
}
