import Foundation
import ReelRank

/// Embedding training on the MovieTweetings time split: seconds per epoch and recall@20 of the
/// user·item ranking, written out so `als_peer.py` trains `implicit`'s ALS on the same split.
struct ALSBenchmark {
    let csv: String
    let directory: String
    let epochs: Int
    let dimension = 32
    /// `implicit`'s default regularisation, so the peer runs as its documentation recommends and
    /// both solve the same problem.
    let regularization: Float = 0.01
    let alpha: Float = 10

    func run() throws {
        let split = TimeSplit().split(try InteractionCSV.read(contentsOf: URL(fileURLWithPath: csv)))
        var userIndex: [Int: Int32] = [:], itemIndex: [Int: Int32] = [:], items: [Int] = []
        var rows: [Int32] = [], cols: [Int32] = [], strengths: [Float] = []
        for e in split.train {
            let u = userIndex[e.user] ?? { let n = Int32(userIndex.count); userIndex[e.user] = n; return n }()
            let i = itemIndex[e.item] ?? { let n = Int32(items.count); itemIndex[e.item] = n; items.append(e.item); return n }()
            rows.append(u)
            cols.append(i)
            strengths.append(Float(e.weight / 10))
        }
        var trainText = "user,item,weight\n"
        for n in rows.indices { trainText += "\(rows[n]),\(cols[n]),\(strengths[n])\n" }
        try trainText.write(toFile: directory + "/als_train.csv", atomically: true, encoding: .utf8)
        var scoredText = "user,item\n"
        for s in split.scoredUsers {
            guard let u = userIndex[s.user] else { continue }
            for item in s.relevant.sorted() { scoredText += "\(u),\(itemIndex[item].map(Int.init) ?? -1)\n" }
        }
        try scoredText.write(toFile: directory + "/als_scored.csv", atomically: true, encoding: .utf8)

        let feedback = FeedbackMatrix(userCount: userIndex.count, itemCount: items.count, users: rows, items: cols,
                                      strengths: strengths)
        var als = ImplicitALS(dimension: dimension, regularization: regularization, alpha: alpha, seed: 1)
        // One call for all epochs, as the peer's one `fit`: per epoch = total / epochs.
        let timed = Stopwatch.measure { als.train(on: feedback, epochs: epochs) }
        var recall = 0.0
        for s in split.scoredUsers {
            guard let u = userIndex[s.user] else { continue }
            let seen = Set(feedback.items(ofUser: Int(u)).map(Int.init))
            let top = ExactSearch.topK(als.userFactors.row(Int(u)), in: als.itemFactors, k: 20) { !seen.contains($0) }
            let hits = top.filter { s.relevant.contains(items[$0.row]) }.count
            recall += Double(hits) / Double(min(20, s.relevant.count))
        }
        recall /= Double(split.scoredUsers.count)
        let row = "\(timed.cpu / Double(epochs))\t\(timed.wall / Double(epochs))\t\(recall)\n"
        try row.write(toFile: directory + "/als_reel.tsv", atomically: true, encoding: .utf8)
    }
}
