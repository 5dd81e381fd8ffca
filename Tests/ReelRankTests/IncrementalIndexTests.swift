import Testing

@testable import ReelRank

@Suite("Incremental HNSW maintenance")
struct IncrementalIndexTests {
    static func matrix(rows: Int, dimension: Int = 16, seed: UInt64) -> EmbeddingMatrix {
        EmbeddingTests.randomMatrix(rows: rows, dimension: dimension, seed: seed)
    }

    static func queries(_ n: Int = 60, dimension: Int = 16) -> [[Float]] {
        (0 ..< n).map { matrix(rows: 1, dimension: dimension, seed: 500 + UInt64($0)).row(0) }
    }

    static func build(_ m: EmbeddingMatrix) -> HNSWIndex {
        var index = HNSWIndex(dimension: m.dimension, m: 16, efConstruction: 100, seed: 3)
        for r in 0 ..< m.rows { index.insert(m.row(r), label: Int32(r)) }
        return index
    }

    /// Recall@10 against exact search over the rows `index` holds.
    static func recall(_ index: HNSWIndex, _ m: EmbeddingMatrix) -> Double {
        var hits = 0
        let qs = queries()
        for q in qs {
            let truth = Set(ExactSearch.topK(q, in: m, k: 10) { index.contains(label: Int32($0)) }.map(\.row))
            hits += index.search(q, k: 10).filter { truth.contains(Int($0.label)) }.count
        }
        return Double(hits) / Double(qs.count * 10)
    }

