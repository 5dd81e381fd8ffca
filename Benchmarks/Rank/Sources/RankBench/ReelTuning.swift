import Foundation
import ReelRank

/// `RankBench tune`: Reel and 7-day trending only, on the validation (or test) split, with
/// `RecommenderConfig` fields overridden by `key=value` arguments: the loop settings are chosen in.
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
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else { fatalError("bad setting \(setting)") }
            switch parts[0] {
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
            case "neighbour": config.neighbourWeight = value
            case "calibration": config.calibrationWeight = value
            case "calibrationm": config.calibrationShrinkage = value
            case "taste": config.tasteWeight = value
            case "seed": config.seed = UInt64(value)
            case "dim": config.embeddingDimension = Int(value)
            case "alsreg": config.alsRegularization = Float(value)
            case "alsalpha": config.alsAlpha = Float(value)
            case "alsepochs": config.alsEpochsPerRetrain = Int(value)
            case "neighbours": config.neighbourCount = Int(value)
            case "neighbourhl": config.neighbourHalfLife = value * 3600
            case "neighbourpool": config.neighbourCandidates = Int(value)
            default: fatalError("unknown setting \(parts[0])")
            }
        }
        reel.config = config
        let report = Evaluator(cutoffs: [20]).evaluate([TrendingBaseline(), reel], on: split)
        print(settings.joined(separator: " "))
        print(report.markdown)
    }
}
