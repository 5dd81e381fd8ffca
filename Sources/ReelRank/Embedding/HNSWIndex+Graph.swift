import CReelPrefetch

/// The graph internals of `HNSWIndex`: the search loops (after hnswlib's `searchBaseLayer`), the
/// neighbour-selection heuristic and link maintenance. Kept apart from the public surface
/// (insert, upsert, remove, search) in HNSWIndex.swift.
extension HNSWIndex {
    /// A node with a key: its distance (−dot) in result heaps, −distance in candidate heaps.
    struct Scored: Sendable {
        var key: Float
        var node: Int32
    }

    /// −(query · vector of `node`): smaller is nearer.
    @inline(__always)
    func distance(_ query: UnsafePointer<Float>, _ node: Int32) -> Float {
        -VectorMath.dot(vector(node), query, dimension)
    }

    /// Greedy walk on an upper level: move to the nearest neighbour while it improves.
    func greedy(_ query: UnsafePointer<Float>, from start: Scored, level: Int) -> Scored {
        let slot = (level - 1) * m
        var best = start
        var improved = true
        while improved {
            improved = false
            upper[Int(best.node)].withUnsafeBufferPointer { links in
                for s in slot ..< slot + m {
                    let n = links[s]
                    if n < 0 { break }
                    let dist = distance(query, n)
                    if dist < best.key {
                        best = Scored(key: dist, node: n)
                        improved = true
                    }
                }
            }
        }
        return best
    }

