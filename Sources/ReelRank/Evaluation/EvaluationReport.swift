import Foundation

/// The result of one `Evaluator` run: the split's sizes and one row per recommender
/// and cutoff K, rendered as Markdown tables or JSON.
public struct EvaluationReport: Sendable, Codable, Hashable {
    /// Sizes of the split the recommenders were scored on.
    public struct Dataset: Sendable, Codable, Hashable {
        /// All events in the log.
        public var events: Int
        /// Events in the training period.
        public var trainEvents: Int
        /// Events in the test period.
        public var testEvents: Int
        /// Distinct users in training.
        public var trainUsers: Int
        /// Distinct items in training (the coverage denominator).
        public var catalogueSize: Int
        /// Users the metrics average over.
        public var scoredUsers: Int
        /// Fraction of events used for training.
        public var trainFraction: Double
        /// Minimum test weight of a relevant item.
        public var positiveThreshold: Double
        /// Which test interactions were relevant.
        public var evaluationProtocol: EvaluationProtocol
        /// Timestamp (Unix seconds) of the first test event, nil when the test period is empty.
        public var testStart: Int?
    }

    /// One recommender at one cutoff K. Metrics are means over scored users
    /// (recall, NDCG) or over all their lists (coverage, novelty, distinct items).
    public struct Row: Sendable, Codable, Hashable {
        /// The recommender's `name`.
        public var recommender: String
        /// The cutoff.
        public var k: Int
        /// Mean truncated recall@K, in [0, 1].
        public var recall: Double
        /// Mean NDCG@K with binary gains, in [0, 1].
        public var ndcg: Double
        /// Distinct recommended items over the training catalogue size.
        public var coverage: Double
        /// Mean self-information of recommended items, in bits.
        public var novelty: Double
        /// Distinct items across all top-K lists.
        public var distinctItems: Int
        /// Users scored (the same for every row of a report).
        public var usersScored: Int
        /// Wall time of `fit(_:)`, in seconds.
        public var fitSeconds: Double
        /// Wall time of all `recommend` calls, in seconds.
        public var recommendSeconds: Double
        /// Lists that broke the `OfflineRecommender` contract (an excluded item, a
        /// repeat, or more than K items); those entries were dropped before scoring.
        public var contractViolations: Int
    }

    /// Sizes of the split.
    public var dataset: Dataset
    /// The cutoffs, ascending.
    public var cutoffs: [Int]
    /// Rows ordered by cutoff, then by the order recommenders were given in.
    public var rows: [Row]

    /// The row for `recommender` at cutoff `k`, if it was evaluated.
    public func row(_ recommender: String, k: Int) -> Row? {
        rows.first { $0.recommender == recommender && $0.k == k }
    }

    /// A summary line and one Markdown table per cutoff, recommenders as rows.
    public var markdown: String {
        var lines = [
            "Time split: \(dataset.events) events, first \(Self.format(dataset.trainFraction * 100, 0)) % "
                + "(\(dataset.trainEvents)) for training, \(dataset.testEvents) for test; "
                + "\(dataset.trainUsers) training users, \(dataset.catalogueSize) training items; "
                + "\(dataset.scoredUsers) users scored (\(dataset.evaluationProtocol.describe(threshold: dataset.positiveThreshold)); "
                + "training items excluded).",
        ]
        for k in cutoffs {
            lines.append("")
            lines.append("| recommender | recall@\(k) | NDCG@\(k) | coverage@\(k) | novelty@\(k) (bits) | distinct items | users scored | fit (s) | recommend (s) |")
            lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            for row in rows where row.k == k {
                let cells = [
                    row.recommender + (row.contractViolations > 0 ? " (\(row.contractViolations) lists broke the contract)" : ""),
                    Self.format(row.recall, 4), Self.format(row.ndcg, 4), Self.format(row.coverage, 4),
                    Self.format(row.novelty, 2), String(row.distinctItems), String(row.usersScored),
                    Self.format(row.fitSeconds, 3), Self.format(row.recommendSeconds, 3),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain structs of numbers and strings cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
