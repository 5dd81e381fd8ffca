import ReelRank
import Testing

@Suite("Embeddings and nearest neighbours")
struct EmbeddingTests {
    static func randomMatrix(rows: Int, dimension: Int, seed: UInt64) -> EmbeddingMatrix {
        var rng = SeededGenerator(seed: seed)
        let values = (0 ..< rows * dimension).map { _ in Float(Int64(rng.next() % 2001) - 1000) / 1000 }
        return EmbeddingMatrix(dimension: dimension, values: values)
    }

    @Test("HNSW recall@10 against exact search is at least 0.9 on random vectors")
    func hnswRecall() {
        let matrix = Self.randomMatrix(rows: 3000, dimension: 16, seed: 1)
        var index = HNSWIndex(dimension: 16, m: 16, efConstruction: 100, seed: 3)
        for r in 0 ..< matrix.rows { index.insert(matrix.row(r), label: Int32(r)) }
        let queries = (0 ..< 60).map { Self.randomMatrix(rows: 1, dimension: 16, seed: 100 + UInt64($0)).row(0) }
        let recall = ExactSearch.recall(of: index, against: matrix, queries: queries, k: 10, ef: 64)
        #expect(recall >= 0.9, "recall@10 = \(recall)")
        #expect(index.count == 3000)
    }

    @Test("exact top-K is sorted and matches a brute-force sort")
    func exactTopK() {
        let matrix = Self.randomMatrix(rows: 200, dimension: 8, seed: 9)
        let q = Self.randomMatrix(rows: 1, dimension: 8, seed: 10).row(0)
        let top = ExactSearch.topK(q, in: matrix, k: 5)
        let brute = (0 ..< 200).map { r in (r, zip(matrix.row(r), q).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
            .sorted { $0.1 > $1.1 }.prefix(5).map(\.0)
        #expect(top.map(\.row) == Array(brute))
    }

    @Test("ALS puts co-consumed items together and folds a new user in from a few events")
    func alsLearnsBlocks() {
        // Two communities: users 0..<20 consume items 0..<10, users 20..<40 consume items 10..<20.
        var users: [Int32] = [], items: [Int32] = [], strengths: [Float] = []
        for u in 0 ..< 40 {
            for i in 0 ..< 10 where (u + i) % 3 != 0 {
                users.append(Int32(u))
                items.append(Int32(i + (u < 20 ? 0 : 10)))
                strengths.append(1)
            }
        }
        let feedback = FeedbackMatrix(userCount: 40, itemCount: 20, users: users, items: items, strengths: strengths)
        var als = ImplicitALS(dimension: 8, regularization: 0.1, alpha: 10, seed: 5)
        als.train(on: feedback, epochs: 8)
        let vector = als.foldIn(items: [12, 15, 17], strengths: [1, 1, 1])
        let ranked = ExactSearch.topK(vector, in: als.itemFactors, k: 10).map(\.row)
        #expect(ranked.filter { $0 >= 10 }.count >= 9, "top-10 for a community-B newcomer: \(ranked)")
    }
}
