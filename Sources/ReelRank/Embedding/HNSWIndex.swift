/// Hierarchical navigable small-world graph (Malkov & Yashunin 2018) for maximum-inner-product
/// search over embeddings, with flat storage as hnswlib's: each node's level-0 links and vector
/// share one cache-line-aligned block of a single allocation (`NodeBlocks`).
///
/// Searches follow hnswlib's implementation: one greedy descent through the upper levels, then a
/// beam search on level 0 over raw pointers with 8-lane SIMD dot products, epoch-tagged visited
/// marks and binary heaps reused from search to search (`SearchScratch`), so a query allocates
/// only its answer. New links are chosen with the paper's neighbour-selection heuristic
/// (algorithm 4, as hnswlib's `getNeighborsByHeuristic2`).
///
/// Similarity is the dot product (as hnswlib's `ip` space); labels are caller-chosen `Int32`s
/// (item indices), each indexed at most once. Building is deterministic for a given seed and
/// insertion order.
///
/// The index is maintained incrementally, as embeddings are retrained: `upsert` moves a vector
/// that drifted a little in place and re-links one that moved further, `remove` leaves a
/// tombstone (still walked through, never returned), and `compacted()` rebuilds without
/// tombstones once they are too many to walk past cheaply (see `tombstoneFraction`).
public struct HNSWIndex: Sendable {
    /// Vector length.
    public let dimension: Int
    /// Out-degree on upper levels; level 0 allows `2 × m`.
    public let m: Int
    /// Beam width used while inserting.
    public let efConstruction: Int
    /// Out-degree on level 0 (`2 × m`).
    let m0: Int
    private let levelMultiplier: Double
    var generator: SeededGenerator
    /// Level-0 links and vector of every node, block after block (see `NodeBlocks`).
    var nodes: NodeBlocks
    /// Label of each node; −1 marks a tombstone (a removed label whose node still routes searches).
    var labels: [Int32] = []
    var levels: [UInt8] = []
    /// For nodes above level 0: `level × m` slots (levels 1…level), unused ones are −1.
    var upper: [[Int32]] = []
    /// Per node, the relative distance its vector moved in place since it was last linked (a sum
    /// of per-move drifts, an upper bound of the total): `upsert` re-links once it passes the tolerance.
    var driftSinceLink: [Float] = []
    var entryPoint: Int32 = -1
    var maxLevel = -1
    /// Node of each live label (derived from `labels`; see `restoreLabelMap()`).
    private(set) var nodeOfLabel: [Int32: Int32] = [:]
    /// Reusable search memory, shared with this index's copies (searches may run concurrently).
    private let scratchPool = SearchScratchPool()

    /// Creates an empty index.
    public init(dimension: Int, m: Int = 16, efConstruction: Int = 100, seed: UInt64 = 42) {
        self.dimension = dimension
        self.m = m
        self.m0 = 2 * m
        self.efConstruction = efConstruction
        levelMultiplier = 1 / Math.log(Double(max(m, 2)))
        generator = SeededGenerator(seed: seed)
        nodes = NodeBlocks(capacity: 0, stride: NodeBlocks.stride(linkWidth: 2 * m, dimension: dimension))
    }

    /// Number of live (searchable) vectors.
    public var count: Int { nodeOfLabel.count }

    /// Number of tombstones: nodes of removed labels that still route searches until `compacted()`.
    public var tombstoneCount: Int { labels.count - nodeOfLabel.count }

    /// Tombstones as a fraction of all nodes (0 for an empty index).
    public var tombstoneFraction: Double { labels.isEmpty ? 0 : Double(tombstoneCount) / Double(labels.count) }

    /// Whether `label` is indexed.
    public func contains(label: Int32) -> Bool { nodeOfLabel[label] != nil }

    /// The stored vector of `label`, if it is indexed.
    public func vector(of label: Int32) -> [Float]? {
        nodeOfLabel[label].map { Array(UnsafeBufferPointer(start: vector($0), count: dimension)) }
    }

