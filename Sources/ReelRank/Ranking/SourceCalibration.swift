/// Cross-source calibration learned from data: how often a candidate each source offered at each
/// rank turned out to be what the viewer picked. Every pick moment, each source's offer counts
/// one offer per rank it filled and one hit at the rank where it held the picked video (if it
/// did), so hit / offer is P(picked | offered by this source at this rank), the same scale for
/// every source. A log whose viewers follow the crowd learns to trust trending's head; one whose
/// viewers follow stable tastes learns to trust the embedding and co-engagement sources.
///
/// Ranks are bucketed by powers of two (rank 0, 1, 2–3, 4–7, …), so the table is
/// sources × `buckets` counters whatever the traffic.
struct SourceCalibration: Sendable, Hashable {
    static let buckets = 8
    /// Per source and rank bucket (row-major: source × buckets + bucket).
    private(set) var offers: [Double]
    private(set) var hits: [Double]

    init() {
        let n = CandidateSource.allCases.count * Self.buckets
        offers = Array(repeating: 0, count: n)
        hits = Array(repeating: 0, count: n)
    }

    init(offers: [Double], hits: [Double]) {
        self.offers = offers
        self.hits = hits
    }

    static func bucket(rank: Int) -> Int {
        min(Int.bitWidth - 1 - (rank + 1).leadingZeroBitCount, buckets - 1)
    }

    private static func slot(_ source: CandidateSource, rank: Int) -> Int {
        Int(source.rawValue) * buckets + bucket(rank: rank)
    }

    /// Records one pick moment of `source`: it offered `count` candidates, the picked video at
    /// `hitRank` (nil when it did not offer it).
    /// - Complexity: O(count)
    mutating func record(_ source: CandidateSource, offered count: Int, hitRank: Int?) {
        for rank in 0 ..< count { offers[Self.slot(source, rank: rank)] += 1 }
        if let hitRank { hits[Self.slot(source, rank: hitRank)] += 1 }
    }

    /// P(picked | `source` offered it at `rank`), 0 before any offer there.
    /// - Complexity: O(1)
    func rate(_ source: CandidateSource, rank: Int) -> Double {
        let s = Self.slot(source, rank: rank)
        return offers[s] > 0 ? hits[s] / offers[s] : 0
    }
}
