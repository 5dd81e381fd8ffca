extension RecommenderConfig {
    func write(to w: inout ByteWriter) {
        w.u64(seed)
        for v in [embeddingDimension, alsEpochsPerRetrain, foldInMinimumEvents, hnswM, hnswEfConstruction, hnswEfSearch,
                  perSourceLimit, explorationImpressions, explorationSlotsPerPage, personalSlotsPerPage, creatorSpacing, topicWindow,
                  trendingBoardSize] { w.int(v) }
        for v in [alsRegularization, alsAlpha] { w.f32(v) }
        for v in [completionWeight, likeWeight, shareWeight, retrievalWeight, freshnessWeight, freshnessHalfLife,
                  trendingHalfLife, ftrlAlpha, ftrlBeta, ftrlL1, ftrlL2, freshWindow, topicRepeatPenalty, sourceVarietyFloor,
                  explorationFloor, trendWeight, trendWeightEvents, similarityWeight] { w.f64(v) }
    }

    static func read(from r: inout ByteReader) throws(SnapshotError) -> RecommenderConfig {
        var c = RecommenderConfig()
        c.seed = try r.u64()
        c.embeddingDimension = try r.int()
        c.alsEpochsPerRetrain = try r.int()
        c.foldInMinimumEvents = try r.int()
        c.hnswM = try r.int()
        c.hnswEfConstruction = try r.int()
        c.hnswEfSearch = try r.int()
        c.perSourceLimit = try r.int()
        c.explorationImpressions = try r.int()
        c.explorationSlotsPerPage = try r.int()
        c.personalSlotsPerPage = try r.int()
        c.creatorSpacing = try r.int()
        c.topicWindow = try r.int()
        c.trendingBoardSize = try r.int()
        c.alsRegularization = try r.f32()
        c.alsAlpha = try r.f32()
        c.completionWeight = try r.f64()
        c.likeWeight = try r.f64()
        c.shareWeight = try r.f64()
        c.retrievalWeight = try r.f64()
        c.freshnessWeight = try r.f64()
        c.freshnessHalfLife = try r.f64()
        c.trendingHalfLife = try r.f64()
        c.ftrlAlpha = try r.f64()
        c.ftrlBeta = try r.f64()
        c.ftrlL1 = try r.f64()
        c.ftrlL2 = try r.f64()
        c.freshWindow = try r.f64()
        c.topicRepeatPenalty = try r.f64()
        c.sourceVarietyFloor = try r.f64()
        c.explorationFloor = try r.f64()
        c.trendWeight = try r.f64()
        c.trendWeightEvents = try r.f64()
        c.similarityWeight = try r.f64()
        guard c.embeddingDimension > 0, c.embeddingDimension <= 4096, c.hnswM > 1, c.hnswM < 128 else {
            throw .malformed("configuration out of range")
        }
        return c
    }
}
