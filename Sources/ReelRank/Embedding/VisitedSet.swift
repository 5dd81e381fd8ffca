/// A small open-addressing set of node ids for one HNSW search: sized to the beam, not the
/// catalogue, so a query stays sublinear, and cheaper than `Set` (no hashing protocol, no rehash
/// of large buckets).
struct VisitedSet {
    private var slots: [Int32]
    private var mask: Int
    private var count = 0

    init(expected: Int) {
        var capacity = 64
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// Inserts `node` (≥ 0); returns false if it was already present.
    /// - Complexity: O(1) expected.
    @inline(__always)
    mutating func insert(_ node: Int32) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        var i = Int(truncatingIfNeeded: UInt32(bitPattern: node) &* 2_654_435_761) & mask
        while true {
            let s = slots[i]
            if s == node { return false }
            if s < 0 {
                slots[i] = node
                count += 1
                return true
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Int32](repeating: -1, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for s in old where s >= 0 { _ = insert(s) }
    }
}
