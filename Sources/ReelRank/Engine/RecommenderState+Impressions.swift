extension RecommenderState {
    /// Trains the ranker on one logged choice as the page decision it was: the viewer picked
    /// `event.video` out of what the candidate sources offered at `event.time`, so that video is a
    /// row with a graded target (its engagement, capped at 1: the share watched, or a rating's
    /// share of the top rating offline) and `skipped` candidates drawn from the same pool that
    /// were not picked are rows with target 0. Each row carries the source that retrieved it and
    /// its rank there, so the ranker learns how much each source's ordering is worth. Used by the
    /// offline replay, whose logs hold choices but not the impressions around them; the server
    /// learns from real impressions (watch events, a quick skip being a short watch).
    ///
    /// Candidates come from every For You source, at most `poolPerSource` each (the part of each
    /// source a page can reach); a pick outside that pool trains nothing. Nothing else is updated:
    /// call `record(_:trainsRanker: false)` too.
    /// - Complexity: O(sources' bounds + (skipped + 1) × features).
    mutating func learnImpression(of event: InteractionEvent, region: String, skipped: Int, poolPerSource: Int,
                                  rng: inout SeededGenerator) {
        guard let chosen = catalog.indexOfID[event.video] else { return }
        let viewer = ViewerContext(userID: event.user, region: region, isEligibleForMatureContent: true)
        let profile = users[event.user] ?? UserProfile()
        var r = request(for: viewer, profile: profile, served: PageCursor(), now: event.time, page: eventCount,
                        usesHistory: true)
        r.limit = poolPerSource
        var pool: [Int32: Candidate] = [:]
        var order: [Int32] = []
        for source in Self.forYouSources {
            for c in candidates(from: source, r) {
                if let existing = pool[c.video] {
                    if c.prior > existing.prior { pool[c.video] = c }
                } else {
                    pool[c.video] = c
                    order.append(c.video)
                }
            }
        }
        var features: [Feature] = []
        func learn(_ video: Int32, _ candidate: Candidate?, target: Double) {
            features.removeAll(keepingCapacity: true)
            appendFeatures(into: &features, user: event.user, profile: profile, video: Int(video),
                           source: candidate?.source, prior: candidate?.prior ?? 0, now: event.time,
                           userVector: r.userVector, signals: r.signals)
            ranker.update(features, head: Head.completion.rawValue, target: target)
        }
        // The page decides among the pool's candidates only: a pick no source offered says nothing
        // about that decision (and, having no source, would teach "retrieved ⇒ skipped").
        guard let picked = pool[chosen] else { return }
        learn(chosen, picked, target: Double(min(event.engagement, 1)))
        let others = order.filter { $0 != chosen }
        guard !others.isEmpty else { return }
        for _ in 0 ..< skipped {
            let video = others[Int(rng.next() % UInt64(others.count))]
            learn(video, pool[video], target: 0)
        }
    }
}
