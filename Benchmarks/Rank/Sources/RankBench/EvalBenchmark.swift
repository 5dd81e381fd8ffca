import Foundation
import ReelRank

/// The offline evaluation `reel eval` runs (the same library calls: `TimeSplit`, `Evaluator.baselines()`
/// and `ReelOfflineRecommender()` with the server's `RecommenderConfig()`), built without the server
/// so `make bench` needs only ReelRank. With `validation`, the split is cut from the training period
/// alone (its first 80 % train, its last 20 % validate): the split settings are chosen on, so the
/// test period stays unseen until the final measurement.
struct EvalBenchmark {
    /// A CSV path, or `synthetic` for the synthetic world's log (seed 7, as `reel eval --synthetic`).
    let source: String
    let isValidation: Bool
    /// Where to write the synthetic log as CSV (for the Python peer), if anywhere.
    let export: String?
    let cutoffs: [Int]
    static let sessions = 60_000

    func run() throws {
        let log: [Interaction]
        let protocolSplit: TimeSplit
        if source == "synthetic" {
            var world = SyntheticWorld(seed: 7)
            log = SyntheticWorld.interactions(from: world.simulate(sessions: Self.sessions, from: 1_700_000_000, duration: 14 * 86_400))
            protocolSplit = TimeSplit(trainFraction: 0.8, positiveThreshold: 1)
            if let export {
                var text = "user,item,timestamp,weight\n"
                for row in log { text += "\(row.user),\(row.item),\(row.timestamp),\(row.weight)\n" }
                try text.write(toFile: export, atomically: true, encoding: .utf8)
            }
        } else {
            log = try InteractionCSV.read(contentsOf: URL(fileURLWithPath: source))
            protocolSplit = TimeSplit(trainFraction: 0.8, positiveThreshold: 7)
        }
        let split = isValidation ? protocolSplit.split(protocolSplit.split(log).train) : protocolSplit.split(log)
        let report = Evaluator(cutoffs: cutoffs).evaluate(Evaluator.baselines() + [ReelOfflineRecommender()], on: split)
        print(report.markdown)
    }
}
