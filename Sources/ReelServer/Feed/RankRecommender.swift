import Foundation
import Logging
import NIOPosix
import ReelCore
import ReelRank
import ReelStore
import Synchronization

/// For You backed by ReelRank: one `Recommender` per region, fed only that region's behaviour.
///
/// Every region's recommender knows the worldwide public catalogue (public metadata only), but
/// learns from, and serves, only the users of its own region. Its learned state is saved in the
/// region's own folder (`<region>/recommender/`), since model features of a person are protected
/// data that must not leave the home region.
final class RankRecommender: ForYouRecommender {
    let platform: Platform
    let config: RecommenderConfig
    /// Replaced wholesale by ``load()``; each `Recommender` locks its own state.
    private let engines: Mutex<[Int: Recommender]>

    /// Creates one empty recommender per region.
    init(platform: Platform, config: RecommenderConfig = RecommenderConfig()) {
        self.platform = platform
        self.config = config
        var engines: [Int: Recommender] = [:]
        for region in platform.configuration.regions.regions { engines[region.index] = Recommender(config: config) }
        self.engines = Mutex(engines)
    }

    func engine(for region: RegionDefinition) -> Recommender { engines.withLock { $0[region.index]! } }

    private var allEngines: [Recommender] { engines.withLock { Array($0.values) } }

    private func store(for region: RegionDefinition) throws -> any RegionStore {
        guard let store = platform.router.store(for: region.code) else { throw ReelError.invalidConfig("region \(region.code) has no store") }
        return store
    }

    static func directory(_ platform: Platform, _ region: RegionDefinition) -> URL {
        RegionRouter.regionDirectory(platform.configuration.dataDirectory, region.code).appendingPathComponent("recommender", isDirectory: true)
    }

    // MARK: Loading and saving

    /// Restores every region's recommender: its last snapshot plus the behaviour recorded since,
    /// or, without a usable snapshot, a replay of the region's whole history. Then loads the
    /// public catalogue. Call before serving.
    func load() async throws {
        var engines: [Int: Recommender] = [:]
        var watermarks: [Int: BehaviourWatermark] = [:]
        for region in platform.configuration.regions.regions {
            let folder = Self.directory(platform, region)
            engines[region.index] = Recommender(config: config)
            watermarks[region.index] = .start
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent("snapshot.bin")),
                  let marks = try? Data(contentsOf: folder.appendingPathComponent("watermark.json")),
                  let saved = try? JSONDecoder().decode(BehaviourWatermark.self, from: marks) else { continue }
            do {
                engines[region.index] = try Recommender(snapshot: [UInt8](bytes))
                watermarks[region.index] = saved
            } catch {
                platform.logger.error("recommender snapshot unusable; rebuilding from history", metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
        }
        self.engines.withLock { $0 = engines }
        // The catalogue first: events about videos the engine does not know are ignored.
        var cursor: ReelID?
        while true {
            let page = try await platform.publicIndex.allVideos(after: cursor, limit: 1000)
            for video in page { publish(video) }
            guard let last = page.last, page.count == 1000 else { break }
            cursor = last.id
        }
        for region in platform.configuration.regions.regions {
            let replayed = Counter()
            let engine = engine(for: region)
            let watermark = watermarks[region.index] ?? .start
            try await store(for: region).forEachBehaviour(after: watermark) { record in
                replayed.increment()
                Self.apply(record, to: engine)
            }
            platform.logger.info("recommender loaded", metadata: ["region": "\(region.code)", "events.replayed": "\(replayed.value)",
                                                                 "from.snapshot": "\(watermark != .start)"])
        }
    }

    /// Saves every region's snapshot and watermark into the region's folder (atomically).
    /// The watermark is read before the snapshot so no event is lost on reload; an event that
    /// lands between the two may be folded in twice, which shifts the model negligibly.
    func save() async throws {
        for region in platform.configuration.regions.regions {
            let watermark = try await store(for: region).behaviourWatermark()
            let bytes = engine(for: region).snapshot()
            let folder = Self.directory(platform, region)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: folder.appendingPathComponent("snapshot.bin"), options: .atomic)
            try JSONEncoder().encode(watermark).write(to: folder.appendingPathComponent("watermark.json"), options: .atomic)
        }
    }

    /// Retrains every region's embeddings on NIO's blocking pool (it takes seconds at scale).
    func retrain() async throws {
        for engine in allEngines {
            try await NIOThreadPool.singleton.runIfActive { engine.retrain() }
        }
    }

    // MARK: ForYouRecommender

    func forYou(for viewer: Viewer, cursor: String?, limit: Int) async throws -> RecommendationPage {
        let engine = engine(for: viewer.region)
        let context = Self.context(viewer)
        let now = Date().timeIntervalSince1970
        let page = viewer.isPersonalised
            ? engine.recommend(for: context, limit: limit, cursor: cursor, now: now)
            : engine.popular(for: context, limit: limit, cursor: cursor, now: now)
        return RecommendationPage(items: page.items.map { item in
            Recommendation(videoID: ReelID(rawValue: item.videoID), source: Self.tag(item.source),
                           why: Self.why(item.explanation, viewer: viewer))
        }, nextCursor: page.nextCursor)
    }

