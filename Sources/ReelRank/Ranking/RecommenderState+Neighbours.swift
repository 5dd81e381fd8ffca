extension RecommenderState {
    /// "What viewers like you watch now": user-based collaborative filtering on recent behaviour
    /// (Herlocker et al. 1999, "An algorithmic framework for performing collaborative filtering",
    /// §2: neighbourhood by similarity, prediction by weighted average). Neighbours are the viewers
    /// who share remembered positives with `profile` (found through `recentViewers`, whose lists
    /// of other viewers' positives the serving snapshot keeps), weighted by
    /// cosine over their remembered positives, |A ∩ B| / √(|A| |B|); the best `neighbourCount`
    /// vote for each of their own remembered positives with similarity × strength × a time decay of
    /// half-life `neighbourHalfLife` (what they watched lately counts most). Scores are divided by
    /// the neighbours' total similarity, so they lie in [0, 1].
    /// - Complexity: O(history × `RecentViewers.capacity` + neighbours × history), independent of
    ///   catalogue and user counts.
    func neighbourTrend(user: UInt64, profile: UserProfile, now: Double) -> [Int32: Double] {
        let history = profile.recent  // the viewer's own, current even when the table lags
        guard config.neighbourCount > 0, !history.isEmpty else { return [:] }
        var overlap: [UInt64: Double] = [:]
        for item in history {
            for v in recentViewers.viewers(of: item.video) where v != user { overlap[v, default: 0] += 1 }
        }
        let mine = Double(history.count)
        let similar: [(user: UInt64, similarity: Double)] = overlap.compactMap { v, shared in
            let theirs = recentViewers.history(of: v).count
            guard theirs > 0 else { return nil }
            return (v, shared / (mine * Double(theirs)).squareRoot())
        }
        let neighbours = TopK.best(similar, limit: config.neighbourCount) { ($0.similarity, $0.user) > ($1.similarity, $1.user) }
        let tau = config.neighbourHalfLife / 0.693_147_180_559_945_3
        var scores: [Int32: Double] = [:]
        var total = 0.0
        for (v, similarity) in neighbours {
            total += similarity
            for item in recentViewers.history(of: v) {
                scores[item.video, default: 0] += similarity * Double(item.strength) * Math.exp(-max(now - item.time, 0) / tau)
            }
        }
        guard total > 0 else { return [:] }
        return scores.mapValues { $0 / total }
    }
}
