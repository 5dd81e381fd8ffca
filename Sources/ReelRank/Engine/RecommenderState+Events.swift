extension RecommenderState {
    /// Folds one event into every online structure: the ranker, counters, trending boards,
    /// affinities, co-engagement, transitions, the seen set and the embedding training log. A watch
    /// trains the completion head towards the share watched (1 when completed), so a quick skip
    /// is a negative and a full watch a positive. With `trainsRanker` false the ranker is left
    /// alone (the offline replay trains it on impressions instead, see `learnImpression`).
    /// - Complexity: O(features + hashtags + co-engagement window × capacity), independent of catalogue size.
    mutating func record(_ event: InteractionEvent, trainsRanker: Bool = true) {
        eventCount += 1
        guard let index = catalog.indexOfID[event.video] else {
            if event.kind == .notInterested { users[event.user, default: UserProfile()].notInterestedVideos.insert(event.video) }
            return
        }
        let i = Int(index)
        var profile = users.removeValue(forKey: event.user) ?? UserProfile()
        defer { users[event.user] = profile }
        profile.eventCount += 1
        let engagement = event.engagement
        // Without features (trainsRanker false) every `ranker.update` below is a no-op.
        var features: [Feature] = []
        if trainsRanker {
            // The same features a request would score, taste match and sequence included: without
            // them here their weights would stay zero and ranking would ignore them.
            let signals = SequenceSignals(recent: profile.recent, transitions: transitions, coEngagement: coEngagement,
                                          coOccurrence: coOccurrence, only: index)
            appendFeatures(into: &features, user: event.user, profile: profile, video: i, source: event.source,
                           now: event.time, userVector: userVector(event.user, profile: profile), signals: signals)
        }
        switch event.kind {
        case .watch:
            let ratio = event.durationMs > 0 ? Double(event.watchedMs) / Double(event.durationMs) : 0
            ranker.update(features, head: Head.completion.rawValue, target: event.completed ? 1 : min(ratio, 1))
            ranker.update(features, head: Head.like.rawValue, label: false)
            ranker.update(features, head: Head.share.rawValue, label: false)
            catalog.impressions[i] &+= 1
            if event.completed { catalog.completions[i] &+= 1 }
            profile.seen.insert(event.video)
            learnAffinity(&profile, video: i, signal: engagement - 0.4)
        case .like:
            ranker.update(features, head: Head.like.rawValue, label: true)
            catalog.likes[i] &+= 1
            learnAffinity(&profile, video: i, signal: 1)
        case .unlike:
            ranker.update(features, head: Head.like.rawValue, label: false)
            if catalog.likes[i] > 0 { catalog.likes[i] -= 1 }
            learnAffinity(&profile, video: i, signal: -1)
        case .share:
            ranker.update(features, head: Head.share.rawValue, label: true)
            catalog.shares[i] &+= 1
            learnAffinity(&profile, video: i, signal: 2)
        case .comment:
            learnAffinity(&profile, video: i, signal: 1)
        case .follow:
            profile.following.insert(catalog.creators[i])
            UserProfile.bump(&profile.creatorAffinity, catalog.creators[i], by: 2)
        case .unfollow:
            profile.following.remove(catalog.creators[i])
        case .notInterested:
            ranker.update(features, head: Head.completion.rawValue, label: false)
            profile.notInterestedVideos.insert(event.video)
            learnAffinity(&profile, video: i, signal: -2)
        case .notInterestedInCreator:
            profile.notInterestedCreators.insert(catalog.creators[i])
        case .notInterestedInSound:
            if let sound = catalog.sounds[i] { profile.notInterestedSounds.insert(sound) }
        }
        if engagement > 0 && event.kind != .follow && isFirstOfDay(event, video: index) {
            bumpTrend(index, weight: Double(engagement) + 0.1, time: event.time)
        }
        if engagement >= 0.5 { learnPositive(&profile, user: event.user, video: index, strength: engagement, time: event.time) }
    }

    /// Whether a watch or share is the user's first of its kind on the video in its UTC day (other
    /// kinds always are); forgets days before yesterday when a new day begins.
    /// - Complexity: O(1) amortised; O(entries) once a day.
    private mutating func isFirstOfDay(_ event: InteractionEvent, video: Int32) -> Bool {
        guard event.kind == .watch || event.kind == .share else { return true }
        let day = Int32(clamping: Int((event.time / 86_400).rounded(.down)))
        if day > trendCountedDay {
            trendCounted = trendCounted.filter { $0.day >= day - 1 }
            trendCountedDay = day
        }
        return trendCounted.insert(TrendCount(user: event.user, video: video, isShare: event.kind == .share, day: day)).inserted
    }

    private mutating func bumpTrend(_ index: Int32, weight: Double, time: Double) {
        let i = Int(index)
        guard catalog.safety[i] != .removed else { return }
        catalog.addTrend(i, weight: weight, time: time, tau: trendTau)
        let region = catalog.regions[i]
        regionBoards[region, default: TrendingBoard(capacity: config.trendingBoardSize)].offer(index, scores: catalog.trendLog)
        globalBoard.offer(index, scores: catalog.trendLog)
    }

    private func learnAffinity(_ profile: inout UserProfile, video i: Int, signal: Float) {
        for tag in catalog.hashtags[i] { UserProfile.bump(&profile.hashtagAffinity, tag, by: signal) }
        UserProfile.bump(&profile.creatorAffinity, catalog.creators[i], by: signal)
        if let sound = catalog.sounds[i] { UserProfile.bump(&profile.soundAffinity, sound, by: signal) }
    }

    /// Co-engagement window: pairs with this many previous positives within `coEngagementHorizon`.
    private static let coEngagementWindow = 5
    private static let coEngagementHorizon: Double = 24 * 3600
    /// Transitions: each positive is linked from this many previous ones (weight 1 / gap).
    private static let transitionWindow = 3

    private mutating func learnPositive(_ profile: inout UserProfile, user: UInt64, video: Int32, strength: Float, time: Double) {
        for previous in profile.recent.suffix(Self.coEngagementWindow)
        where previous.video != video && time - previous.time <= Self.coEngagementHorizon {
            coEngagement.add(previous.video, video, weight: min(previous.strength, strength))
        }
        // Directed transitions from the last few positives, nearer ones weighing more.
        for (gap, previous) in profile.recent.suffix(Self.transitionWindow).reversed().enumerated()
        where previous.video != video && time - previous.time <= Self.coEngagementHorizon {
            transitions.addDirected(from: previous.video, to: video, weight: 1 / Float(gap + 1))
        }
        // Co-occurrence with every remembered positive, at any distance (item-kNN's user-item
        // matrix, bounded by the profile's memory): each pair once per new positive.
        for previous in profile.recent where previous.video != video {
            coOccurrence.add(previous.video, video, weight: 1)
        }
        profile.remember(.init(video: video, strength: strength, time: time))
        profile.eventsSinceRetrain += 1
        let row = ensureUserRow(user)
        trainUsers.append(row)
        trainItems.append(video)
        trainStrengths.append(strength)
    }
}
