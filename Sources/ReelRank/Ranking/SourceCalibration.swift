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

    /// Pick moments counted, and per source how many of them it offered the picked video in.
    private(set) var picks: Double = 0
    private(set) var sourcePicks: [Double] = Array(repeating: 0, count: CandidateSource.allCases.count)

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
        if let hitRank {
            hits[Self.slot(source, rank: hitRank)] += 1
            sourcePicks[Int(source.rawValue)] += 1
        }
    }

    /// Counts one pick moment (after recording every source's offer of it).
    mutating func recordPick() { picks += 1 }

    /// How much more (or less) often than the average viewer this viewer's picks were offered by
    /// `source`: (h + m p) / (n + m) / p, their share h / n shrunk towards the population share p
    /// with `m` pseudo-picks (empirical Bayes), 1 without evidence.
    func lift(_ source: CandidateSource, hits h: Float, picks n: Float, shrinkage m: Double) -> Double {
        guard picks > 0 else { return 1 }
        let p = sourcePicks[Int(source.rawValue)] / picks
        guard p > 0 else { return 1 }
        return (Double(h) + m * p) / (Double(n) + m) / p
    }

    /// P(picked | `source` offered it at `rank`), 0 before any offer there.
    /// - Complexity: O(1)
    func rate(_ source: CandidateSource, rank: Int) -> Double {
        let s = Self.slot(source, rank: rank)
        return offers[s] > 0 ? hits[s] / offers[s] : 0
    }
}
