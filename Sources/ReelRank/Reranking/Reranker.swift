/// Greedy re-ranking of scored candidates into a page that respects diversity rules:
/// a hard creator spacing, soft sound/hashtag repetition penalties, and reserved exploration slots.
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
    /// Slots per page reserved for `.fresh` (bandit) items, evenly spaced and ending the page;
    /// other positions never take a `.fresh` item while anything else qualifies. Guaranteeing the
    /// slots is what gives new uploads their bounded exploration traffic.
    var explorationSlots: Int
    /// Slots per page reserved for personal sources (following, embedding, co-engagement, affinity),
    /// evenly spaced, so the feed cannot collapse into the same trending list for everyone.
    var personalSlots: Int = 0
    /// Fraction of the best personal candidate's score that a pick from a not-yet-used source needs.
    var varietyFloor: Double = 0.6
    /// An exploration slot takes a fresh upload only if it scores at least this fraction of the best
    /// remaining candidate; otherwise the slot is an open one. So exploration runs at the rate the
    /// viewer's plausible fresh uploads allow (none plausible: no exploration on this page).
    var explorationFloor: Double = 0


    /// What a position of the page is reserved for; a personal slot prefers sources not yet on the page.
    private enum Slot: Equatable {
        case exploration
        case personal(avoiding: Set<CandidateSource>)
        case open
    }

    private static func isPersonal(_ source: CandidateSource) -> Bool {
        switch source {
        case .following, .embedding, .coEngagement, .hashtagAffinity, .soundAffinity, .sequence: true
        case .trending, .fresh, .popularWorldwide, .rewatch, .reshown: false
        }
    }

    /// Picks up to `limit` items. `history` is the videos already served just before this page
    /// (oldest first), so the spacing rules hold across page boundaries. When the diversity rules
    /// would end the page early (say, only one creator's videos are left), they are relaxed for the
    /// rest of it rather than cut the page short: creator spacing and topic penalties are dropped,
    /// so the pool's candidates fill the page before a caller tops it up with seen videos.
    /// - Complexity: O(limit × candidates × window)
    func select(_ pool: [Scored], limit: Int, history: [Int32], catalog: VideoCatalog) -> [Scored] {
        var remaining = pool.sorted { ($0.score, $1.candidate.video) > ($1.score, $0.candidate.video) }
        var chosen: [Scored] = []
        var trail = Array(history.suffix(max(creatorSpacing - 1, topicWindow)))
        var relaxed = false
        while chosen.count < limit && !remaining.isEmpty {
            let slot = slot(at: chosen.count, limit: limit, used: Set(chosen.map(\.candidate.source)))
            var fallback = Slot.open
            if case .personal(let avoided) = slot, !avoided.isEmpty { fallback = .personal(avoiding: []) }
            // Diversity is relaxed only where it would end the page early (and then for the rest of it).
            let rules = relaxed ? [] : trail
            if let pick = best(in: remaining, for: slot, recent: rules, catalog: catalog, plausibleOnly: true)
                ?? best(in: remaining, for: fallback, recent: rules, catalog: catalog)
                ?? best(in: remaining, for: .open, recent: rules, catalog: catalog)
                // Only exploration items left: they may fill any slot rather than end the page early.
                ?? best(in: remaining, for: .exploration, recent: rules, catalog: catalog)
                ?? relax(&relaxed, best(in: remaining, for: .open, recent: [], catalog: catalog)
                         ?? best(in: remaining, for: .exploration, recent: [], catalog: catalog)) {
                var picked = remaining.remove(at: pick.index)
                picked.score = pick.score
                chosen.append(picked)
                trail.append(picked.candidate.video)
            } else {
                break
            }
        }
        return chosen
    }

    /// `pick` (found without diversity rules), recording that the page is now relaxed; nil if none.
    private func relax(_ relaxed: inout Bool, _ pick: @autoclosure () -> (index: Int, score: Double)?)
        -> (index: Int, score: Double)? {
        guard let found = pick() else { return nil }
        relaxed = true
        return found
    }

    /// Exactly `explorationSlots` positions end evenly sized stretches of the page, and
    /// `personalSlots` positions sit mid-stretch (an exploration position wins a clash).
    private func slot(at position: Int, limit: Int, used: Set<CandidateSource>) -> Slot {
        if Self.isEvenlySpaced(position, count: explorationSlots, limit: limit, phase: 0) { return .exploration }
        let phase = personalSlots > 0 ? limit / (2 * personalSlots) : 0
        if Self.isEvenlySpaced(position, count: personalSlots, limit: limit, phase: phase) {
            return .personal(avoiding: used)
        }
        return .open
    }

    /// Whether `count` marks spread evenly over `limit` positions (Bresenham) put one at `position`.
    private static func isEvenlySpaced(_ position: Int, count: Int, limit: Int, phase: Int) -> Bool {
        guard count > 0, limit > 0 else { return false }
        return (position + 1 + phase) * count / limit > (position + phase) * count / limit
    }

    /// The best remaining candidate for a slot, with its diversity-adjusted score. Open slots skip
    /// exploration items so those only appear in their reserved slots.
    private func best(in remaining: [Scored], for slot: Slot, recent trail: [Int32],
                      catalog: VideoCatalog, plausibleOnly: Bool = false) -> (index: Int, score: Double)? {
        let plausible = plausibleOnly ? explorationFloor * (remaining.first?.score ?? 0) : -Double.infinity
        // Source variety may not cost much: an unused source's pick must score close to the best personal one.
        var bestPersonal = 0.0
        if case .personal(let avoided) = slot, !avoided.isEmpty {
            bestPersonal = remaining.first { Self.isPersonal($0.candidate.source) }?.score ?? 0
        }
        let recentCreators = trail.suffix(creatorSpacing - 1).map { catalog.creators[Int($0)] }
        let recentTopics = trail.suffix(topicWindow)
        var bestIndex = -1
        var bestScore = -Double.infinity
        for (n, item) in remaining.enumerated() {
            if (slot == .open || slot == .exploration) && item.score <= bestScore { break }
            let i = Int(item.candidate.video)
            switch slot {
            case .exploration: if item.candidate.source != .fresh || item.score < plausible { continue }
            case .personal(let avoided):
                if !Self.isPersonal(item.candidate.source) || avoided.contains(item.candidate.source) { continue }
                if !avoided.isEmpty && item.score < varietyFloor * bestPersonal { continue }
            case .open: if item.candidate.source == .fresh && explorationSlots > 0 { continue }
            }
            if recentCreators.contains(catalog.creators[i]) { continue }
            var repeats = 0
            for t in recentTopics {
                if let sound = catalog.sounds[i], catalog.sounds[Int(t)] == sound { repeats += 1 }
                if let tag = catalog.hashtags[i].first, catalog.hashtags[Int(t)].first == tag { repeats += 1 }
            }
            // The ranker is calibrated across sources, so every slot follows its score.
            let adjusted = item.score * pow(topicPenalty, repeats)
            if adjusted > bestScore {
                bestScore = adjusted
                bestIndex = n
            }
        }
        return bestIndex >= 0 ? (bestIndex, bestScore) : nil
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< exponent { result *= base }
        return result
    }
}