    func explain(_ video: ReelID, for viewer: Viewer) async throws -> Recommendation? {
        guard let explanation = engine(for: viewer.region).explain(for: Self.context(viewer), videoID: video.rawValue,
                                                                   now: Date().timeIntervalSince1970) else { return nil }
        return Recommendation(videoID: video, source: Self.tag(explanation.source), why: Self.why(explanation, viewer: viewer))
    }

    func observe(_ signal: BehaviourSignal, region: RegionDefinition) async {
        switch signal {
        case .watched(let event):
            Self.apply(BehaviourRecord(kind: .watch, userID: event.userID, targetID: event.videoID, watchedMs: event.watchedMs,
                                       durationMs: event.durationMs, completed: event.completed, replayed: event.replayed,
                                       at: event.at.timeIntervalSince1970), to: engine(for: region))
        case .interacted(let user, let video, let kind, let at):
            let mapped: ReelRank.InteractionKind = switch kind {
            case .like: .like
            case .unlike: .unlike
            case .share: .share
            case .comment: .comment
            case .notInterested: .notInterested
            }
            engine(for: region).record(InteractionEvent(user: user.rawValue, video: video.rawValue, kind: mapped, time: at.timeIntervalSince1970))
        case .followed(let user, let creator, let isFollowing, _):
            engine(for: region).setFollowing(user: user.rawValue, creator: creator.rawValue, isFollowing: isFollowing)
        case .published(let video):
            publish(video)
        case .withdrawn(let id):
            for engine in allEngines { engine.remove(videoID: id.rawValue) }
        case .forgotten(let user):
            engine(for: region).refresh(user: user.rawValue)
        }
    }

    // MARK: Mapping

    /// Public metadata goes to every region's catalogue.
    ///
    /// Each engine sees only its own region's viewers, so "trending in your region" must mean
    /// "trending among this region's viewers" whatever the video's origin: the catalogue entry of
    /// every video carries the engine's region, which makes ReelRank's regional trending board
    /// exactly that.
    private func publish(_ video: PublicVideo) {
        let regions = engines.withLock { $0 }
        for region in platform.configuration.regions.regions {
            let metadata = VideoMetadata(id: video.id.rawValue, creator: video.creatorID.rawValue, hashtags: video.hashtags.map(\.key),
                                         durationMs: UInt32(clamping: video.durationMs), uploadedAt: video.createdAt.timeIntervalSince1970,
                                         region: region.code.rawValue, caption: video.caption)
            regions[region.index]?.upsert(video: metadata)
        }
    }

    static func apply(_ record: BehaviourRecord, to engine: Recommender) {
        let user = record.userID.rawValue
        let target = record.targetID.rawValue
        switch record.kind {
        case .follow:
            engine.setFollowing(user: user, creator: target, isFollowing: true)
        case .watch:
            engine.record(InteractionEvent(user: user, video: target, kind: .watch, watchedMs: UInt32(clamping: record.watchedMs),
                                           durationMs: UInt32(clamping: record.durationMs), completed: record.completed,
                                           replayed: record.replayed, time: record.at))
        case .like, .share, .comment, .notInterested:
            let kind: ReelRank.InteractionKind = switch record.kind {
            case .like: .like
            case .share: .share
            case .comment: .comment
            default: .notInterested
            }
            engine.record(InteractionEvent(user: user, video: target, kind: kind, time: record.at))
        }
    }

    /// The explanation as the API's structured reason: IDs in the API's form, the viewer's region
    /// name, and the model detail; handles and captions are filled in by ``FeedService``.
    static func why(_ explanation: Explanation, viewer: Viewer) -> WhyReason {
        WhyReason(kind: explanation.kind.rawValue,
                  video: explanation.relatedVideo.map { .init(id: ReelID(rawValue: $0)) },
                  creator: explanation.creator.map { .init(id: ReelID(rawValue: $0)) },
                  hashtag: explanation.hashtag,
                  region: [.popularInRegion, .personalisationOff].contains(explanation.kind) ? viewer.region.name : nil,
                  details: explanation.topFeatures.map { .init(feature: $0.feature, weight: $0.weight) })
    }

    static func context(_ viewer: Viewer) -> ViewerContext {
        ViewerContext(userID: viewer.userID.rawValue, region: viewer.region.code.rawValue,
                      isEligibleForMatureContent: !viewer.isTeen, isPersonalized: viewer.isPersonalised)
    }

    /// Stable machine tags for the API's `source` field.
    static func tag(_ source: CandidateSource) -> String {
        switch source {
        case .following: "following"
        case .embedding: "similar"
        case .coEngagement: "because_you_watched"
        case .trending: "trending"
        case .fresh: "fresh"
        case .hashtagAffinity: "hashtag"
        case .soundAffinity: "sound"
        case .popularWorldwide: "popular"
        case .sequence: "next_up"
        case .rewatch: "watched_before"
        }
    }
}

/// A thread-safe counter for progress reporting from `@Sendable` closures.
private final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
