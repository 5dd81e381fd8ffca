import Synchronization

/// Working memory of one HNSW search, reused from search to search so a query allocates nothing
/// but its answer (hnswlib's `VisitedListPool` idea): visited marks are epoch-tagged, one
/// `UInt16` per node, so starting a search bumps the epoch instead of clearing the array.
struct SearchScratch: Sendable {
    /// `marks[node] == epoch` means visited in the current search.
    var marks: [UInt16] = []
    var epoch: UInt16 = 0
    /// Beam candidates, nearest on top (keyed by −distance).
    var candidates = ScoredHeap()
    /// The best nodes found so far, farthest on top (keyed by distance).
    var results = ScoredHeap()
    /// A new node's candidates (nearest first) and chosen neighbours while it is linked.
    var pool: [HNSWIndex.Scored] = []
    var chosen: [HNSWIndex.Scored] = []
    /// The same for a neighbour whose full list must be re-chosen to take the new node.
    var linkPool: [HNSWIndex.Scored] = []
    var linkChosen: [HNSWIndex.Scored] = []

    /// Starts a search over `nodes` nodes: a new epoch, empty heaps.
    /// - Complexity: O(1) amortised (O(nodes) when the index grew or once every 65,535 searches).
    mutating func begin(nodes: Int) {
        if marks.count < nodes { marks.append(contentsOf: repeatElement(0, count: max(nodes, marks.count * 2) - marks.count)) }
        epoch &+= 1
        if epoch == 0 {
            marks.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            epoch = 1
        }
        candidates.removeAll()
        results.removeAll()
    }
}

/// A few `SearchScratch`es for concurrent searches on one index (and its copy-on-write copies),
/// handed out and taken back under a lock held only for the pop or push.
final class SearchScratchPool: Sendable {
    private let free = Mutex<[SearchScratch]>([])
    /// More idle scratches than this are dropped rather than kept (each holds 2 bytes per node).
    private static let capacity = 8

    /// An idle scratch, or a new one.
    func take() -> SearchScratch { free.withLock { $0.popLast() } ?? SearchScratch() }

    /// Returns a scratch for reuse.
    func give(_ scratch: SearchScratch) {
        free.withLock { list in if list.count < Self.capacity { list.append(scratch) } }
    }
}

/// A binary max-heap of scored nodes on a reusable array (no per-search allocation once warm).
struct ScoredHeap: Sendable {
    private(set) var items: [HNSWIndex.Scored] = []

    var count: Int { items.count }
    /// The largest key; the heap must not be empty.
    var top: HNSWIndex.Scored { items[0] }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// - Complexity: O(log n)
    @inline(__always)
    mutating func push(_ element: HNSWIndex.Scored) {
        items.append(element)
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if h[parent].key >= element.key { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = element
        }
    }

    /// Removes and returns the largest key; the heap must not be empty.
    /// - Complexity: O(log n)
    @inline(__always)
    @discardableResult
    mutating func pop() -> HNSWIndex.Scored {
        let top = items[0]
        let last = items.removeLast()
        if items.isEmpty { return top }
        items.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && h[child + 1].key > h[child].key { child += 1 }
                if h[child].key <= last.key { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
        }
        return top
    }
}