    /// Beam search on one level from `entry` (hnswlib's `searchBaseLayer`): leaves up to `ef`
    /// live nodes in `scratch.results` (farthest on top). Tombstones are walked through but never
    /// returned, so the beam fills with live nodes.
    func searchLayer(_ query: UnsafePointer<Float>, entry: Scored, ef: Int, level: Int,
                             scratch: inout SearchScratch) {
        scratch.begin(nodes: labels.count)
        let epoch = scratch.epoch
        let hasTombstones = tombstoneCount > 0
        var candidates = ScoredHeap(), results = ScoredHeap()
        swap(&candidates, &scratch.candidates)
        swap(&results, &scratch.results)
        let vectorOffset = m0 * 4
        scratch.marks.withUnsafeMutableBufferPointer { marks in
            labels.withUnsafeBufferPointer { live in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(m0, m)) { fresh in
                    if level == 0 {
                        Self.beam(query: query, entry: entry, ef: ef, nodes: nodes.base, stride: nodes.stride,
                                  vectorOffset: vectorOffset, dimension: dimension,
                                  live: hasTombstones ? live.baseAddress! : nil, marks: marks.baseAddress!, epoch: epoch,
                                  fresh: fresh.baseAddress!, candidates: &candidates, results: &results) { node in
                            (UnsafePointer(links(node)), m0)
                        }
                    } else {
                        // Upper levels are small and only searched while inserting: their lists are
                        // per-node arrays, copied out for the duration of one expansion.
                        let slot = (level - 1) * m
                        var links = [Int32](repeating: -1, count: m)
                        links.withUnsafeMutableBufferPointer { buffer in
                            Self.beam(query: query, entry: entry, ef: ef, nodes: nodes.base, stride: nodes.stride,
                                      vectorOffset: vectorOffset, dimension: dimension,
                                      live: hasTombstones ? live.baseAddress! : nil, marks: marks.baseAddress!, epoch: epoch,
                                      fresh: fresh.baseAddress!, candidates: &candidates, results: &results) { node in
                                let list = upper[Int(node)]
                                for s in 0 ..< m { buffer[s] = list[slot + s] }
                                return (UnsafePointer(buffer.baseAddress!), m)
                            }
                        }
                    }
                }
            }
        }
        swap(&candidates, &scratch.candidates)
        swap(&results, &scratch.results)
    }

    /// The beam loop itself, over raw pointers: `neighbors(node)` gives a node's link slots
    /// (−1 ends the list); node `n`'s vector is at `nodes + n × stride + vectorOffset`; `live` is
    /// the label table when there are tombstones to skip, else nil (one memory access per
    /// accepted node saved); `fresh` has room for one node's links. Pure function of its
    /// arguments so nothing it touches is captured.
    ///
    /// Each expansion first marks the node's unvisited neighbours and prefetches all their
    /// vectors, then scores them, so their cache misses overlap instead of following one
    /// another; the links of the node to expand next (the candidates' top) are prefetched as soon
    /// as it is known, as hnswlib does.
    @inline(__always)
    static func beam(
        query: UnsafePointer<Float>, entry: Scored, ef: Int, nodes: UnsafeRawPointer, stride: Int, vectorOffset: Int,
        dimension d: Int, live: UnsafePointer<Int32>?, marks: UnsafeMutablePointer<UInt16>, epoch: UInt16,
        fresh: UnsafeMutablePointer<Int32>, candidates: inout ScoredHeap, results: inout ScoredHeap,
        neighbors: (Int32) -> (UnsafePointer<Int32>, Int)
    ) {
        @inline(__always) func vector(_ n: Int32) -> UnsafePointer<Float> {
            (nodes + Int(n) * stride + vectorOffset).assumingMemoryBound(to: Float.self)
        }
        marks[Int(entry.node)] = epoch
        candidates.push(Scored(key: -entry.key, node: entry.node))
        var bound = Float.infinity
        if live.map({ $0[Int(entry.node)] >= 0 }) ?? true {
            results.push(entry)
            bound = entry.key
        }
        while candidates.count > 0 {
            let nearest = candidates.pop()
            if -nearest.key > bound && results.count >= ef { break }
            if candidates.count > 0 { prefetch(nodes + Int(candidates.top.node) * stride, bytes: vectorOffset) }
            let (links, width) = neighbors(nearest.node)
            var count = 0
            for s in 0 ..< width {
                let n = links[s]
                if n < 0 { break }
                if marks[Int(n)] == epoch { continue }
                marks[Int(n)] = epoch
                fresh[count] = n
                count += 1
                prefetch(vector(n), bytes: d * 4)
            }
            for i in 0 ..< count {
                let n = fresh[i]
                let dist = -VectorMath.dot(vector(n), query, d)
                guard results.count < ef || dist < bound else { continue }
                candidates.push(Scored(key: -dist, node: n))
                prefetch(nodes + Int(candidates.top.node) * stride, bytes: 64)
                if let live, live[Int(n)] < 0 { continue }
                results.push(Scored(key: dist, node: n))
                if results.count > ef { results.pop() }
                bound = results.top.key
            }
        }
    }

    /// Prefetches every cache line of `bytes` bytes from `address` (a 64-float vector spans four).
    @inline(__always)
    static func prefetch(_ address: UnsafeRawPointer, bytes: Int) {
        var offset = 0
        while offset < bytes {
            reel_prefetch(address + offset)
            offset += 64
        }
    }

    /// The paper's heuristic (Malkov & Yashunin 2018, algorithm 4, as hnswlib's
    /// `getNeighborsByHeuristic2`): from `sorted` (nearest to the base first, keys = distances to
    /// the base), keep a candidate only if it is nearer to the base than to every one already
    /// kept, up to `limit`. This keeps links between clusters that plain nearest-first would drop.
    func selectNeighbors(_ sorted: [Scored], limit: Int, into kept: inout [Scored]) {
        kept.removeAll(keepingCapacity: true)
        for c in sorted {
            if kept.count >= limit { break }
            let vc = vector(c.node)
            var good = true
            for k in kept where -VectorMath.dot(vc, vector(k.node), dimension) < c.key {
                good = false
                break
            }
            if good { kept.append(c) }
        }
    }

    /// Overwrites `node`'s neighbour list on `level` (unused slots become −1).
    mutating func setNeighbors(_ node: Int32, _ level: Int, _ neighbors: [Scored]) {
        if level == 0 {
            makeNodesUnique()
            let slots = links(node)
            for s in 0 ..< m0 { slots[s] = s < neighbors.count ? neighbors[s].node : -1 }
        } else {
            let slot = (level - 1) * m
            for s in 0 ..< m { upper[Int(node)][slot + s] = s < neighbors.count ? neighbors[s].node : -1 }
        }
    }

    /// Offers `newNode` to `node`'s list on `level`: appended while there is room, otherwise the
    /// heuristic chooses among the current neighbours and `newNode` (hnswlib's mutual connection).
    mutating func link(_ node: Int32, to newNode: Int32, level: Int, scratch: inout SearchScratch) {
        let width = level == 0 ? m0 : m
        scratch.linkPool.removeAll(keepingCapacity: true)
        var count = 0
        let vn = vector(node)
        func offer(_ n: Int32) { scratch.linkPool.append(Scored(key: -VectorMath.dot(vector(n), vn, dimension), node: n)) }
        if level == 0 {
            let slots = links(node)
            while count < width && slots[count] >= 0 {
                offer(slots[count])
                count += 1
            }
        } else {
            upper[Int(node)].withUnsafeBufferPointer { slots in
                let slot = (level - 1) * m
                while count < width && slots[slot + count] >= 0 {
                    offer(slots[slot + count])
                    count += 1
                }
            }
        }
        if !scratch.linkPool.contains(where: { $0.node == newNode }) { offer(newNode) }
        if scratch.linkPool.count == count { return }
        if count < width {
            if level == 0 {
                makeNodesUnique()
                links(node)[count] = newNode
            } else {
                upper[Int(node)][(level - 1) * m + count] = newNode
            }
            return
        }
        scratch.linkPool.sort { $0.key < $1.key }
        selectNeighbors(scratch.linkPool, limit: width, into: &scratch.linkChosen)
        setNeighbors(node, level, scratch.linkChosen)
    }
}
