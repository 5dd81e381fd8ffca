import Foundation
import ReelRank

/// `RankBench tune`: Reel and 7-day trending only, on the validation (or test) split, with
/// `RecommenderConfig` fields overridden by `key=value` arguments: the loop settings are chosen in.
///
/// `seeds=N` replays Reel with N seeds (42, then 1 … N − 1; the seed drives ALS initialisation,
/// bandit draws and the replay's sampled negatives) and prints each seed's row and their mean:
/// on these splits the seed alone moves recall@20 by up to 0.005 on MovieTweetings and 0.008 on
/// the synthetic world (docs/evaluation.md, "Fourth round"), more than most settings do, so a
/// setting is only better when its mean over seeds is.
struct ReelTuning {
    let source: String
    let evaluationProtocol: EvaluationProtocol
    let isValidation: Bool
    let settings: [String]

    func run() throws {
        let bench = EvalBenchmark(source: source, evaluationProtocol: evaluationProtocol, export: nil, cutoffs: [20])
        let log = try bench.log()
        let split = isValidation ? bench.timeSplit.validationSplit(log) : bench.timeSplit.split(log)
        var config = RecommenderConfig()
        var reel = ReelOfflineRecommender()
        var seeds = 1
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else { fatalError("bad setting \(setting)") }
            switch parts[0] {
            case "seeds": seeds = max(Int(value), 1)
            case "seed": config.seed = UInt64(value)
            case "retrieval": config.retrievalWeight = value
            case "personal": config.personalSlotsPerPage = Int(value)
            case "explore": config.explorationSlotsPerPage = Int(value)
            case "variety": config.sourceVarietyFloor = value
            case "limit": config.perSourceLimit = Int(value)
            case "halflife": config.trendingHalfLife = value * 3600
            case "fresh": config.freshnessWeight = value
            case "negatives": reel.negativesPerRow = Int(value)
            case "pool": reel.poolPerSource = Int(value)
            case "explorefloor": config.explorationFloor = value
            case "like": config.likeWeight = value
            case "share": config.shareWeight = value
            case "trend": config.trendWeight = value
            case "trendevents": config.trendWeightEvents = value
            case "similarity": config.similarityWeight = value
            case "dim": config.embeddingDimension = Int(value)
            case "alsreg": config.alsRegularization = Float(value)
            case "alsalpha": config.alsAlpha = Float(value)
            case "alsepochs": config.alsEpochsPerRetrain = Int(value)
            default: fatalError("unknown setting \(parts[0])")
            }
        }
        print(settings.joined(separator: " "))
        guard seeds > 1 else {
            reel.config = config
            print(Evaluator(cutoffs: [20]).evaluate([TrendingBaseline(), reel], on: split).markdown)
            return
        }
        var rows: [EvaluationReport.Row] = []
        for seed in [config.seed] + (1 ..< UInt64(seeds)).map({ $0 }) {
            reel.config = config
            reel.config.seed = seed
            let report = Evaluator(cutoffs: [20]).evaluate([reel], on: split)
            guard let row = report.row(reel.name, k: 20) else { continue }
            rows.append(row)
            print("seed \(seed): recall@20 \(Self.format(row.recall)), NDCG@20 \(Self.format(row.ndcg)), \(row.distinctItems) distinct")
        }
        let n = Double(rows.count)
        print("mean of \(rows.count) seeds: recall@20 \(Self.format(rows.map(\.recall).reduce(0, +) / n)), NDCG@20 "
              + "\(Self.format(rows.map(\.ndcg).reduce(0, +) / n)), \(Int((Double(rows.map(\.distinctItems).reduce(0, +)) / n).rounded())) distinct")
    }

    private static func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
