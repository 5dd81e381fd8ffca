import HeapModule

/// Brute-force maximum-inner-product search: the ground truth HNSW is measured against.
public enum ExactSearch {
    /// The `k` rows of `matrix` with the largest dot product with `query`, best first.
    /// - Complexity: O(rows × d + rows × log k), one bounded heap, no per-row allocation.
    public static func topK(_ query: [Float], in matrix: EmbeddingMatrix, k: Int,
                            where include: (Int) -> Bool = { _ in true }) -> [(row: Int, score: Float)] {
        guard k > 0 else { return [] }
        var heap = Heap<RowScore>()
        let d = matrix.dimension
        matrix.values.withUnsafeBufferPointer { m in
            query.withUnsafeBufferPointer { q in
                for r in 0 ..< matrix.rows where include(r) {
                    let s = VectorMath.dot(m.baseAddress! + r * d, q.baseAddress!, d)
                    if heap.count < k {
                        heap.insert(RowScore(score: s, row: r))
                    } else if s > heap.min!.score {
                        _ = heap.replaceMin(with: RowScore(score: s, row: r))
                    }
                }
            }
        }
        return heap.unordered.sorted { $0 > $1 }.map { ($0.row, $0.score) }
    }

    /// Mean recall@k of `index` against exact search over `matrix` (whose row r carries label r)
    /// for the given queries: the fraction of true top-k rows the index also returns.
    /// - Complexity: O(queries × (rows × d + HNSW search)).
    public static func recall(of index: HNSWIndex, against matrix: EmbeddingMatrix, queries: [[Float]],
                              k: Int = 10, ef: Int = 64) -> Double {
        guard !queries.isEmpty else { return 0 }
        var hits = 0
        for q in queries {
            let truth = Set(topK(q, in: matrix, k: k).map(\.row))
            hits += index.search(q, k: k, ef: ef).filter { truth.contains(Int($0.label)) }.count
        }
        return Double(hits) / Double(queries.count * k)
    }
}

/// A (score, row) pair ordered by score, then row, for top-K heaps.
struct RowScore: Comparable {
    var score: Float
    var row: Int
    static func < (a: RowScore, b: RowScore) -> Bool { (a.score, a.row) < (b.score, b.row) }
}