    /// Adds a vector under `label`; if `label` is already indexed, its vector is replaced and re-linked.
    /// - Complexity: O(log n × efConstruction × m × d) expected.
    public mutating func insert(_ vector: [Float], label: Int32) {
        precondition(vector.count == dimension)
        if let node = nodeOfLabel[label] {
            setVector(node, vector)
            connect(node)
            return
        }
        // Only tombstones left: nothing live to link to, so start over rather than leave the new node unreachable.
        if count == 0 && !labels.isEmpty { self = HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction, generator: generator) }
        let node = Int32(labels.count)
        let level = min(Int(-Math.log(max(generator.unit(), 1e-12)) * levelMultiplier), 15)
        vector.withUnsafeBufferPointer { appendNode($0) }
        labels.append(label)
        nodeOfLabel[label] = node
        levels.append(UInt8(level))
        driftSinceLink.append(0)
        upper.append(level > 0 ? [Int32](repeating: -1, count: level * m) : [])
        guard entryPoint >= 0 else {
            entryPoint = node
            maxLevel = level
            return
        }
        connect(node)
        if level > maxLevel {
            maxLevel = level
            entryPoint = node
        }
    }

    /// How `upsert` applied a vector.
    public enum Change: Sendable, Equatable {
        /// The label was new and got a node.
        case inserted
        /// The vector drifted at most the tolerance: stored in place, links kept.
        case moved
        /// The vector drifted further: stored and its links searched again.
        case relinked
    }

    /// Indexes `vector` under `label`, doing as little graph work as the change allows: a new
    /// label is inserted; an indexed one whose moves since it was last linked add up to at most
    /// `tolerance` of its length (Σ ‖new − old‖ / ‖new‖) keeps its links and only its stored vector
    /// changes, since its neighbourhood has barely moved; one that drifted further is re-linked.
    /// - Complexity: O(d) when moved in place, otherwise as `insert`.
    @discardableResult
    public mutating func upsert(_ vector: [Float], label: Int32, tolerance: Float) -> Change {
        guard let node = nodeOfLabel[label], let drift = drift(of: label, to: vector) else {
            insert(vector, label: label)
            return .inserted
        }
        setVector(node, vector)
        driftSinceLink[Int(node)] = drift
        if drift <= tolerance { return .moved }
        connect(node)
        return .relinked
    }

    /// How far `vector` is from where `label` was last linked, as a fraction of its length: the
    /// drift `upsert` compares with its tolerance. `nil` if `label` is not indexed.
    /// - Complexity: O(d)
    public func drift(of label: Int32, to vector: [Float]) -> Float? {
        guard let node = nodeOfLabel[label] else { return nil }
        var drift: Float = 0, norm: Float = 0
        let stored = self.vector(node)
        for d in 0 ..< dimension {
            let delta = vector[d] - stored[d]
            drift += delta * delta
            norm += vector[d] * vector[d]
        }
        return driftSinceLink[Int(node)] + (norm > 0 ? (drift / norm).squareRoot() : 0)
    }

    /// Stops returning `label`; its node stays as a tombstone that searches still walk through.
    /// - Complexity: O(1)
    public mutating func remove(label: Int32) {
        guard let node = nodeOfLabel.removeValue(forKey: label) else { return }
        labels[Int(node)] = -1
    }

    /// A fresh index over the live vectors only (same parameters, seeded from this index), in
    /// node order: what to switch to once tombstones slow searches down.
    /// - Complexity: O(n log n × efConstruction × m × d), a full build.
    public func compacted() -> HNSWIndex {
        var fresh = HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction, generator: generator)
        for node in labels.indices where labels[node] >= 0 {
            fresh.insert(Array(UnsafeBufferPointer(start: vector(Int32(node)), count: dimension)), label: labels[node])
        }
        return fresh
    }

    private init(dimension: Int, m: Int, efConstruction: Int, generator: SeededGenerator) {
        self.init(dimension: dimension, m: m, efConstruction: efConstruction)
        self.generator = generator
    }

    /// Recomputes the label → node map from `labels` (after restoring them from a snapshot).
    mutating func restoreLabelMap() {
        nodeOfLabel = [:]
        for (node, label) in labels.enumerated() where label >= 0 { nodeOfLabel[label] = Int32(node) }
    }

    private mutating func setVector(_ node: Int32, _ vector: [Float]) {
        makeNodesUnique()
        let stored = self.vector(node)
        for d in 0 ..< dimension { stored[d] = vector[d] }
    }

    /// Links `node` (already stored, with its level) into the graph on each of its levels, as
    /// hnswlib's `addPoint`: a beam search of width `efConstruction` per level from the nearest
    /// node found on the level above, the heuristic picks up to `m` neighbours, and `node` is
    /// offered to each of theirs.
    private mutating func connect(_ node: Int32) {
        let level = Int(levels[Int(node)])
        driftSinceLink[Int(node)] = 0
        guard entryPoint >= 0 else { return }
        // A copy: linking may move the node blocks (copy-on-write) while the query is in use.
        let query = Array(UnsafeBufferPointer(start: vector(node), count: dimension))
        var scratch = scratchPool.take()
        defer { scratchPool.give(scratch) }
        query.withUnsafeBufferPointer { q in
            var current = Scored(key: distance(q.baseAddress!, entryPoint), node: entryPoint)
            var l = maxLevel
            while l > level {
                current = greedy(q.baseAddress!, from: current, level: l)
                l -= 1
            }
            for layer in stride(from: min(level, maxLevel), through: 0, by: -1) {
                searchLayer(q.baseAddress!, entry: current, ef: efConstruction, level: layer, scratch: &scratch)
                scratch.pool.removeAll(keepingCapacity: true)
                while scratch.results.count > 0 {
                    let s = scratch.results.pop()
                    if s.node != node { scratch.pool.append(s) }
                }
                // A level with no live node in reach keeps the links it has rather than losing them.
                guard !scratch.pool.isEmpty else { continue }
                scratch.pool.reverse()
                current = scratch.pool[0]
                selectNeighbors(scratch.pool, limit: m, into: &scratch.chosen)
                setNeighbors(node, layer, scratch.chosen)
                for neighbor in scratch.chosen { link(neighbor.node, to: node, level: layer, scratch: &scratch) }
            }
        }
    }

    /// The `k` live labels with the largest dot product with `query`, best first, with their scores.
    /// - Complexity: O(log n × ef × m × d) expected — sublinear in the number of vectors; allocates
    ///   only the returned array once the index's search scratch is warm.
    public func search(_ query: [Float], k: Int, ef: Int = 64) -> [(label: Int32, score: Float)] {
        guard entryPoint >= 0, k > 0, count > 0 else { return [] }
        var scratch = scratchPool.take()
        defer { scratchPool.give(scratch) }
        return query.withUnsafeBufferPointer { q in
            var current = Scored(key: distance(q.baseAddress!, entryPoint), node: entryPoint)
            var l = maxLevel
            while l > 0 {
                current = greedy(q.baseAddress!, from: current, level: l)
                l -= 1
            }
            searchLayer(q.baseAddress!, entry: current, ef: max(ef, k), level: 0, scratch: &scratch)
            while scratch.results.count > k { scratch.results.pop() }
            var found = [(label: Int32, score: Float)](repeating: (0, 0), count: scratch.results.count)
            var n = found.count - 1
            while scratch.results.count > 0 {
                let s = scratch.results.pop()
                found[n] = (labels[Int(s.node)], -s.key)
                n -= 1
            }
            return found
        }
    }
}
