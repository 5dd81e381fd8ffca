extension RecommenderState {
    /// Sources consulted for a profiled For You page, in a fixed order for determinism.
    static let forYouSources: [CandidateSource] = [
        .following, .embedding, .coEngagement, .sequence, .trending, .fresh, .hashtagAffinity, .soundAffinity,
        .popularWorldwide,
    ]

    /// Whether video `i` may be shown to this viewer at all. Safety first: removed never;
    /// unverified never in For You; age-restricted only to eligible viewers. Never the viewer's own
    /// uploads (their profile lists those). Then the viewer's own choices (blocks, the context's
    /// hidden creators, keyword filters, not-interested) and, when profiled, the seen set.
    /// Videos served in an earlier round of the session count as seen unless `allowsEarlierRounds`.
    func isEligible(_ i: Int, viewer: ViewerContext, profile: UserProfile, excluding served: PageCursor,
                    usesHistory: Bool, allowsEarlierRounds: Bool = false) -> Bool {
        switch catalog.safety[i] {
        case .removed, .unverified: return false
        case .ageRestricted: if !viewer.isEligibleForMatureContent { return false }
        case .ok: break
        }
        let id = catalog.ids[i]
        let creator = catalog.creators[i]
        if creator == viewer.userID { return false }
        if served.contains(id) || profile.notInterestedVideos.contains(id) { return false }
        if !allowsEarlierRounds && served.wasServedEarlier(id) { return false }
        if profile.blockedCreators.contains(creator) || profile.notInterestedCreators.contains(creator)
            || viewer.hiddenCreators.contains(creator) { return false }
        if let sound = catalog.sounds[i], profile.notInterestedSounds.contains(sound) { return false }
        if usesHistory && profile.seen.contains(id) { return false }
        return !catalog.matches(i, keywords: profile.keywordFilters)
    }

    func request(for viewer: ViewerContext, profile: UserProfile, served: PageCursor, now: Double, page: Int,
                 usesHistory: Bool) -> CandidateRequest {
        CandidateRequest(
            user: viewer.userID, profile: usesHistory ? profile : UserProfile(),
            userVector: usesHistory ? userVector(viewer.userID, profile: profile) : nil,
            signals: usesHistory ? sequenceSignals(profile) : SequenceSignals(),
            region: catalog.regionNames.id(viewer.region), now: now,
            seed: mix64(mix64(config.seed, viewer.userID), mix64(UInt64(max(now, 0)), UInt64(page))),
            limit: config.perSourceLimit,
            isEligible: { self.isEligible($0, viewer: viewer, profile: profile, excluding: served, usesHistory: usesHistory) })
    }

    /// A For You page: candidates from every source, scored by the online model, re-ranked.
    /// - Complexity: O(sources' bounds + candidates × features + limit × candidates).
    ///
    /// When a round of the session has nothing left (the page would be empty), a new round starts
    /// (``PageCursor/nextRound()``) and this page is its first: For You ends only when the viewer
    /// may see no video at all.
    func recommend(for viewer: ViewerContext, limit: Int, cursor: String?, now: Double) -> RecommendationPage {
        guard viewer.isPersonalized else { return popular(for: viewer, limit: limit, cursor: cursor, now: now) }
        let served = cursor.flatMap(PageCursor.init(encoded:)) ?? PageCursor()
        let page = recommend(for: viewer, limit: limit, served: served, now: now)
        guard page.items.isEmpty, !served.isRoundEmpty else { return page }
        return recommend(for: viewer, limit: limit, served: served.nextRound(), now: now)
    }

    private func recommend(for viewer: ViewerContext, limit: Int, served: PageCursor, now: Double) -> RecommendationPage {
        let profile = users[viewer.userID] ?? UserProfile()
        let r = request(for: viewer, profile: profile, served: served, now: now, page: served.servedCount,
                        usesHistory: true)
        var pool: [Int32: Candidate] = [:]
        for source in Self.forYouSources {
            for c in candidates(from: source, r) {
                guard let existing = pool[c.video] else { pool[c.video] = c; continue }
                // A video another source vouches for is no exploration pick: keep that source, so the
                // video is not confined to the exploration slots.
                let replaces = existing.source == .fresh && c.source != .fresh
                    || (existing.source == .fresh) == (c.source == .fresh) && c.prior > existing.prior
                if replaces { pool[c.video] = c }
            }
        }
        if pool.count < limit {
            for c in newest(r, limit: limit * 4) where pool[c.video] == nil { pool[c.video] = c }
        }
        let momentum = momentumWeight(for: profile)
        var features: [Feature] = []
        features.reserveCapacity(32)
        var scored: [Reranker.Scored] = []
        scored.reserveCapacity(pool.count)
        for c in pool.values {
            features.removeAll(keepingCapacity: true)
            appendFeatures(into: &features, user: viewer.userID, profile: profile, video: Int(c.video), source: c.source,
                           prior: c.prior, now: now, userVector: r.userVector, signals: r.signals)
            let similarity = r.signals.similar[c.video]?.score ?? 0
            scored.append(.init(candidate: c, score: blend(predictions(features), candidate: c, now: now,
                                                           momentumWeight: momentum, similarity: similarity)))
        }
        return page(scored, viewer: viewer, profile: profile, served: served, limit: limit, now: now, personal: r.userVector,
                    signals: r.signals)
    }

    /// The non-profiled feed: popular in the viewer's region, then worldwide. Uses no history,
    /// affinities or model weights — only region, age eligibility and the viewer's explicit filters.
    ///
    /// Never runs dry like ``recommend(for:limit:cursor:now:)``, without history: when a round of the
    /// cursor has nothing left, a new round starts, whose pages are topped up with the videos the
    /// cursor served in earlier rounds (``reshownPopular(viewer:profile:served:excluding:limit:now:)``).
    func popular(for viewer: ViewerContext, limit: Int, cursor: String?, now: Double) -> RecommendationPage {
        let served = cursor.flatMap(PageCursor.init(encoded:)) ?? PageCursor()
        let page = popular(for: viewer, limit: limit, served: served, now: now)
        guard page.items.isEmpty, !served.isRoundEmpty else { return page }
        return popular(for: viewer, limit: limit, served: served.nextRound(), now: now)
    }

    private func popular(for viewer: ViewerContext, limit: Int, served: PageCursor, now: Double) -> RecommendationPage {
        let profile = users[viewer.userID] ?? UserProfile()
        let r = request(for: viewer, profile: profile, served: served, now: now, page: served.servedCount,
                        usesHistory: false)
        let scored = popularPool(r, limit: limit).map { Reranker.Scored(candidate: $0, score: $0.prior) }
        return page(scored, viewer: viewer, profile: nil, served: served, limit: limit, now: now, personal: nil, signals: nil)
    }

    /// The non-profiled candidates `r` allows: the region's trending board, then the worldwide one
    /// (prior × 0.8), then, when those give fewer than `limit`, the newest uploads.
    func popularPool(_ r: CandidateRequest, limit: Int) -> [Candidate] {
        var pool: [Int32: Candidate] = [:]
        for c in trending(r, board: r.region.flatMap { regionBoards[$0] }, source: .trending) { pool[c.video] = c }
        for c in trending(r, board: globalBoard, source: .popularWorldwide) where pool[c.video] == nil {
            pool[c.video] = Candidate(video: c.video, source: c.source, prior: c.prior * 0.8)
        }
        if pool.count < limit {
            for c in newest(r, limit: limit * 4) where pool[c.video] == nil { pool[c.video] = c }
        }
        return Array(pool.values)
    }

    /// Newest eligible uploads: the fallback when a cold catalogue has no signals yet.
    private func newest(_ r: CandidateRequest, limit: Int) -> [Candidate] {
        var scored: [(video: Int32, score: Double, related: Int32)] = []
        for v in catalog.freshQueue.reversed() where r.isEligible(Int(v)) {
            scored.append((v, catalog.uploadedAt[Int(v)], -1))
            if scored.count >= limit { break }
        }
        return Candidate.ranked(scored, source: .fresh, limit: limit)
    }

    /// The weight of momentum in this viewer's blend: `trendWeight` × h / (h + the viewer's events),
    /// h = `trendWeightEvents`. The population prior matters most while the model knows little
    /// of the viewer, and gives way as their own evidence grows (a per-viewer personal/trending mix).
    func momentumWeight(for profile: UserProfile) -> Double {
        let h = config.trendWeightEvents
        return h > 0 ? config.trendWeight * h / (h + Double(profile.eventCount)) : config.trendWeight
    }

    /// Blends head probabilities, momentum (weighted by `momentumWeight`), item-kNN `similarity`
    /// (weighted by `similarityWeight`), the retrieval prior and a freshness bonus into one score.
    func blend(_ p: (completion: Double, like: Double, share: Double), candidate: Candidate, now: Double,
               momentumWeight: Double, similarity: Double = 0) -> Double {
        let age = max(now - catalog.uploadedAt[Int(candidate.video)], 0)
        let freshness = Math.exp(-age * 0.693_147_180_559_945_3 / config.freshnessHalfLife)
        let momentum = momentumWeight == 0 ? 0 : Math.log1p(catalog.trendScore(Int(candidate.video), now: now, tau: trendTau))
        return config.completionWeight * p.completion + config.likeWeight * p.like + config.shareWeight * p.share
            + config.retrievalWeight * candidate.prior + config.freshnessWeight * freshness + momentumWeight * momentum
            + config.similarityWeight * similarity
    }

    /// Re-ranks `scored` into a page; a page that comes up short is topped up with videos the viewer
    /// watched or was shown before (`rewatch`) or, with personalisation off (`profile` nil), with the
    /// cursor's earlier rounds (`reshownPopular`), so For You does not end while anything showable exists.
    private func page(_ scored: [Reranker.Scored], viewer: ViewerContext, profile: UserProfile?, served: PageCursor,
                      limit: Int, now: Double, personal: [Float]?, signals: SequenceSignals?) -> RecommendationPage {
        let reranker = Reranker(creatorSpacing: config.creatorSpacing, topicWindow: config.topicWindow,
                                topicPenalty: config.topicRepeatPenalty, explorationSlots: config.explorationSlotsPerPage,
                                personalSlots: profile == nil ? 0 : config.personalSlotsPerPage,
                                varietyFloor: config.sourceVarietyFloor, explorationFloor: config.explorationFloor)
        let history = served.recent.compactMap { catalog.indexOfID[$0] }
        var chosen = reranker.select(scored, limit: limit, history: history, catalog: catalog)
        if chosen.count < limit {
            let taken = Set(chosen.map(\.candidate.video))
            if let profile {
                chosen += rewatch(viewer: viewer, profile: profile, served: served, excluding: taken,
                                  limit: limit - chosen.count, now: now)
            } else if served.isLaterRound {
                chosen += reshownPopular(viewer: viewer, profile: users[viewer.userID] ?? UserProfile(), served: served,
                                         excluding: taken, limit: limit - chosen.count, now: now)
            }
        }
        let items = chosen.map { s in
            RecommendedItem(videoID: catalog.ids[Int(s.candidate.video)], score: s.score, source: s.candidate.source,
                            explanation: explanation(for: s.candidate, viewer: viewer, profile: profile, now: now,
                                                     userVector: personal, signals: signals))
        }
        var next: String?
        if !items.isEmpty {
            var cursor = served
            cursor.record(items.map(\.videoID))
            next = cursor.encoded
        }
        return RecommendationPage(items: items, nextCursor: next)
    }
}
