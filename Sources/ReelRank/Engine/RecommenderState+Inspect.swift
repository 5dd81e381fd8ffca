extension RecommenderState {
    /// Sizes, feature families and top weights, for transparency pages and debugging.
    func inspect() -> String {
        var lines = ["ReelRank snapshot format v\(Self.formatVersion)"]
        lines.append("videos: \(catalog.count) (removed \(catalog.safety.filter { $0 == .removed }.count)), users: \(users.count), events: \(eventCount)")
        lines.append("hashtags: \(catalog.hashtagNames.names.count), regions: \(catalog.regionNames.names.joined(separator: ", "))")
        lines.append("embeddings: d=\(config.embeddingDimension), users \(als.userFactors.rows), items \(als.itemFactors.rows), retrains \(retrainCount), training rows \(trainUsers.count)")
        lines.append("ANN index (HNSW, M=\(config.hnswM)): \(ann.count) vectors, \(ann.tombstoneCount) tombstones")
        if let work = lastIndexMaintenance {
            lines.append("last index update: \(work.inserted) inserted, \(work.moved) moved in place, \(work.relinked) re-linked, "
                         + "\(work.removed) removed; sampled recall@10 \(work.recall.map { "\($0)" } ?? "n/a") at ef \(config.embeddingSearchWidth)"
                         + (work.rebuilt ? " (index rebuilt)" : ""))
        }
        lines.append("co-engagement lists: \(coEngagement.edges.count); trending boards: \(regionBoards.count) regions + worldwide (\(globalBoard.members.count))")
        lines.append("online ranker (FTRL-Proximal): \(ranker.featureCount) features; families: "
            + FeatureKind.allCases.map { "\($0)" }.joined(separator: ", "))
        lines.append("blend: completion \(config.completionWeight), like \(config.likeWeight), share \(config.shareWeight), retrieval \(config.retrievalWeight), freshness \(config.freshnessWeight)")
        let names = buildKeyNames()
        for head in Head.allCases {
            lines.append("top weights — \(head):")
            for (key, weight) in ranker.topWeights(head: head.rawValue, limit: 8) {
                lines.append("  \(names[key] ?? "feature \(String(key, radix: 16))"): \((weight * 1000).rounded() / 1000)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Names for the non-personal feature keys (personal cross features are salted per user and stay anonymous).
    private func buildKeyNames() -> [UInt64: String] {
        var names: [UInt64: String] = [:]
        func add(_ kind: FeatureKind, _ argument: UInt64) {
            let f = Feature(kind, argument)
            names[f.key] = describe(f)
        }
        add(.bias, 0)
        add(.followsCreator, 0)
        add(.trendLevel, 0)
        add(.tasteMatch, 0)
        add(.sequenceScore, 0)
        add(.coEngagementScore, 0)
        add(.itemSimilarity, 0)
        for tag in catalog.hashtagNames.names.indices { add(.hashtag, UInt64(tag)) }
        for source in CandidateSource.allCases {
            add(.source, UInt64(source.rawValue))
            add(.sourcePrior, UInt64(source.rawValue))
        }
        for b in 0 ..< 25 {
            for kind in [FeatureKind.durationBucket, .completionRateBucket] { add(kind, UInt64(b)) }
        }
        add(.completionRateBucket, 99)
        for b in -8 ... 8 {
            for kind in [FeatureKind.hashtagAffinityBucket, .creatorAffinityBucket, .embeddingBucket] {
                add(kind, UInt64(bitPattern: Int64(b)))
            }
        }
        return names
    }
}
