/// Greedy re-ranking of scored candidates into a page that respects diversity rules:
/// a hard creator spacing, soft sound/hashtag repetition penalties, and a cap on exploration slots.
struct Reranker: Sendable {
    /// A candidate with its blended score.
    struct Scored: Sendable {
        var candidate: Candidate
        var score: Double
    }

    /// Two items of the same creator are at least this many positions apart (5 ⇒ none twice in any 5 consecutive).
    var creatorSpacing: Int
    /// Window for sound and primary-hashtag repetition.
    var topicWindow: Int
    /// Score multiplier per repeat inside the window.
    var topicPenalty: Double
    /// At most this many `.fresh` items per page.
    var explorationSlots: Int

    /// Picks up to `limit` items. `history` is the videos already served just before this page
    /// (oldest first), so the spacing rules hold across page boundaries.
    /// - Complexity: O(limit × candidates × window)
    func select(_ pool: [Scored], limit: Int, history: [Int32], catalog: VideoCatalog) -> [Scored] {
        var remaining = pool.sorted { ($0.score, $1.candidate.video) > ($1.score, $0.candidate.video) }
        var chosen: [Scored] = []
        var trail = Array(history.suffix(max(creatorSpacing - 1, topicWindow)))
        var freshUsed = 0
        while chosen.count < limit && !remaining.isEmpty {
            let recentCreators = trail.suffix(creatorSpacing - 1).map { catalog.creators[Int($0)] }
            let recentTopics = trail.suffix(topicWindow)
            var bestIndex = -1
            var bestScore = -Double.infinity
            for (n, item) in remaining.enumerated() {
                if item.score <= bestScore { break }
                let i = Int(item.candidate.video)
                if recentCreators.contains(catalog.creators[i]) { continue }
                if item.candidate.source == .fresh && freshUsed >= explorationSlots { continue }
                var repeats = 0
                for t in recentTopics {
                    if let sound = catalog.sounds[i], catalog.sounds[Int(t)] == sound { repeats += 1 }
                    if let tag = catalog.hashtags[i].first, catalog.hashtags[Int(t)].first == tag { repeats += 1 }
                }
                let adjusted = item.score * pow(topicPenalty, repeats)
                if adjusted > bestScore {
                    bestScore = adjusted
                    bestIndex = n
                }
            }
            guard bestIndex >= 0 else { break }
            var picked = remaining.remove(at: bestIndex)
            picked.score = bestScore
            if picked.candidate.source == .fresh { freshUsed += 1 }
            chosen.append(picked)
            trail.append(picked.candidate.video)
        }
        return chosen
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< exponent { result *= base }
        return result
    }
}
