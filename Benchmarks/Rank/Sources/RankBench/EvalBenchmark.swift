import Foundation
import ReelRank

/// The offline evaluation `reel eval` runs (the same library call, `EvaluationRun`, with the server's
/// `RecommenderConfig()`), built without the server so `make bench` needs only ReelRank: peers tuned
/// on the validation split cut from the training period, every recommender scored there, then the
/// test split measured once.
struct EvalBenchmark {
    /// A CSV path, or `synthetic` for the synthetic world's log (seed 7, as `reel eval --synthetic`).
    let source: String
    let evaluationProtocol: EvaluationProtocol
    /// Where to write the synthetic log as CSV (for the Python peer), if anywhere.
    let export: String?
    let cutoffs: [Int]
    static let sessions = 60_000

    func log() throws -> [Interaction] {
        if source == "synthetic" {
            var world = SyntheticWorld(seed: 7)
            let log = SyntheticWorld.interactions(from: world.simulate(sessions: Self.sessions, from: 1_700_000_000, duration: 14 * 86_400))
            if let export {
                var text = "user,item,timestamp,weight\n"
                for row in log { text += "\(row.user),\(row.item),\(row.timestamp),\(row.weight)\n" }
                try text.write(toFile: export, atomically: true, encoding: .utf8)
            }
            return log
        }
        return try InteractionCSV.read(contentsOf: URL(fileURLWithPath: source))
    }

    var timeSplit: TimeSplit {
        TimeSplit(trainFraction: 0.8, positiveThreshold: source == "synthetic" ? 1 : 7, protocol: evaluationProtocol)
    }

    func run() throws {
        print(EvaluationRun(timeSplit: timeSplit, cutoffs: cutoffs).run(try log()).markdown(level: "####"))
    }
}