    @Test("removed labels are never returned, and recall over the rest holds")
    func removals() {
        let m = Self.matrix(rows: 2000, seed: 1)
        var index = Self.build(m)
        for r in stride(from: 0, to: 2000, by: 5) { index.remove(label: Int32(r)) }
        #expect(index.count == 1600)
        #expect(index.tombstoneCount == 400)
        #expect(abs(index.tombstoneFraction - 0.2) < 1e-9)
        for q in Self.queries() { #expect(index.search(q, k: 50).allSatisfy { $0.label % 5 != 0 }) }
        let recall = Self.recall(index, m)
        #expect(recall >= 0.9, "recall@10 = \(recall)")
    }

    @Test("small moves keep links, large or accumulated ones re-link, and recall follows the new vectors")
    func drift() {
        let m = Self.matrix(rows: 2000, seed: 2)
        var index = Self.build(m)
        // Every vector moves by about 5 % of its length.
        let noise = Self.matrix(rows: 2000, seed: 3)
        var moved = m
        for n in moved.values.indices { moved.values[n] += 0.05 * noise.values[n] }
        var changes: [HNSWIndex.Change] = []
        for r in 0 ..< 2000 { changes.append(index.upsert(moved.row(r), label: Int32(r), tolerance: 0.2)) }
        #expect(changes.allSatisfy { $0 == .moved })
        #expect(index.vector(of: 7) == moved.row(7))
        let recall = Self.recall(index, moved)
        #expect(recall >= 0.9, "recall@10 after in-place moves = \(recall)")
        // A vector replaced by an unrelated one is re-linked and found where it now belongs.
        let far = Self.queries(1)[0]
        #expect(index.upsert(far, label: 11, tolerance: 0.2) == .relinked)
        #expect(index.search(far, k: 10).contains { $0.label == 11 })
        // Small moves add up: the fifth 5 % move of the same vector passes a 0.2 tolerance.
        var v = moved.row(12)
        var outcomes: [HNSWIndex.Change] = []
        for _ in 0 ..< 5 {
            v = v.map { $0 * 1.05 }
            outcomes.append(index.upsert(v, label: 12, tolerance: 0.2))
        }
        #expect(outcomes.filter { $0 == .relinked }.count == 1)
        #expect(outcomes.last == .moved, "the count starts again after a re-link")
        #expect(index.drift(of: 12, to: v) == index.drift(of: 12, to: v.map { $0 * 1 }))
        #expect(index.drift(of: 12, to: v.map { $0 * 2 }).map { $0 > 0.2 } == true)
        #expect(index.drift(of: 99_999, to: v) == nil)
        #expect(index.upsert(Self.queries(2)[1], label: 5000, tolerance: 0.2) == .inserted)
        #expect(index.count == 2001)
    }

    @Test("inserting an indexed label replaces its vector instead of adding a second node")
    func reinsertReplaces() {
        let m = Self.matrix(rows: 500, seed: 4)
        var index = Self.build(m)
        let q = Self.queries(1)[0]
        index.insert(q, label: 3)
        #expect(index.count == 500)
        #expect(index.vector(of: 3) == q)
        #expect(index.search(q, k: 5).first?.label == 3)
    }

    @Test("a copy of an index is an independent value: updating one leaves the other's vectors and answers as they were")
    func copiesAreIndependent() {
        let m = Self.matrix(rows: 800, seed: 7)
        let original = Self.build(m)
        let queries = Self.queries(20)
        let before = queries.map { original.search($0, k: 10).map(\.label) }
        var copy = original
        let far = Self.queries(1)[0]
        #expect(copy.upsert(far, label: 4, tolerance: 0.2) == .relinked)
        #expect(copy.upsert(m.row(5).map { $0 * 1.01 }, label: 5, tolerance: 0.2) == .moved)
        for r in 0 ..< 300 { copy.insert(Self.matrix(rows: 1, seed: 900 + UInt64(r)).row(0), label: Int32(800 + r)) }
        #expect(copy.count == 1100 && original.count == 800)
        #expect(original.vector(of: 4) == m.row(4) && original.vector(of: 5) == m.row(5))
        #expect(copy.vector(of: 4) == far)
        #expect(queries.map { original.search($0, k: 10).map(\.label) } == before)
        #expect(copy.search(far, k: 1).first?.label == 4)
    }

    @Test("compaction drops tombstones and keeps every live label searchable")
    func compaction() {
        let m = Self.matrix(rows: 1500, seed: 5)
        var index = Self.build(m)
        for r in 0 ..< 600 { index.remove(label: Int32(r)) }
        let fresh = index.compacted()
        #expect(fresh.tombstoneCount == 0)
        #expect(fresh.count == 900)
        #expect((600 ..< 1500).allSatisfy { fresh.contains(label: Int32($0)) && fresh.vector(of: Int32($0)) == m.row($0) })
        let recall = Self.recall(fresh, m)
        #expect(recall >= 0.9, "recall@10 = \(recall)")
    }

    @Test("an index whose labels were all removed accepts new vectors and finds them")
    func emptiedIndex() {
        var index = Self.build(Self.matrix(rows: 50, seed: 6))
        for r in 0 ..< 50 { index.remove(label: Int32(r)) }
        #expect(index.search(Self.queries(1)[0], k: 5).isEmpty)
        let v = Self.queries(2)[1]
        index.insert(v, label: 99)
        #expect(index.search(v, k: 5).map(\.label) == [99])
        #expect(index.tombstoneCount == 0)
    }

    @Test("retraining updates the index in place, and rebuilds it once removals pass the threshold")
    func retrainMaintainsIndex() {
        var (world, state) = Fixtures.state(sessions: 3000)
        state.retrain()
        let first = try! #require(state.lastIndexMaintenance)
        #expect(first.inserted == state.ann.count && first.moved + first.relinked == 0 && !first.rebuilt)
        for e in world.simulate(sessions: 300, from: Fixtures.start + 86400, duration: 3600) { state.record(e) }
        state.retrain()
        let second = try! #require(state.lastIndexMaintenance)
        #expect(second.moved + second.relinked > 0)
        #expect(second.moved > 0, "some items keep their links")
        #expect(second.recall.map { $0 >= RetrainJob.minimumRecall } == true, "sampled recall \(String(describing: second.recall))")
        // Every indexed vector is the freshly trained one.
        #expect((0 ..< state.catalog.count).allSatisfy { i in
            state.ann.vector(of: Int32(i)).map { $0 == state.als.itemFactors.row(i) } ?? true
        })
        // A few removals leave tombstones; many trigger a rebuild without them.
        let indexed = (0 ..< state.catalog.count).filter { state.ann.contains(label: Int32($0)) }
        for i in indexed.prefix(10) { state.remove(videoID: state.catalog.ids[i]) }
        state.retrain()
        #expect(state.lastIndexMaintenance?.removed == 10)
        #expect(state.ann.tombstoneCount == 10 && state.lastIndexMaintenance?.rebuilt == false)
        #expect(indexed.prefix(10).allSatisfy { !state.ann.contains(label: Int32($0)) })
        for i in indexed.dropFirst(10).prefix(indexed.count / 4) { state.remove(videoID: state.catalog.ids[i]) }
        state.retrain()
        #expect(state.lastIndexMaintenance?.rebuilt == true)
        #expect(state.ann.tombstoneCount == 0)
        #expect(state.ann.count == indexed.count - 10 - indexed.count / 4)
    }

    @Test("when most items would be re-linked, retraining builds a fresh index instead")
    func wholesaleDriftRebuilds() {
        var (_, state) = Fixtures.state(sessions: 3000)
        state.retrain()
        // Embeddings from a different random start: every item lands somewhere else.
        state.als = ImplicitALS(dimension: 16, regularization: state.config.alsRegularization, alpha: state.config.alsAlpha, seed: 999)
        state.retrain()
        let work = try! #require(state.lastIndexMaintenance)
        #expect(work.rebuilt && work.moved == 0 && work.relinked == 0 && work.inserted == state.ann.count)
        #expect(state.ann.tombstoneCount == 0)
        #expect(work.recall.map { $0 >= RetrainJob.minimumRecall } == true, "sampled recall \(String(describing: work.recall))")
    }

    @Test("tombstones and drift survive a snapshot round trip")
    func snapshotKeepsTombstones() throws {
        let (_, recommender) = Fixtures.world(sessions: 2000)
        let viewer = Fixtures.viewer(3)
        let indexed = recommender.candidates(from: .embedding, for: viewer, now: Fixtures.start + 90_000).prefix(2)
        #expect(indexed.count == 2)
        for c in indexed { recommender.remove(videoID: c.videoID) }
        recommender.retrain()
        #expect(recommender.inspect().contains("2 tombstones"))
        let bytes = recommender.snapshot()
        let restored = try Recommender(snapshot: bytes)
        #expect(restored.snapshot() == bytes)
        #expect(restored.inspect().contains("2 tombstones"))
        #expect(restored.recommend(for: viewer, now: Fixtures.start + 90_000) == recommender.recommend(for: viewer, now: Fixtures.start + 90_000))
    }

    @Test("a snapshot whose index holds a label twice is rejected")
    func repeatedLabelRejected() {
        var (_, state) = Fixtures.state(sessions: 1000)
        state.retrain()
        #expect((try? RecommenderState(snapshot: state.snapshotBytes())) != nil)
        state.ann.labels[1] = state.ann.labels[0]
        #expect(throws: SnapshotError.malformed("ANN index labels repeat")) { try RecommenderState(snapshot: state.snapshotBytes()) }
    }
}
