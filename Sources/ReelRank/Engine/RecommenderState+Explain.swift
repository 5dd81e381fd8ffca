extension RecommenderState {
    /// Why candidate `c` is shown: a structured reason (kind and the video, creator or hashtag it
    /// refers to) from its source, and the strongest feature contributions as model detail (none
    /// personal when `profile` is nil, i.e. personalisation is off).
    func explanation(for c: Candidate, viewer: ViewerContext, profile: UserProfile?, now: Double,
                     userVector: [Float]?, signals: SequenceSignals?) -> Explanation {
        var features: [Feature] = []
        appendFeatures(into: &features, user: viewer.userID, profile: profile, video: Int(c.video),
                       source: profile == nil ? nil : c.source, prior: c.prior, now: now, userVector: userVector,
                       signals: signals)
        var top: [Explanation.Contribution]
        if profile == nil {
            let trend = catalog.trendScore(Int(c.video), now: now, tau: trendTau)
            top = [.init(feature: "recent engagement (decayed)", weight: trend)]
        } else {
            top = contributions(features, limit: 3)
        }
        if config.retrievalWeight != 0 { top.append(.init(feature: "retrieval rank", weight: config.retrievalWeight * c.prior)) }
        var why = reason(for: c, profile: profile)
        why.topFeatures = top
        return why
    }

    /// The reason's kind and referents for candidate `c`, without model detail.
    private func reason(for c: Candidate, profile: UserProfile?) -> Explanation {
        let i = Int(c.video)
        let ownCreator = catalog.creators[i]
        guard let profile else {
            return Explanation(kind: c.source == .reshown ? .seenBeforePersonalisationOff : .personalisationOff, source: c.source,
                               topFeatures: [])
        }
        let related = c.related >= 0 ? Int(c.related) : nil
        switch c.source {
        case .coEngagement, .sequence:
            guard let related else { return Explanation(kind: .similarToYourTaste, source: c.source, topFeatures: []) }
            // The related video is a recent positive: a watch, or a like, share or comment without one.
            let kind: Explanation.Kind = c.source == .sequence ? .watchedNext
                : profile.seen.contains(catalog.ids[related]) ? .becauseYouWatched : .becauseOfYourActivity
            return Explanation(kind: kind, source: c.source,
                               relatedVideo: catalog.ids[related], creator: catalog.creators[related], topFeatures: [])
        case .embedding:
            let like = mostSimilarRecent(to: i, profile: profile)
            return Explanation(kind: .similarToYourTaste, source: c.source, relatedVideo: like.map { catalog.ids[$0] },
                               creator: like.map { catalog.creators[$0] }, topFeatures: [])
        case .following:
            return Explanation(kind: .followingNewUpload, source: c.source, creator: ownCreator, topFeatures: [])
        case .fresh:
            return Explanation(kind: .newUpload, source: c.source, creator: ownCreator, topFeatures: [])
        case .trending:
            return Explanation(kind: .popularInRegion, source: c.source, topFeatures: [])
        case .popularWorldwide:
            return Explanation(kind: .popularWorldwide, source: c.source, topFeatures: [])
        case .hashtagAffinity:
            let tag = catalog.hashtags[i].max { (profile.hashtagAffinity[$0] ?? 0, $1) < (profile.hashtagAffinity[$1] ?? 0, $0) }
            return Explanation(kind: .matchesHashtag, source: c.source, hashtag: tag.map { catalog.hashtagNames.name($0) },
                               topFeatures: [])
        case .soundAffinity:
            return Explanation(kind: .usesSound, source: c.source, topFeatures: [])
        case .rewatch:
            return Explanation(kind: .watchedBefore, source: c.source, topFeatures: [])
        case .reshown:
            return Explanation(kind: .seenBefore, source: c.source, topFeatures: [])
        }
    }

    /// The viewer's recent positive (of the last 10) that they watched and whose embedding is closest
    /// to video `i`, if any (the sentence says "that you watched").
    private func mostSimilarRecent(to i: Int, profile: UserProfile) -> Int? {
        guard i < als.itemFactors.rows else { return nil }
        var best: (index: Int, score: Float)?
        let target = als.itemFactors.row(i)
        for item in profile.recent.suffix(10) where Int(item.video) < als.itemFactors.rows && Int(item.video) != i
            && profile.seen.contains(catalog.ids[Int(item.video)]) {
            let score = target.withUnsafeBufferPointer { als.itemFactors.dot(row: Int(item.video), $0) }
            if score > (best?.score ?? 0) { best = (Int(item.video), score) }
        }
        return best?.index
    }
}
