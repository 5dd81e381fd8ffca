/// The viewer's recent history scored against any video, computed once per request or event:
/// the sequence-aware signals behind the `.sequence` and `.coEngagement` sources and their
/// ranking features.
///
/// - next: Σ over the viewer's last `window` positives p (newest first, age a = 0, 1, …) of
///   decay^a × P(v | p), where P(v | p) is the share of p's recorded transitions that went to v
///   (a first-order Markov chain over watches, recency-weighted as in session-based
///   recommenders, e.g. Ludewig & Jannach 2018, "Evaluation of session-based recommendation
///   algorithms", §2.1 "sequential rules").
/// - together: the same sum over the symmetric co-engagement table (watched close together, either order).
/// - similar: Σ decay^a × c(p, v) / √(C_p × C_v) over the co-occurrence table (c: how often p and v
///   were both among one viewer's remembered positives, C_x: the total of x's list), the cosine
///   similarity of item-based collaborative filtering (Sarwar et al. 2001, "Item-based
///   collaborative filtering recommendation algorithms", §3.1.1) summed over the viewer's recent
///   items (Deshpande & Karypis 2004, "Item-based top-N recommendation algorithms", §3). Unlike
///   P(v | p) it does not favour videos that co-occur with everything, so it can reorder the
///   popular videos momentum already ranks.
///
/// Each entry keeps the history item that contributed most, for "because you watched X".
struct SequenceSignals: Sendable {
    /// One video's score and the recent video that contributed most to it.
    struct Entry: Sendable {
        var score: Double
        var from: Int32
        var best: Double
    }

    var next: [Int32: Entry] = [:]
    var together: [Int32: Entry] = [:]
    var similar: [Int32: Entry] = [:]

    /// How many recent positives count, and how fast older ones fade.
    static let window = 10
    static let decay = 0.7

    init() {}

    init(recent: [UserProfile.RecentItem], transitions: CoEngagementTable, coEngagement: CoEngagementTable,
         coOccurrence: CoEngagementTable) {
        var weight = 1.0
        for item in recent.suffix(Self.window).reversed() {
            Self.accumulate(&next, from: item.video, edges: transitions.edges[item.video], weight: weight)
            Self.accumulate(&together, from: item.video, edges: coEngagement.edges[item.video], weight: weight)
            Self.accumulateCosine(&similar, from: item.video, table: coOccurrence, weight: weight)
            weight *= Self.decay
        }
    }

    /// The signals of one video only (what an event's features need), without building the full maps.
    /// - Complexity: O(window × table capacity)
    init(recent: [UserProfile.RecentItem], transitions: CoEngagementTable, coEngagement: CoEngagementTable,
         coOccurrence: CoEngagementTable, only video: Int32) {
        var weight = 1.0
        for item in recent.suffix(Self.window).reversed() {
            Self.accumulate(&next, from: item.video, edges: transitions.edges[item.video], weight: weight, only: video)
            Self.accumulate(&together, from: item.video, edges: coEngagement.edges[item.video], weight: weight, only: video)
            Self.accumulateCosine(&similar, from: item.video, table: coOccurrence, weight: weight, only: video)
            weight *= Self.decay
        }
    }

    private static func accumulate(_ scores: inout [Int32: Entry], from: Int32, edges: [CoEngagementTable.Edge]?,
                                   weight: Double, only video: Int32) {
        guard let edges, let edge = edges.first(where: { $0.video == video }) else { return }
        var total: Float = 0
        for e in edges { total += e.weight }
        let s = weight * Double(edge.weight / total)
        var entry = scores[video] ?? Entry(score: 0, from: from, best: 0)
        entry.score += s
        if s > entry.best {
            entry.best = s
            entry.from = from
        }
        scores[video] = entry
    }

    private static func accumulate(_ scores: inout [Int32: Entry], from: Int32, edges: [CoEngagementTable.Edge]?,
                                   weight: Double) {
        guard let edges, !edges.isEmpty else { return }
        var total: Float = 0
        for e in edges { total += e.weight }
        guard total > 0 else { return }
        for e in edges {
            let s = weight * Double(e.weight / total)
            var entry = scores[e.video] ?? Entry(score: 0, from: from, best: 0)
            entry.score += s
            if s > entry.best {
                entry.best = s
                entry.from = from
            }
            scores[e.video] = entry
        }
    }

    /// Adds `weight` × cosine(from, v) for every co-occurring v (or only `video`).
    /// - Complexity: O(capacity²) (each neighbour's list total), O(capacity) with `only`.
    private static func accumulateCosine(_ scores: inout [Int32: Entry], from: Int32, table: CoEngagementTable,
                                         weight: Double, only video: Int32? = nil) {
        guard let edges = table.edges[from], !edges.isEmpty else { return }
        var total: Float = 0
        for e in edges { total += e.weight }
        for e in edges where video == nil || e.video == video {
            let norm = Double(total) * max(table.totalWeight(of: e.video), Double(e.weight))
            guard norm > 0 else { continue }
            let s = weight * Double(e.weight) / norm.squareRoot()
            var entry = scores[e.video] ?? Entry(score: 0, from: from, best: 0)
            entry.score += s
            if s > entry.best {
                entry.best = s
                entry.from = from
            }
            scores[e.video] = entry
        }
    }
}
