import Foundation
import ReelRank

/// `RankBench ann|als|serving|eval [options]`: each mode prints Markdown (and writes peer inputs) for run.sh.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: RankBench ann <dir> <count> <dim> <queries> | als <csv> <dir> <epochs> | serving <videos> <users> <events>"
          + " | eval <csv|synthetic> standard|strict <k,k> [export.csv] | synthetic <sessions> <out.csv> | tune <csv|synthetic> standard|strict validation|test [key=value…]")
    exit(2)
}
switch arguments[1] {
case "ann":
    ANNBenchmark(directory: arguments[2], count: Int(arguments[3])!, dimension: Int(arguments[4])!,
                 queries: Int(arguments[5])!).run()
case "als":
    try ALSBenchmark(csv: arguments[2], directory: arguments[3], epochs: Int(arguments[4])!).run()
case "serving":
    ServingBenchmark(videos: Int(arguments[2])!, users: Int(arguments[3])!, events: Int(arguments[4])!).run()
case "eval":
    try EvalBenchmark(source: arguments[2], evaluationProtocol: EvaluationProtocol(rawValue: arguments[3])!,
                      export: arguments.count > 5 ? arguments[5] : nil,
                      cutoffs: arguments[4].split(separator: ",").compactMap { Int($0) }).run()
case "synthetic":
    // A synthetic log of about 0.36 events per session, for timing `reel eval` on a given size.
    var world = SyntheticWorld(seed: 7)
    let log = SyntheticWorld.interactions(from: world.simulate(sessions: Int(arguments[2])!, from: 1_700_000_000, duration: 28 * 86_400))
    var text = "user,item,timestamp,weight\n"
    for row in log { text += "\(row.user),\(row.item),\(row.timestamp),\(row.weight)\n" }
    try text.write(toFile: arguments[3], atomically: true, encoding: .utf8)
    print("\(log.count) events")
case "tune":
    try ReelTuning(source: arguments[2], evaluationProtocol: EvaluationProtocol(rawValue: arguments[3])!,
                   isValidation: arguments[4] == "validation", settings: Array(arguments.dropFirst(5))).run()
default:
    print("unknown mode \(arguments[1])")
    exit(2)
}
