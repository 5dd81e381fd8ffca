/// One retrieved video before ranking: which source found it and how strongly (prior in [0, 1]).
struct Candidate: Sendable, Hashable {
    var video: Int32
    var source: CandidateSource
    /// Rank-normalised retrieval score within its source: 1 for the source's best, falling linearly.
    var prior: Double
    /// For "because you watched X": the index of X, else −1.
    var related: Int32 = -1
}

/// What every candidate source may look at for one request.
struct CandidateRequest {
    var user: UInt64
    var profile: UserProfile
    var userVector: [Float]?
    /// The viewer's sequence signals (empty when history is not used).
    var signals: SequenceSignals
    var region: UInt32?
    var now: Double
    /// Seed for the bandit's draws, derived from the engine seed, the user and the request.
    var seed: UInt64
    var limit: Int
    /// Filters applied inside each source so the bounded budget is spent on showable videos.
    var isEligible: (Int) -> Bool
}

extension Candidate {
    /// Sorts (video, raw score) pairs best first (ties: lower index first), keeps `limit` and
    /// normalises ranks into priors.
    /// - Complexity: O(n log limit): a bounded heap keeps the best `limit`, since sources often
    ///   score far more videos than a page can reach (fresh uploads scan up to 2 000).
    static func ranked(_ scored: [(video: Int32, score: Double, related: Int32)], source: CandidateSource,
                       limit: Int) -> [Candidate] {
        let top = TopK.best(scored, limit: limit) { ($0.score, $1.video) > ($1.score, $0.video) }
        let count = Double(max(top.count, 1))
        return top.enumerated().map { rank, item in
            Candidate(video: item.video, source: source, prior: 1 - Double(rank) / count, related: item.related)
        }
    }
}
