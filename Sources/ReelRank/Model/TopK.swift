/// Partial selection: the best `limit` elements of a collection in order, without sorting it all.
enum TopK {
    /// The first `limit` elements of `elements.sorted(by: isBetter)`, for a strict total order
    /// `isBetter` (no two elements equal under it, so the result equals the full sort's prefix).
    /// Keeps a binary min-heap (worst of the kept at the root) of at most `limit` elements.
    /// - Complexity: O(n log limit) comparisons, O(limit) extra memory.
    static func best<Element>(_ elements: [Element], limit: Int, by isBetter: (Element, Element) -> Bool) -> [Element] {
        guard limit > 0 else { return [] }
        guard elements.count > limit else { return elements.sorted(by: isBetter) }
        var heap: [Element] = []
        heap.reserveCapacity(limit)
        for element in elements {
            if heap.count < limit {
                heap.append(element)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard isBetter(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if isBetter(element, heap[0]) {
                heap[0] = element
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    guard left < limit else { break }
                    var worst = left
                    if left + 1 < limit && isBetter(heap[left], heap[left + 1]) { worst = left + 1 }
                    guard isBetter(heap[parent], heap[worst]) else { break }
                    heap.swapAt(parent, worst)
                    parent = worst
                }
            }
        }
        return heap.sorted(by: isBetter)
    }
}
