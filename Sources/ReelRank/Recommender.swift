import Synchronization

/// The real-time recommender behind For You: one instance per region, shared by every request.
///
/// Writers (events, catalogue changes, settings, installing a retrain) change the state behind
/// one `Mutex`. Readers (`recommend`, `popular`, `candidates`, `explain`) hold it only to pick up
/// the immutable serving snapshot and their own viewer's profile (O(fields)), then rank without
/// any lock, so requests run in parallel with each other, with events and with retrains (see
/// `ServingSnapshot`). The facade is `Sendable` and can be called from any task. Nothing here performs I/O or reads the clock: callers pass `now` (Unix seconds), and
/// every random choice is derived from `RecommenderConfig.seed`, so results are reproducible.
public final class Recommender: Sendable {
    private let state: Mutex<RecommenderState>

    /// Creates an empty recommender.
    public init(config: RecommenderConfig = RecommenderConfig()) {
        state = Mutex(RecommenderState(config: config))
    }

    /// Restores a recommender from `snapshot()` bytes.
    /// - Throws: `SnapshotError` if the bytes are not a snapshot, of an unknown version, corrupted or truncated.
    /// - Complexity: O(snapshot size)
    public init(snapshot: [UInt8]) throws(SnapshotError) {
        state = Mutex(try RecommenderState(snapshot: snapshot))
    }

    /// The configuration in force.
    public var config: RecommenderConfig { state.withLock { $0.config } }

    /// Adds a video or updates its metadata (safety changes take effect on the next request).
    /// - Complexity: O(hashtags) amortised.
    public func upsert(video: VideoMetadata) { state.withLock { $0.upsert(video) } }

    /// Takes a video out of every feed for good (its learned statistics are kept for snapshots).
    /// - Complexity: O(trending board size)
    public func remove(videoID: UInt64) { state.withLock { $0.remove(videoID: videoID) } }

    /// Folds one event into the online model, counters, trending, affinities and training log.
    /// Events about unknown videos are ignored except "not interested".
    /// - Complexity: O(features), independent of catalogue size.
    public func record(_ event: InteractionEvent) { state.withLock { $0.record(event) } }

    /// Folds a batch of events under one lock acquisition.
    /// - Complexity: O(events × features)
    public func record<Events: Sequence<InteractionEvent>>(_ events: Events) {
        state.withLock { s in for e in events { s.record(e) } }
    }

    /// Offline replay of one logged choice: with `learns`, first trains the ranker on it against
    /// `skipped` candidates of the pool the sources offered then (`RecommenderState.learnImpression`);
    /// then folds the event into everything else without training the ranker on it again.
    /// - Complexity: O(sources' bounds + (skipped + 1) × features) with `learns`, else as `record(_:)`.
    func replay(_ event: InteractionEvent, region: String, learns: Bool, skipped: Int, poolPerSource: Int,
                rng: inout SeededGenerator) {
        state.withLock { s in
            if learns { s.learnImpression(of: event, region: region, skipped: skipped, poolPerSource: poolPerSource, rng: &rng) }
            s.record(event, trainsRanker: false)
        }
    }

    /// Records that `user` follows (or stopped following) `creator`.
    public func setFollowing(user: UInt64, creator: UInt64, isFollowing: Bool) {
        state.withLock { $0.setFollowing(user: user, creator: creator, isFollowing: isFollowing) }
    }

    /// `user` blocked `creator`: never recommend their videos to `user` (also unfollows).
    public func block(user: UInt64, creator: UInt64) { state.withLock { $0.block(user: user, creator: creator) } }

    /// Replaces `user`'s keyword filters; a video whose caption or hashtags contain one (case-insensitive) is hidden.
    public func setKeywordFilters(user: UInt64, _ keywords: [String]) {
        state.withLock { $0.setKeywordFilters(user: user, keywords) }
    }

    /// A page of For You recommendations. Pass the previous page's `nextCursor` to continue; a
    /// malformed cursor starts over. Non-personalised viewers get `popular(for:limit:cursor:now:)`.
    /// - Complexity: O(Σ source bounds × features + limit × candidates), sublinear in catalogue size.
    public func recommend(for viewer: ViewerContext, limit: Int = 20, cursor: String? = nil, now: Double) -> RecommendationPage {
        reading(for: viewer.userID) { $0.recommend(for: viewer, limit: limit, cursor: cursor, now: now) }
    }

    /// The non-profiled feed: popular in the viewer's region, then worldwide, using no personal
    /// data (only region, age eligibility and the viewer's explicit blocks and filters).
    /// - Complexity: O(trending board size × log board size)
    public func popular(for viewer: ViewerContext, limit: Int = 20, cursor: String? = nil, now: Double) -> RecommendationPage {
        reading(for: viewer.userID) { $0.popular(for: viewer, limit: limit, cursor: cursor, now: now) }
    }

