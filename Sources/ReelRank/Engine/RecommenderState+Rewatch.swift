extension RecommenderState {
    /// Videos the viewer has already watched (source `rewatch`) or, after the session's first round,
    /// was served in an earlier round without watching (`reshown`), for a For You page that would
    /// otherwise come up short: every rule but the seen filter still applies (safety, age, blocks,
    /// filters, not interested, nothing served twice in one round). Least recently seen first:
    /// videos with no time the profile or cursor remembers come first, then the profile's recent
    /// positives (oldest first), then the cursor's last-served videos (oldest first); within a
    /// group the better-completed and more engaged ones first.
    /// - Complexity: O(seen × log seen), plus O(catalogue) after the first round; only when a page runs short.
    func rewatch(viewer: ViewerContext, profile: UserProfile, served: PageCursor, excluding taken: Set<Int32>,
                 limit: Int, now: Double) -> [Reranker.Scored] {
        guard limit > 0 else { return [] }
        var lastSeen: [Int32: Double] = [:]
        for item in profile.recent { lastSeen[item.video] = item.time }
        // Served last in the cursor: after every remembered watch (the served count orders them).
        for (position, id) in served.recent.enumerated() {
            if let index = catalog.indexOfID[id] { lastSeen[index] = max(now, lastSeen[index] ?? now) + Double(position + 1) }
        }
        var pool = Set(profile.seen.compactMap { catalog.indexOfID[$0] })
        if served.isLaterRound {
            for i in catalog.ids.indices where served.wasServedEarlier(catalog.ids[i]) { pool.insert(Int32(i)) }
        }
        var picks: [(video: Int32, seenAt: Double, quality: Double)] = []
        for index in pool {
            guard !taken.contains(index),
                  isEligible(Int(index), viewer: viewer, profile: profile, excluding: served, usesHistory: false,
                             allowsEarlierRounds: true) else { continue }
            let quality = catalog.completionRate(Int(index)) + Math.log1p(catalog.trendScore(Int(index), now: now, tau: trendTau))
            picks.append((index, lastSeen[index] ?? -.infinity, quality))
        }
        picks.sort { ($0.seenAt, -$0.quality, $0.video) < ($1.seenAt, -$1.quality, $1.video) }
        return picks.prefix(limit).map {
            let source: CandidateSource = profile.seen.contains(catalog.ids[Int($0.video)]) ? .rewatch : .reshown
            return Reranker.Scored(candidate: Candidate(video: $0.video, source: source, prior: 0), score: 0)
        }
    }
}
