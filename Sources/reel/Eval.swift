import ArgumentParser
import Foundation
import ReelRank

/// `reel eval`: offline evaluation of For You against baselines on a time-split log.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate the recommender offline: recall@K, NDCG@K, coverage and novelty against baselines.",
        discussion: """
            Reads a CSV of `user,item,timestamp,weight` (header required). Peers' settings (trending window or
            half-life, item-kNN neighbours) are chosen on a validation split cut from the first 80 % of events;
            then every recommender trains on that 80 % and is scored once on the rest. See docs/evaluation.md
            for both protocols. With --synthetic, the log comes from ReelRank's synthetic world instead of a file.
            """)

    @Option(help: "CSV file of user,item,timestamp,weight.")
    var events: String?

    @Flag(help: "Evaluate on a log simulated by the synthetic world instead of a file.")
    var synthetic = false

    @Option(help: "Watch sessions to simulate with --synthetic.")
    var sessions = 60_000

    @Option(help: "Write the synthetic log to this CSV file as well.")
    var export: String?

    @Option(help: "Comma-separated cutoffs K.")
    var k = "10,20"

    @Option(help: "Share of events (by time) used for training.")
    var trainFraction = 0.8

    @Option(help: "Smallest weight that counts as a positive in the test period under --protocol strict (default 7 for files of 0–10 ratings, 1 for --synthetic).")
    var positiveThreshold: Double?

    @Option(name: .customLong("protocol"), help: "standard: every test interaction on a training item is relevant; strict: only weight ≥ --positive-threshold, cold items included.")
    var evaluationProtocol: EvaluationProtocol = .standard

    @Flag(help: "Print JSON instead of a Markdown table.")
    var json = false

    func validate() throws {
        guard (events == nil) != !synthetic else { throw ValidationError("give exactly one of --events FILE or --synthetic") }
        guard trainFraction > 0 && trainFraction < 1 else { throw ValidationError("--train-fraction must be between 0 and 1") }
        guard !cutoffs.isEmpty, cutoffs.allSatisfy({ $0 > 0 }) else { throw ValidationError("--k must list positive integers, e.g. 10,20") }
    }

    var cutoffs: [Int] { k.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        let log: [Interaction]
        if let events {
            log = try InteractionCSV.read(contentsOf: URL(fileURLWithPath: events))
        } else {
            var world = SyntheticWorld(seed: 7)
            let start = 1_700_000_000.0
            log = SyntheticWorld.interactions(from: world.simulate(sessions: sessions, from: start, duration: 14 * 86_400))
            if let export { try Self.write(log, to: export) }
        }
        let split = TimeSplit(trainFraction: trainFraction, positiveThreshold: positiveThreshold ?? (synthetic ? 1 : 7),
                              protocol: evaluationProtocol)
        let result = EvaluationRun(timeSplit: split, cutoffs: cutoffs).run(log)
        print(json ? result.json : result.markdown())
    }

    static func write(_ log: [Interaction], to path: String) throws {
        var text = "user,item,timestamp,weight\n"
        for row in log { text += "\(row.user),\(row.item),\(row.timestamp),\(row.weight)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension EvaluationProtocol: ExpressibleByArgument {}
