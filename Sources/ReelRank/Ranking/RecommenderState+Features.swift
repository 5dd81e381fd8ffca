extension RecommenderState {
    /// Appends the ranking features of showing video `i` to `user` at `now` (Unix seconds), as
    /// retrieved by `source` with rank-normalised score `prior` (nil when no source retrieved it).
    /// Uses only state as it is before the event, so training and serving see the same features.
    /// `signals` are the viewer's sequence signals (`sequenceSignals(_:)`), computed once per request.
    /// - Complexity: O(hashtags of the video), no allocation beyond `features`' growth.
    func appendFeatures(
        into features: inout [Feature], user: UInt64, profile: UserProfile?, video i: Int, source: CandidateSource?,
        prior: Double = 0, now: Double, userVector: [Float]?, signals: SequenceSignals? = nil
    ) {
        let creator = catalog.creators[i]
        features.append(Feature(.bias, 0))
        features.append(Feature(.video, catalog.ids[i]))
        features.append(Feature(.creator, creator))
        // No view-count or age buckets: in a replayed log they only said "first row" (0 views,
        // about an hour old), and momentum, the video's track record and the freshness bonus of
        // the blend carry what they measured honestly.
        let durationSeconds = Double(catalog.durationsMs[i]) / 1000
        features.append(Feature(.durationBucket, Self.log2Bucket(durationSeconds, cap: 12)))
        let views = catalog.impressions[i]
        let rateBucket: UInt64 = views < 5 ? 99 : UInt64(min(catalog.completionRate(i) * 10, 9))
        features.append(Feature(.completionRateBucket, rateBucket))
        let trend = catalog.trendScore(i, now: now, tau: trendTau)
        features.append(Feature(.trendLevel, 0, value: Math.log1p(trend)))
        if let source {
            features.append(Feature(.source, UInt64(source.rawValue)))
            features.append(Feature(.sourcePrior, UInt64(source.rawValue), value: prior))
        }
        for tag in catalog.hashtags[i].prefix(5) { features.append(Feature(.hashtag, UInt64(tag))) }
        guard let profile else { return }
        let salt = mix64(user, profile.generation)
        var bestTag: Float = 0
        for tag in catalog.hashtags[i].prefix(5) {
            features.append(Feature(.userHashtag, UInt64(tag), salt: salt))
            let affinity = profile.hashtagAffinity[tag] ?? 0
            if abs(affinity) > abs(bestTag) { bestTag = affinity }
        }
        features.append(Feature(.hashtagAffinityBucket, Self.signedBucket(Double(bestTag))))
        features.append(Feature(.userCreator, creator, salt: salt))
        features.append(Feature(.creatorAffinityBucket, Self.signedBucket(Double(profile.creatorAffinity[creator] ?? 0))))
        if let sound = catalog.sounds[i] { features.append(Feature(.userSound, sound, salt: salt)) }
        if profile.following.contains(creator) { features.append(Feature(.followsCreator, 0)) }
        if let signals {
            if let next = signals.next[Int32(i)] { features.append(Feature(.sequenceScore, 0, value: next.score)) }
            if let together = signals.together[Int32(i)] {
                features.append(Feature(.coEngagementScore, 0, value: together.score))
            }
            if let similar = signals.similar[Int32(i)] { features.append(Feature(.itemSimilarity, 0, value: similar.score)) }
        }
        if let userVector, i < als.itemFactors.rows {
            let match = userVector.withUnsafeBufferPointer { als.itemFactors.dot(row: i, $0) }
            features.append(Feature(.embeddingBucket, Self.signedBucket(Double(match) * 4)))
            features.append(Feature(.tasteMatch, 0, value: Double(match)))
        }
    }

    /// ⌊log₂(x + 1)⌋ capped, as a feature argument.
    static func log2Bucket(_ x: Double, cap: Int) -> UInt64 {
        var bucket = 0
        var v = max(x, 0) + 1
        while v >= 2 && bucket < cap {
            v /= 2
            bucket += 1
        }
        return UInt64(bucket)
    }

    /// A signed value rounded to half units and clamped to ±8, as a feature argument.
    static func signedBucket(_ x: Double) -> UInt64 {
        let b = Int64(max(min((x * 2).rounded(), 8), -8))
        return UInt64(bitPattern: b)
    }

    /// A reader-facing name for a feature.
    func describe(_ f: Feature) -> String {
        let signed = Int64(bitPattern: f.argument)
        switch f.kind {
        case .bias: return "baseline"
        case .userHashtag: return "you × #\(catalog.hashtagNames.name(UInt32(f.argument)))"
        case .userCreator: return "you × creator \(f.argument)"
        case .userSound: return "you × sound \(f.argument)"
        case .hashtag: return "#\(catalog.hashtagNames.name(UInt32(f.argument)))"
        case .creator: return "creator \(f.argument)"
        case .ageBucket: return "age ≈ \(1 << f.argument) h"
        case .completionRateBucket: return f.argument == 99 ? "completion rate unknown" : "completion rate ≈ \(f.argument * 10) %"
        case .source: return "source: \(CandidateSource(rawValue: UInt8(f.argument))?.description ?? "?")"
        case .durationBucket: return "length ≈ \(1 << f.argument) s"
        case .hashtagAffinityBucket: return "your hashtag affinity \(Double(signed) / 2)"
        case .creatorAffinityBucket: return "your creator affinity \(Double(signed) / 2)"
        case .trendingBucket: return "trending level \(f.argument)"
        case .embeddingBucket: return "taste match \(Double(signed) / 8)"
        case .followsCreator: return "you follow the creator"
        case .video: return "this video's track record"
        case .popularityBucket: return "views ≈ \(1 << f.argument)"
        case .trendLevel: return "momentum (decayed engagement)"
        case .tasteMatch: return "taste match (embedding)"
        case .sequenceScore: return "often watched next after your latest videos"
        case .coEngagementScore: return "watched together with your latest videos"
        case .itemSimilarity: return "watched by the same viewers as your latest videos"
        case .sourcePrior: return "rank within \(CandidateSource(rawValue: UInt8(f.argument))?.description ?? "?")"
        }
    }

    /// Blended score contributions (log-odds, weighted like the heads) of each feature, strongest first.
    func contributions(_ features: [Feature], limit: Int) -> [Explanation.Contribution] {
        features.compactMap { f -> Explanation.Contribution? in
            let w = config.completionWeight * ranker.weight(f.key, head: Head.completion.rawValue)
                + config.likeWeight * ranker.weight(f.key, head: Head.like.rawValue)
                + config.shareWeight * ranker.weight(f.key, head: Head.share.rawValue)
            return w == 0 ? nil : Explanation.Contribution(feature: describe(f), weight: w * f.value)
        }
        .sorted { abs($0.weight) > abs($1.weight) }
        .prefix(limit).map { $0 }
    }

    /// Predicted (completion, like, share) probabilities.
    /// - Complexity: O(features), one dictionary lookup per feature.
    func predictions(_ features: [Feature]) -> (completion: Double, like: Double, share: Double) {
        var margins = (0.0, 0.0, 0.0)
        for f in features {
            guard let slot = ranker.slotOfKey[f.key].map(Int.init) else { continue }
            margins.0 += ranker.weight(slot: slot, head: Head.completion.rawValue) * f.value
            margins.1 += ranker.weight(slot: slot, head: Head.like.rawValue) * f.value
            margins.2 += ranker.weight(slot: slot, head: Head.share.rawValue) * f.value
        }
        return (FTRLProximal.sigmoid(margins.0), FTRLProximal.sigmoid(margins.1), FTRLProximal.sigmoid(margins.2))
    }
}
