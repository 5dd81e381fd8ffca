import Foundation
import ReelRank

/// HNSW build time, queries per second and recall@10 against exact search on clustered random
/// vectors, written to `directory` (with ReelRank's own figures in `ann_reel.tsv`) so `ann_peer.py`
/// can run hnswlib on the very same data and print both side by side with their ratios.
struct ANNBenchmark {
    let directory: String
    let count: Int
    let dimension: Int
    let queries: Int
    let m = 16
    let efConstruction = 100
    static let efs = [16, 32, 64, 128]

    func run() {
        var rng = SeededGenerator(seed: 2024)
        // Embedding-like data: 256 cluster centres plus isotropic noise.
        let centres = (0 ..< 256 * dimension).map { _ in Float(gaussian(&rng)) }
        var flat = [Float](repeating: 0, count: count * dimension)
        func sample(into out: UnsafeMutablePointer<Float>) {
            let c = Int(rng.next() % 256)
            for d in 0 ..< dimension { out[d] = centres[c * dimension + d] + Float(gaussian(&rng)) * 0.6 }
        }
        flat.withUnsafeMutableBufferPointer { f in for r in 0 ..< count { sample(into: f.baseAddress! + r * dimension) } }
        var queryFlat = [Float](repeating: 0, count: queries * dimension)
        queryFlat.withUnsafeMutableBufferPointer { f in for r in 0 ..< queries { sample(into: f.baseAddress! + r * dimension) } }
        let matrix = EmbeddingMatrix(dimension: dimension, values: flat)
        let queryVectors = (0 ..< queries).map { Array(queryFlat[$0 * dimension ..< ($0 + 1) * dimension]) }
        var truth: [Int32] = []
        let exact = Stopwatch.measure {
            for q in queryVectors { truth += ExactSearch.topK(q, in: matrix, k: 10).map { Int32($0.row) } }
        }
        write(flat, to: "vectors.f32")
        write(queryFlat, to: "queries.f32")
        write(truth, to: "truth.i32")

        var index = HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction, seed: 7)
        let build = Stopwatch.measure { for r in 0 ..< count { index.insert(matrix.row(r), label: Int32(r)) } }
        var rows = ["exact\t0\t0\t0\t\(Double(queries) / exact.cpu)\t\(Double(queries) / exact.wall)\t1.0"]
        for ef in Self.efs {
            // A warm-up pass, then the timed one: both libraries answer each query once per call,
            // and recall is counted after the clock stops (as ann_peer.py does).
            for q in queryVectors.prefix(100) { _ = index.search(q, k: 10, ef: ef) }
            var answers: [[(label: Int32, score: Float)]] = []
            answers.reserveCapacity(queries)
            let timed = Stopwatch.measure {
                for q in queryVectors { answers.append(index.search(q, k: 10, ef: ef)) }
            }
            var hits = 0
            for (n, found) in answers.enumerated() {
                let expected = Set(truth[n * 10 ..< n * 10 + 10])
                hits += found.filter { expected.contains($0.label) }.count
            }
            let recall = Double(hits) / Double(queries * 10)
            rows.append("hnsw\t\(ef)\t\(build.cpu)\t\(build.wall)\t\(Double(queries) / timed.cpu)\t\(Double(queries) / timed.wall)\t\(recall)")
        }
        try? (rows.joined(separator: "\n") + "\n").write(toFile: directory + "/ann_reel.tsv", atomically: true, encoding: .utf8)
    }

    private func gaussian(_ rng: inout SeededGenerator) -> Double {
        let u1 = max(Double(rng.next() >> 11) * 0x1.0p-53, 1e-300)
        let u2 = Double(rng.next() >> 11) * 0x1.0p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    private func write<T>(_ values: [T], to name: String) {
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: data)
    }
}
