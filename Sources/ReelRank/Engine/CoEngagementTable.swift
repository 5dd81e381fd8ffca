/// Item-to-item co-engagement counts, bounded per item with the Space-Saving algorithm
/// (Metwally et al. 2005) so memory stays O(items × capacity) however long the stream runs.
struct CoEngagementTable: Sendable {
    struct Edge: Sendable, Hashable {
        var video: Int32
        var weight: Float
    }

    let capacity: Int
    private(set) var edges: [Int32: [Edge]] = [:]
    /// Each list's total weight, kept as edges grow so `totalWeight(of:)` is O(1) (the cosine of
    /// `SequenceSignals.similar` reads it for every neighbour it scores).
    private var totals: [Int32: Double] = [:]

    init(capacity: Int = 32) { self.capacity = capacity }

    init(capacity: Int, edges: [Int32: [Edge]]) {
        self.capacity = capacity
        self.edges = edges
        totals = edges.mapValues { list in list.reduce(0) { $0 + Double($1.weight) } }
    }

    /// Records that `a` and `b` were engaged with by the same user, in both directions.
    /// - Complexity: O(capacity)
    mutating func add(_ a: Int32, _ b: Int32, weight: Float) {
        guard a != b else { return }
        bump(a, b, weight)
        bump(b, a, weight)
    }

    /// Records a transition: a user engaged with `to` after `from` (one direction only).
    /// - Complexity: O(capacity)
    mutating func addDirected(from: Int32, to: Int32, weight: Float) {
        guard from != to else { return }
        bump(from, to, weight)
    }

    /// The weight of the edge `from` → `to` (0 when absent).
    /// - Complexity: O(capacity)
    func weight(from: Int32, to: Int32) -> Float {
        edges[from]?.first { $0.video == to }?.weight ?? 0
    }

    private mutating func bump(_ from: Int32, _ to: Int32, _ weight: Float) {
        var list = edges[from, default: []]
        edges[from] = nil
        if let i = list.firstIndex(where: { $0.video == to }) {
            list[i].weight += weight
        } else if list.count < capacity {
            list.append(Edge(video: to, weight: weight))
        } else if let weakest = list.indices.min(by: { list[$0].weight < list[$1].weight }) {
            list[weakest] = Edge(video: to, weight: list[weakest].weight + weight)
        }
        // Every branch adds `weight` to the list (Space-Saving's replacement inherits the count).
        totals[from, default: 0] += Double(weight)
        edges[from] = list
    }

    /// The total weight of `video`'s list (0 when it has none).
    /// - Complexity: O(1)
    func totalWeight(of video: Int32) -> Double { totals[video] ?? 0 }

    /// The neighbours of `video`, strongest first.
    func neighbours(of video: Int32) -> [Edge] {
        (edges[video] ?? []).sorted { ($0.weight, $1.video) > ($1.weight, $0.video) }
    }
}
