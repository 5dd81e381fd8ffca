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

extension RecommenderState {
    /// With personalisation off: videos the cursor served in the session's earlier rounds (source
    /// `reshown`), for a page of a later round that would otherwise come up short. Uses no history,
    /// only the cursor the client sends back and the non-profiled ranking (``popularPool(_:limit:)``)
    /// under every rule but "served in an earlier round": safety, age, blocks, keyword filters, not
    /// interested, nothing twice in one round. Least recently served first: videos outside the
    /// cursor's recent IDs come first, in the popular order the earlier rounds served them in, then
    /// the recent ones, oldest first.
    /// - Complexity: that of a popular page (bounded sources, O(hashCount) per candidate checked);
    ///   only when a later round's page runs short.
    func reshownPopular(viewer: ViewerContext, profile: UserProfile, served: PageCursor, excluding taken: Set<Int32>,
                        limit: Int, now: Double) -> [Reranker.Scored] {
        guard limit > 0, served.isLaterRound else { return [] }
        var r = request(for: viewer, profile: profile, served: served, now: now, page: served.servedCount, usesHistory: false)
        r.isEligible = { i in
            !taken.contains(Int32(i)) && served.wasServedEarlier(self.catalog.ids[i])
                && self.isEligible(i, viewer: viewer, profile: profile, excluding: served, usesHistory: false, allowsEarlierRounds: true)
        }
        var recency: [Int32: Int] = [:]
        for (position, id) in served.recent.enumerated() {
            if let index = catalog.indexOfID[id] { recency[index] = position }
        }
        let picks = popularPool(r, limit: limit).sorted {
            (recency[$0.video] ?? -1, -$0.prior, $0.video) < (recency[$1.video] ?? -1, -$1.prior, $1.video)
        }
        return picks.prefix(limit).map {
            Reranker.Scored(candidate: Candidate(video: $0.video, source: .reshown, prior: $0.prior), score: 0)
        }
    }
}
