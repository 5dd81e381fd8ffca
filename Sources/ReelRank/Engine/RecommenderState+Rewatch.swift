extension RecommenderState {
    /// Videos the viewer has already watched, for a For You page that would otherwise come up
    /// short: every rule but the seen filter still applies (safety, age, blocks, filters, not
    /// interested, nothing served twice under one cursor). Least recently seen first: videos the
    /// profile no longer counts among its recent positives come before those it does (oldest of
    /// those first); within each group the better-completed and more engaged ones first.
    /// - Complexity: O(seen × log seen), only when a page runs short.
    func rewatch(viewer: ViewerContext, profile: UserProfile, served: PageCursor, excluding taken: Set<Int32>,
                 limit: Int, now: Double) -> [Reranker.Scored] {
        guard limit > 0 else { return [] }
        var lastSeen: [Int32: Double] = [:]
        for item in profile.recent { lastSeen[item.video] = item.time }
        var picks: [(video: Int32, seenAt: Double, quality: Double)] = []
        for id in profile.seen {
            guard let index = catalog.indexOfID[id], !taken.contains(index),
                  isEligible(Int(index), viewer: viewer, profile: profile, excluding: served, usesHistory: false) else { continue }
            let quality = catalog.completionRate(Int(index)) + Math.log1p(catalog.trendScore(Int(index), now: now, tau: trendTau))
            picks.append((index, lastSeen[index] ?? -.infinity, quality))
        }
        picks.sort { ($0.seenAt, -$0.quality, $0.video) < ($1.seenAt, -$1.quality, $1.video) }
        return picks.prefix(limit).map {
            Reranker.Scored(candidate: Candidate(video: $0.video, source: .rewatch, prior: 0), score: 0)
        }
    }
}
