import Foundation

/// The whole of `reel eval` as one library call: peers are tuned on the validation split, every
/// recommender is scored on validation, then the test split is measured once with the settings
/// already fixed.
///
/// Reported recommenders: all-time popularity, 7-day trending (the reference bar of issue 10),
/// the best trending window or half-life, the best item-kNN, the fixed heuristic and Reel
/// (`ReelOfflineRecommender` with the server's `RecommenderConfig()` unless given another).
public struct EvaluationRun: Sendable {
    /// The split and protocol.
    public var timeSplit: TimeSplit
    /// Cutoffs of the test tables; validation and tuning use 20 (or the largest cutoff below it).
    public var cutoffs: [Int]
    /// Reel's adapter, untrained.
    public var reel: ReelOfflineRecommender

    /// The outcome: tuning tables, validation and test reports.
    public struct Result: Sendable, Codable, Hashable {
        /// One tuned family on the validation split: every setting tried and the one chosen.
        public struct Tuning: Sendable, Codable, Hashable {
            /// The family, e.g. "item-knn (neighbours)".
            public var label: String
            /// The chosen member's name, e.g. "item-knn-200".
            public var chosen: String
            /// Every member on the validation split.
            public var report: EvaluationReport
        }

        /// One report per tuned family, on the validation split.
        public var tuning: [Tuning]
        /// Every reported recommender on the validation split.
        public var validation: EvaluationReport
        /// Every reported recommender on the test split, measured once.
        public var test: EvaluationReport

        /// Markdown: tuning, validation and test sections under `level` (e.g. "###").
        public func markdown(level: String = "###") -> String {
            var text = "\(level) Peer tuning on the validation split\n\n"
            for family in tuning {
                text += "\(family.label): chosen **\(family.chosen)** (highest recall + NDCG).\n\n" + family.report.markdown + "\n"
            }
            text += "\(level) Validation split (first 80 % of the training period trains, its last 20 % validates)\n\n"
            text += validation.markdown + "\n"
            text += "\(level) Test split (first 80 % trains, last 20 % tests; measured once, settings fixed)\n\n"
            return text + test.markdown
        }

        /// The result as pretty-printed JSON with sorted keys.
        public var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // Encoding plain structs of numbers and strings cannot fail.
            return String(decoding: try! encoder.encode(self), as: UTF8.self)
        }
    }

    /// Creates a run.
    public init(timeSplit: TimeSplit, cutoffs: [Int] = [10, 20], reel: ReelOfflineRecommender = ReelOfflineRecommender()) {
        self.timeSplit = timeSplit
        self.cutoffs = cutoffs
        self.reel = reel
    }

    /// Tunes, validates and tests on `log`.
    /// - Complexity: every recommender's fit and recommend twice (validation and test), plus one per tuned setting.
    public func run(_ log: [Interaction]) -> Result {
        let validation = timeSplit.validationSplit(log)
        let tuner = PeerTuning(k: cutoffs.contains(20) ? 20 : cutoffs.max() ?? 20)
        var chosen: [any OfflineRecommender & Sendable] = []
        var tuning: [Result.Tuning] = []
        for family in PeerTuning.standardFamilies() {
            let (best, report) = tuner.choose(family, on: validation)
            chosen.append(best)
            tuning.append(.init(label: family.label, chosen: best.name, report: report))
        }
        var lineup: [any OfflineRecommender] = [PopularityBaseline(), TrendingBaseline()]
        lineup += chosen.filter { $0.name != "trending-7d" } as [any OfflineRecommender]
        lineup += [HeuristicBaseline(), reel] as [any OfflineRecommender]
        let validationReport = Evaluator(cutoffs: [tuner.k]).evaluate(lineup, on: validation)
        let testReport = Evaluator(cutoffs: cutoffs).evaluate(lineup, on: timeSplit.split(log))
        return Result(tuning: tuning, validation: validationReport, test: testReport)
    }
}
