extension RecommenderState {
    /// Candidates from one source, at most `request.limit`, best first.
    func candidates(from source: CandidateSource, _ request: CandidateRequest) -> [Candidate] {
        switch source {
        case .following: following(request)
        case .embedding: nearestNeighbours(request)
        case .coEngagement: coEngaged(request)
        case .trending: trending(request, board: request.region.flatMap { regionBoards[$0] }, source: .trending)
        case .popularWorldwide: trending(request, board: globalBoard, source: .popularWorldwide)
        case .fresh: freshUploads(request)
        case .hashtagAffinity: hashtagAffinity(request)
        case .soundAffinity: soundAffinity(request)
        case .sequence: nextInSequence(request)
        // Not a retrieval source: seen videos come back only through `rewatch` when a page runs short.
        case .rewatch, .reshown: []
        }
    }

    /// Newest videos of followed creators, scored by recency (3-day time constant).
    /// - Complexity: O(followed creators × per-creator index)
    func following(_ r: CandidateRequest) -> [Candidate] {
        var scored: [(video: Int32, score: Double, related: Int32)] = []
        for creator in r.profile.following.sorted() {
            var taken = 0
            for v in (catalog.byCreator[creator] ?? []).reversed() where r.isEligible(Int(v)) {
                let age = max(r.now - catalog.uploadedAt[Int(v)], 0)
                scored.append((v, Math.exp(-age / (3 * 86400)), -1))
                taken += 1
                if taken >= 10 { break }
            }
        }
        return Candidate.ranked(scored, source: .following, limit: r.limit)
    }

    /// HNSW neighbours of the viewer's embedding (trained or folded in).
    /// - Complexity: O(log items × ef × d)
    func nearestNeighbours(_ r: CandidateRequest) -> [Candidate] {
        guard let vector = r.userVector, ann.count > 0 else { return [] }
        let k = r.limit * 2
        let found = ann.search(vector, k: k, ef: max(config.hnswEfSearch, k))
        let scored = found.filter { r.isEligible(Int($0.label)) }.map { ($0.label, Double($0.score), Int32(-1)) }
        return Candidate.ranked(scored, source: .embedding, limit: r.limit)
    }

    /// Videos co-engaged with the viewer's last few positives ("because you watched X"), from the
    /// request's precomputed `SequenceSignals.together`.
    /// - Complexity: O(signal entries log signal entries)
    func coEngaged(_ r: CandidateRequest) -> [Candidate] {
        let scored = r.signals.together.compactMap { video, entry in
            r.isEligible(Int(video)) ? (video: video, score: entry.score, related: entry.from) : nil
        }
        return Candidate.ranked(scored, source: .coEngagement, limit: r.limit)
    }

    /// What viewers watched next after the viewer's latest positives (`SequenceSignals.next`).
    /// - Complexity: O(signal entries log signal entries)
    func nextInSequence(_ r: CandidateRequest) -> [Candidate] {
        let scored = r.signals.next.compactMap { video, entry in
            r.isEligible(Int(video)) ? (video: video, score: entry.score, related: entry.from) : nil
        }
        return Candidate.ranked(scored, source: .sequence, limit: r.limit)
    }

    /// Top of a time-decayed trending board.
    /// - Complexity: O(board size × log board size)
    func trending(_ r: CandidateRequest, board: TrendingBoard?, source: CandidateSource) -> [Candidate] {
        guard let board else { return [] }
        var scored: [(video: Int32, score: Double, related: Int32)] = []
        for v in board.ranked(scores: catalog.trendLog) where r.isEligible(Int(v)) {
            scored.append((v, catalog.trendScore(Int(v), now: r.now, tau: trendTau), -1))
            if scored.count >= r.limit { break }
        }
        return Candidate.ranked(scored, source: source, limit: r.limit)
    }

    /// Fresh uploads still within their exploration budget, ordered by a Thompson-sampled
    /// completion rate (Beta(1 + completions, 1 + skips)), so well-completed ones get more traffic.
    /// - Complexity: O(scan window) — the newest 2 000 uploads at most.
    func freshUploads(_ r: CandidateRequest) -> [Candidate] {
        var rng = SeededGenerator(seed: r.seed)
        var scored: [(video: Int32, score: Double, related: Int32)] = []
        for v in catalog.freshQueue.suffix(2000).reversed() {
            let i = Int(v)
            let age = r.now - catalog.uploadedAt[i]
            guard age >= 0, age <= config.freshWindow, Int(catalog.impressions[i]) < config.explorationImpressions,
                  r.isEligible(i) else { continue }
            let completions = Double(catalog.completions[i])
            let skips = Double(catalog.impressions[i]) - completions
            scored.append((v, rng.beta(1 + completions, 1 + max(skips, 0)), -1))
        }
        return Candidate.ranked(scored, source: .fresh, limit: r.limit)
    }

    /// Videos under the viewer's strongest hashtags, scored by affinity × completion quality.
    /// - Complexity: O(5 × hashtag index capacity)
    func hashtagAffinity(_ r: CandidateRequest) -> [Candidate] {
        let tags = r.profile.hashtagAffinity.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5)
        let lists = tags.map { (Double($0.value), catalog.byHashtag[$0.key] ?? []) }
        return affinityCandidates(lists, r, source: .hashtagAffinity)
    }

    /// Videos using the viewer's strongest sounds.
    /// - Complexity: O(3 × sound index capacity)
    func soundAffinity(_ r: CandidateRequest) -> [Candidate] {
        let sounds = r.profile.soundAffinity.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
        let lists = sounds.map { (Double($0.value), catalog.bySound[$0.key] ?? []) }
        return affinityCandidates(lists, r, source: .soundAffinity)
    }

    private func affinityCandidates(_ lists: [(Double, [Int32])], _ r: CandidateRequest, source: CandidateSource) -> [Candidate] {
        guard let strongest = lists.first?.0 else { return [] }
        var best: [Int32: Double] = [:]
        for (affinity, videos) in lists {
            for v in videos.suffix(VideoCatalog.indexCapacity) where r.isEligible(Int(v)) {
                let i = Int(v)
                let quality = catalog.completionRate(i) + 0.05 * Math.log1p(catalog.trendScore(i, now: r.now, tau: trendTau))
                let s = affinity / strongest * quality
                if s > best[v] ?? -1 { best[v] = s }
            }
        }
        return Candidate.ranked(best.map { ($0.key, $0.value, -1) }, source: source, limit: r.limit)
    }
}
