import Foundation
import ReelRank

/// HNSW build time, queries/s and recall@10 against exact search on clustered random vectors,
/// written to `directory` so `ann_peer.py` can run hnswlib on the very same data.
struct ANNBenchmark {
    let directory: String
    let count: Int
    let dimension: Int
    let queries: Int
    let m = 16
    let efConstruction = 100

    func run() {
        var rng = SeededGenerator(seed: 2024)
        // Embedding-like data: 256 cluster centres plus isotropic noise.
        let centres = (0 ..< 256 * dimension).map { _ in Float(gaussian(&rng)) }
        func sample() -> [Float] {
            let c = Int(rng.next() % 256)
            return (0 ..< dimension).map { centres[c * dimension + $0] + Float(gaussian(&rng)) * 0.6 }
        }
        var flat: [Float] = []
        flat.reserveCapacity(count * dimension)
        for _ in 0 ..< count { flat += sample() }
        let matrix = EmbeddingMatrix(dimension: dimension, values: flat)
        let queryVectors = (0 ..< queries).map { _ in sample() }
        var truth: [Int32] = []
        let exactSeconds = Stopwatch.seconds {
            for q in queryVectors { truth += ExactSearch.topK(q, in: matrix, k: 10).map { Int32($0.row) } }
        }
        write(flat, to: "vectors.f32")
        write(queryVectors.flatMap { $0 }, to: "queries.f32")
        write(truth, to: "truth.i32")

        var index = HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction, seed: 7)
        let build = Stopwatch.seconds { for r in 0 ..< count { index.insert(matrix.row(r), label: Int32(r)) } }
        print("| library | ef | build (s) | queries/s | recall@10 |")
        print("|---|---:|---:|---:|---:|")
        print("| exact scan (ReelRank) | – | – | \(Int(Double(queries) / exactSeconds)) | 1.0 |")
        for ef in [32, 64, 128] {
            var hits = 0
            let seconds = Stopwatch.seconds {
                for (n, q) in queryVectors.enumerated() {
                    let found = index.search(q, k: 10, ef: ef)
                    let expected = Set(truth[n * 10 ..< n * 10 + 10])
                    hits += found.filter { expected.contains($0.label) }.count
                }
            }
            let recall = Double(hits) / Double(queries * 10)
            print("| ReelRank HNSW | \(ef) | \(Stopwatch.format(build, 1)) | \(Int(Double(queries) / seconds)) | \(Stopwatch.format(recall)) |")
        }
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
