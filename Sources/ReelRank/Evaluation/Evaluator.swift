/// Runs recommenders through the time-split protocol and measures them.
///
/// Usage, as `reel eval` does it:
/// ```swift
/// let events = try InteractionCSV.read(contentsOf: url)
/// let split = TimeSplit().split(events)
/// let report = Evaluator(cutoffs: [10, 20]).evaluate(Evaluator.baselines() + [reel], on: split)
/// print(report.markdown)
/// ```
public struct Evaluator: Sendable {
    /// The K values, ascending and distinct.
    public let cutoffs: [Int]

    /// Creates an evaluator for the given cutoffs (default 10 and 20).
    ///
    /// - Precondition: at least one cutoff, all positive.
    public init(cutoffs: [Int] = [10, 20]) {
        precondition(!cutoffs.isEmpty && cutoffs.allSatisfy { $0 > 0 }, "cutoffs must be positive, got \(cutoffs)")
        self.cutoffs = Array(Set(cutoffs)).sorted()
    }

    /// The baselines of `reel eval`, untrained: all-time popularity, 7-day trending,
    /// item-kNN and the fixed-weight heuristic, with their default settings.
    public static func baselines() -> [any OfflineRecommender] {
        [PopularityBaseline(), TrendingBaseline(), ItemKNNBaseline(), HeuristicBaseline()]
    }

    /// Fits each recommender on `split.train` and scores its lists for every scored user.
    ///
    /// Each recommender is copied and fitted here, so callers pass untrained values.
    /// Every user gets one list of the largest K, excluding their training items; the
    /// smaller cutoffs score its prefixes. Entries that break the contract (excluded
    /// items, repeats, overflow) are dropped and counted in `contractViolations`.
    /// - Complexity: the recommenders' own fit and recommend costs, plus
    ///   O(users × max K) for the metrics.
    public func evaluate(_ recommenders: [any OfflineRecommender], on split: EvaluationSplit) -> EvaluationReport {
        let maxK = cutoffs[cutoffs.count - 1]
        let clock = ContinuousClock()
        var rows: [[EvaluationReport.Row]] = []
        for recommender in recommenders {
            var model = recommender
            let fitTime = clock.measure { model.fit(split.train) }
            var lists: [[Int]] = []
            lists.reserveCapacity(split.scoredUsers.count)
            var violations = 0
            let recommendTime = clock.measure {
                for scored in split.scoredUsers {
                    let raw = model.recommend(for: scored.user, k: maxK, excluding: scored.seen)
                    let list = Self.conforming(raw, k: maxK, excluding: scored.seen)
                    if list.count != raw.count { violations += 1 }
                    lists.append(list)
                }
            }
            rows.append(cutoffs.map { k in
                score(lists, k: k, split: split, name: model.name, violations: violations,
                      fitSeconds: Self.seconds(fitTime), recommendSeconds: Self.seconds(recommendTime))
            })
        }
        // Grouped by cutoff so each Markdown table lists every recommender.
        let byCutoff = cutoffs.indices.flatMap { index in rows.map { $0[index] } }
        return EvaluationReport(dataset: Self.dataset(of: split), cutoffs: cutoffs, rows: byCutoff)
    }

    /// Splits `events` with `timeSplit` and evaluates, for callers that do not need the split.
    public func evaluate(
        _ recommenders: [any OfflineRecommender],
        events: [Interaction],
        timeSplit: TimeSplit = TimeSplit()
    ) -> EvaluationReport {
        evaluate(recommenders, on: timeSplit.split(events))
    }

    private func score(
        _ lists: [[Int]], k: Int, split: EvaluationSplit, name: String, violations: Int,
        fitSeconds: Double, recommendSeconds: Double
    ) -> EvaluationReport.Row {
        let prefixes = lists.map { Array($0.prefix(k)) }
        var recall = 0.0
        var ndcg = 0.0
        for (scored, list) in zip(split.scoredUsers, prefixes) {
            recall += EvaluationMetrics.recall(list, relevant: scored.relevant, k: k)
            ndcg += EvaluationMetrics.ndcg(list, relevant: scored.relevant, k: k)
        }
        let users = Double(max(split.scoredUsers.count, 1))
        let distinct = Set(prefixes.joined()).count
        return EvaluationReport.Row(
            recommender: name,
            k: k,
            recall: recall / users,
            ndcg: ndcg / users,
            coverage: EvaluationMetrics.coverage(distinctItems: distinct, catalogueSize: split.catalogueSize),
            novelty: EvaluationMetrics.novelty(prefixes, popularity: split.trainingPopularity, totalInteractions: split.train.count),
            distinctItems: distinct,
            usersScored: split.scoredUsers.count,
            fitSeconds: fitSeconds,
            recommendSeconds: recommendSeconds,
            contractViolations: violations
        )
    }

    /// `list` without excluded items and repeats, cut to `k`.
    private static func conforming(_ list: [Int], k: Int, excluding: Set<Int>) -> [Int] {
        var kept: [Int] = []
        var inList: Set<Int> = []
        for item in list where kept.count < k && !excluding.contains(item) && inList.insert(item).inserted {
            kept.append(item)
        }
        return kept
    }

    private static func dataset(of split: EvaluationSplit) -> EvaluationReport.Dataset {
        EvaluationReport.Dataset(
            events: split.train.count + split.test.count,
            trainEvents: split.train.count,
            testEvents: split.test.count,
            trainUsers: Set(split.train.map(\.user)).count,
            catalogueSize: split.catalogueSize,
            scoredUsers: split.scoredUsers.count,
            trainFraction: split.trainFraction,
            positiveThreshold: split.positiveThreshold,
            evaluationProtocol: split.evaluationProtocol,
            testStart: split.test.first?.timestamp
        )
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
