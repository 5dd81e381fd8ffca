@testable import ReelRank

/// Shared builders for ReelRank tests; every fixture is created fresh per test (no shared state).
enum Fixtures {
    static let start: Double = 1_700_000_000

    /// A recommender loaded with a synthetic world's catalogue and `sessions` background sessions.
    static func world(seed: UInt64 = 7, users: Int = 300, videos: Int = 1500, creators: Int = 150,
                      sessions: Int = 3000, retrain: Bool = true) -> (SyntheticWorld, Recommender) {
        var world = SyntheticWorld(seed: seed, users: users, videos: videos, creators: creators, start: start)
        var config = RecommenderConfig()
        config.seed = seed
        config.alsEpochsPerRetrain = 4
        config.embeddingDimension = 16
        let recommender = Recommender(config: config)
        for v in world.videos { recommender.upsert(video: v) }
        recommender.record(world.simulate(sessions: sessions, from: start, duration: 86400))
        if retrain { recommender.retrain() }
        return (world, recommender)
    }

    /// The internal engine state (16-dimensional embeddings, not yet retrained) loaded with a
    /// synthetic world's catalogue and `sessions` sessions of its first day, and the world.
    static func state(sessions: Int) -> (SyntheticWorld, RecommenderState) {
        var (world, _) = Fixtures.world(retrain: false)
        var config = RecommenderConfig()
        config.embeddingDimension = 16
        var state = RecommenderState(config: config)
        for v in world.videos { state.upsert(v) }
        for e in world.simulate(sessions: sessions, from: start, duration: 86400) { state.record(e) }
        return (world, state)
    }

    static func viewer(_ id: UInt64, teen: Bool = false, region: String = "eu") -> ViewerContext {
        ViewerContext(userID: id, region: region, isEligibleForMatureContent: !teen)
    }

    static func video(_ id: UInt64, creator: UInt64, tags: [String] = ["misc"], sound: UInt64? = nil,
                      uploadedAt: Double = start - 3600, region: String = "eu", safety: SafetyState = .ok,
                      caption: String = "") -> VideoMetadata {
        VideoMetadata(id: id, creator: creator, hashtags: tags, soundID: sound, durationMs: 20_000,
                      uploadedAt: uploadedAt, region: region, safety: safety, caption: caption)
    }

    static func watch(_ user: UInt64, _ video: UInt64, completed: Bool = true, at time: Double = start) -> InteractionEvent {
        InteractionEvent(user: user, video: video, kind: .watch, watchedMs: completed ? 20_000 : 1_000,
                         durationMs: 20_000, completed: completed, time: time)
    }
}
