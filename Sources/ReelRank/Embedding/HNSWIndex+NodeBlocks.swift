import CReelPrefetch

extension HNSWIndex {
    /// Every node's level-0 links and vector, node after node in one 64-byte-aligned allocation,
    /// as hnswlib's `data_level0_memory_`: node `i`'s block starts at byte `i × stride` and holds
    /// `linkWidth` `Int32` link slots (−1 = unused), then `dimension` floats, then padding up to a
    /// multiple of 64 bytes. A level-0 search reads a node's links and, for each neighbour, its
    /// vector: with this layout both come in whole cache lines (a 32-float vector fills exactly
    /// two, where a flat `[Float]` row straddles three three times out of four) and a node's
    /// links and vector share a page.
    ///
    /// Value semantics come from the owning index: copies share one `NodeBlocks` and an index
    /// copies it before writing while it is shared (`HNSWIndex.makeNodesUnique`), as `Array`
    /// does, so the memory is written only through a sole reference and never while another
    /// copy reads it; that is what makes the unchecked `Sendable` sound.
    final class NodeBlocks: @unchecked Sendable {
        /// Start of node 0's block (64-byte aligned).
        let base: UnsafeMutableRawPointer
        /// Nodes the allocation has room for.
        let capacity: Int
        /// Bytes per node: links, vector and padding.
        let stride: Int

        /// Room for `capacity` nodes of `stride` bytes, uninitialised. An allocation of 2 MiB or
        /// more is aligned to 2 MiB and offered to the kernel for huge pages
        /// (`reel_advise_huge_pages`): searches jump between random nodes, and with 4 KiB pages
        /// nearly every jump into an index of tens of megabytes also misses the TLB.
        init(capacity: Int, stride: Int) {
            self.capacity = capacity
            self.stride = stride
            let bytes = max(capacity, 1) * stride
            if bytes >= Self.hugePage {
                base = .allocate(byteCount: bytes, alignment: Self.hugePage)
                reel_advise_huge_pages(base, bytes)
            } else {
                base = .allocate(byteCount: bytes, alignment: 64)
            }
        }

        /// Size (and alignment) of an x86-64 / arm64 Linux transparent huge page.
        private static let hugePage = 2 << 20

        deinit { base.deallocate() }

        /// A new allocation of `capacity` nodes holding the first `count` blocks of this one.
        /// - Complexity: O(count × stride)
        func copy(count: Int, capacity: Int) -> NodeBlocks {
            let fresh = NodeBlocks(capacity: capacity, stride: stride)
            fresh.base.copyMemory(from: base, byteCount: count * stride)
            return fresh
        }

        /// Bytes per node for `linkWidth` links and `dimension` floats, rounded up to whole cache lines.
        static func stride(linkWidth: Int, dimension: Int) -> Int {
            ((linkWidth + dimension) * 4 + 63) / 64 * 64
        }
    }

    /// Node `node`'s level-0 link slots (`m0` of them).
    @inline(__always)
    func links(_ node: Int32) -> UnsafeMutablePointer<Int32> {
        (nodes.base + Int(node) * nodes.stride).assumingMemoryBound(to: Int32.self)
    }

    /// Node `node`'s stored vector (`dimension` floats).
    @inline(__always)
    func vector(_ node: Int32) -> UnsafeMutablePointer<Float> {
        (nodes.base + Int(node) * nodes.stride + m0 * 4).assumingMemoryBound(to: Float.self)
    }

    /// Copies the node blocks first if another copy of the index shares them (copy-on-write).
    @inline(__always)
    mutating func makeNodesUnique() {
        if !isKnownUniquelyReferenced(&nodes) { nodes = nodes.copy(count: labels.count, capacity: nodes.capacity) }
    }

    /// Adds a block for node `labels.count` (call before appending its label): no links, `vector`.
    /// - Complexity: O(d) amortised (the allocation doubles when full).
    mutating func appendNode(_ vector: UnsafeBufferPointer<Float>) {
        let node = labels.count
        if node == nodes.capacity {
            nodes = nodes.copy(count: node, capacity: max(64, 2 * nodes.capacity))
        } else {
            makeNodesUnique()
        }
        let block = nodes.base + node * nodes.stride
        block.initializeMemory(as: Int32.self, repeating: -1, count: m0)
        (block + m0 * 4).initializeMemory(as: Float.self, from: vector.baseAddress!, count: dimension)
    }

    /// All stored vectors, node after node (`nodes × dimension` floats), as snapshots store them.
    var vectors: [Float] {
        var flat: [Float] = []
        flat.reserveCapacity(labels.count * dimension)
        for node in 0 ..< Int32(labels.count) { flat.append(contentsOf: UnsafeBufferPointer(start: vector(node), count: dimension)) }
        return flat
    }

    /// All level-0 link slots, node after node (`nodes × m0`, unused ones −1), as snapshots store them.
    var level0: [Int32] {
        var flat: [Int32] = []
        flat.reserveCapacity(labels.count * m0)
        for node in 0 ..< Int32(labels.count) { flat.append(contentsOf: UnsafeBufferPointer(start: links(node), count: m0)) }
        return flat
    }

    /// Replaces every node's vector and level-0 links (from a snapshot); `vectors` holds
    /// `n × dimension` floats and `level0` `n × m0` slots for the same `n`, which must also be
    /// the number of labels restored alongside.
    /// - Complexity: O(n × (d + m0))
    mutating func restoreNodes(vectors: [Float], level0: [Int32]) {
        let count = vectors.count / dimension
        precondition(vectors.count == count * dimension && level0.count == count * m0)
        nodes = NodeBlocks(capacity: count, stride: nodes.stride)
        for node in 0 ..< count {
            let block = nodes.base + node * nodes.stride
            level0.withUnsafeBufferPointer { _ = block.initializeMemory(as: Int32.self, from: $0.baseAddress! + node * m0, count: m0) }
            vectors.withUnsafeBufferPointer {
                _ = (block + m0 * 4).initializeMemory(as: Float.self, from: $0.baseAddress! + node * dimension, count: dimension)
            }
        }
    }
}