    /// The candidates one source alone would offer `viewer` (before ranking), best first, with
    /// their rank-normalised retrieval score; for debugging and per-source tests.
    public func candidates(from source: CandidateSource, for viewer: ViewerContext, now: Double) -> [(videoID: UInt64, score: Double)] {
        reading(for: viewer.userID) { s in
            let profile = s.users[viewer.userID] ?? UserProfile()
            let request = s.request(for: viewer, profile: profile, served: PageCursor(), now: now, page: 0, usesHistory: true)
            return s.candidates(from: source, request).map { (s.catalog.ids[Int($0.video)], $0.prior) }
        }
    }

    /// Why `videoID` would be shown to `viewer` now: the structured reason of the source that
    /// retrieves it (or trending when none does) and the features that contribute most; a reason of
    /// kind `.watchedBefore` for a video the viewer watched (For You shows it again only as a
    /// rewatch); of kind `.personalisationOff` for a viewer who turned personalisation off. `nil` for
    /// an unknown video and for one For You never shows this viewer (the eligibility rule its pages
    /// apply: safety, the viewer's own uploads, blocks, filters, not-interested), so no reason is
    /// claimed for it.
    public func explain(for viewer: ViewerContext, videoID: UInt64, now: Double) -> Explanation? {
        reading(for: viewer.userID) { s in
            guard let index = s.catalog.indexOfID[videoID],
                  s.isEligible(Int(index), viewer: viewer, profile: s.users[viewer.userID] ?? UserProfile(),
                               excluding: PageCursor(), usesHistory: false) else { return nil }
            guard viewer.isPersonalized else {
                return s.explanation(for: Candidate(video: index, source: .trending, prior: 0), viewer: viewer, profile: nil,
                                     now: now, userVector: nil, signals: nil)
            }
            let profile = s.users[viewer.userID] ?? UserProfile()
            // For You brings a watched video back only as a rewatch: say so, as the feed page did.
            if profile.seen.contains(videoID) {
                return s.explanation(for: Candidate(video: index, source: .rewatch, prior: 0), viewer: viewer, profile: profile,
                                     now: now, userVector: nil, signals: nil)
            }
            let request = s.request(for: viewer, profile: profile, served: PageCursor(), now: now, page: 0, usesHistory: true)
            var found = Candidate(video: index, source: .trending, prior: 0)
            for source in RecommenderState.forYouSources {
                if let hit = s.candidates(from: source, request).first(where: { $0.video == index }) {
                    found = hit
                    break
                }
            }
            return s.explanation(for: found, viewer: viewer, profile: profile, now: now,
                                 userVector: request.userVector, signals: request.signals)
        }
    }

    /// "Refresh For You": forgets `user`'s learned state (affinities, embedding, personal model
    /// weights, training rows) while keeping follows, blocks, filters and not-interested choices.
    /// - Complexity: O(training log) to drop the user's rows.
    public func refresh(user: UInt64) { state.withLock { $0.refresh(user: user) } }

    /// Erases a user and every video they created (their account was deleted): afterwards neither
    /// the state nor a snapshot of it holds their ID, their videos' IDs or captions, nor anything
    /// learned from them alone. See `RecommenderState.erase(user:)`.
    /// - Complexity: O(catalogue + users' sets + training rows + co-engagement edges + features).
    public func erase(user: UInt64) { state.withLock { $0.erase(user: user) } }

    /// Retrains the embeddings (warm-started ALS) on everything recorded so far and updates the
    /// nearest-neighbour index incrementally (new items inserted, drifted ones moved or re-linked,
    /// removed ones tombstoned; a full rebuild only past 20 % tombstones or when sampled recall@10 at For You's
    /// search width drops below 0.95); run it periodically from a background service. The work runs
    /// outside the lock on a copy-on-write snapshot, so requests and events keep flowing; events
    /// recorded meanwhile are learned by the next retrain (their users keep fold-in until then).
    /// If two retrains overlap, the one that finishes last wins.
    /// - Complexity: O(epochs × events × d + items × d + re-linked items × log items × d), plus
    ///   O(items × log items × d) when the index is built or rebuilt.
    public func retrain() { retrain(beforeInstalling: {}) }

    /// `retrain()`, calling `beforeInstalling` once the new model is trained, before it replaces
    /// the serving one, with no lock held (tests use it to act while a retrain is under way).
    func retrain(beforeInstalling: () -> Void) {
        let job = state.withLock { $0.retrainJob() }
        let result = job.run()
        beforeInstalling()
        state.withLock { $0.install(result, from: job) }
    }

    /// Runs a read on the serving snapshot, with the viewer's own current profile put in, outside the lock.
    /// - Complexity: O(fields) under the lock, then whatever `body` costs.
    private func reading<T>(for user: UInt64, _ body: (RecommenderState) -> T) -> T {
        var (view, profile) = state.withLock { s in (s.servingSnapshot().state, s.users[user]) }
        view.users = profile.map { [user: $0] } ?? [:]
        return body(view)
    }

    /// A versioned, checksummed binary snapshot of all learned state.
    /// - Complexity: O(state size)
    public func snapshot() -> [UInt8] { state.withLock { $0.snapshotBytes() } }

    /// A human-readable summary: sizes, feature families and the strongest weights per head.
    public func inspect() -> String { state.withLock { $0.inspect() } }
}
