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
///
/// Each region's engine follows the region's ``BehaviourLog`` from the last sequence it applied
/// (``catchUp(region:)``): after a behaviour recorded on this node at once (``observe(_:region:)``),
/// and every poll interval for what other nodes record (``LogFollowService``), so several nodes
/// sharing a region's database learn the same events in the same order. It reads a region's
/// behaviour as the region's `recommender` service through the ``Gate`` (purpose `recommendation`),
/// recorded once per region and hour.
final class RankRecommender: ForYouRecommender {
    /// The regions, one engine each.
    let regions: RegionMap
    /// Each region's behaviour log, followed from the last sequence applied.
    let behaviour: RegionDirectory<any BehaviourLog>
    /// The worldwide public catalogue.
    let publicIndex: any PublicIndexStore
    /// The data directory; each region's snapshot lives in `<region>/recommender/` under it.
    let dataDirectory: URL
    let logger: Logger
    let config: RecommenderConfig
    /// Asked before each read of a region's behaviour log.
    let gate: Gate
    /// Replaced wholesale by ``load()``; each `Recommender` locks its own state.
    private let engines: Mutex<[Int: Recommender]>
    /// The last log sequence applied to each region's engine, by region index.
    private let applied: Mutex<[Int: Int64]>
    /// One follower per region, so a region's entries are applied once each and in order.
    private let followers: [Int: CoalescedRefresh]
    /// Writes every region's snapshot; one write at a time, and a caller waits for a write that
    /// started after its call, so a snapshot taken before an erasure never lands after it.
    private let saver: CoalescedRefresh

    /// Creates one empty recommender per region.
    init(behaviour: RegionDirectory<any BehaviourLog>, publicIndex: any PublicIndexStore, dataDirectory: URL, gate: Gate, logger: Logger,
         config: RecommenderConfig = RecommenderConfig()) {
        self.gate = gate
        self.regions = behaviour.regions
        self.behaviour = behaviour
        self.publicIndex = publicIndex
        self.dataDirectory = dataDirectory
        self.logger = logger
        self.config = config
        var engines: [Int: Recommender] = [:]
        for region in regions.regions { engines[region.index] = Recommender(config: config) }
        self.engines = Mutex(engines)
        applied = Mutex(Dictionary(uniqueKeysWithValues: regions.regions.map { ($0.index, Int64(0)) }))
        var followers: [Int: CoalescedRefresh] = [:]
        let box = WeakRecommender()
        for region in regions.regions {
            followers[region.index] = CoalescedRefresh { try await box.recommender?.apply(region) }
        }
        self.followers = followers
        saver = CoalescedRefresh { try await box.recommender?.writeSnapshots() }
        box.recommender = self
    }

    func engine(for region: RegionDefinition) -> Recommender { engines.withLock { $0[region.index]! } }

    private var allEngines: [Recommender] { engines.withLock { Array($0.values) } }

    private func store(for region: RegionDefinition) throws -> any BehaviourLog {
        guard let store = behaviour.store(for: region.code) else { throw ReelError.invalidConfig("region \(region.code) has no store") }
        return store
    }

    static func directory(_ dataDirectory: URL, _ region: RegionDefinition) -> URL {
        RegionRouter.regionDirectory(dataDirectory, region.code).appendingPathComponent("recommender", isDirectory: true)
    }

    // MARK: Following the log

    /// Where one region's engine is in its log.
    struct LogPosition: Codable, Sendable, Equatable {
        /// The region's code.
        var region: String
        /// The last sequence applied to the region's engine.
        var appliedSequence: Int64
        /// The newest sequence committed to the region's log when asked.
        var logHead: Int64
    }

    /// Applies every entry of the region's log committed before this call.
    func catchUp(region: RegionDefinition) async throws {
        try await followers[region.index]?.run()
    }

    /// Catches every region up (the background poll).
    func catchUpAll() async throws {
        for region in regions.regions { try await catchUp(region: region) }
    }

    /// Every region's applied sequence and log head (one head read per region).
    func logPositions() async throws -> [LogPosition] {
        var positions: [LogPosition] = []
        for region in regions.regions { positions.append(try await logPosition(of: region)) }
        return positions
    }

    /// Where `region`'s engine stands in its behaviour log (one head read): what `/healthz/log`
    /// and the `reel_recommender_log_*` gauges (``MetricsSampler``) report.
    /// - Throws: what reading the log's head throws.
    func logPosition(of region: RegionDefinition) async throws -> LogPosition {
        let head = try await store(for: region).behaviourLogHead()
        return LogPosition(region: region.code.rawValue, appliedSequence: applied.withLock { $0[region.index] ?? 0 }, logHead: head)
    }

    /// Reads and applies the region's entries after the applied sequence, a page at a time.
    /// Never runs twice at once for a region (``CoalescedRefresh``).
    private func apply(_ region: RegionDefinition) async throws {
        let store = try store(for: region)
        // The log's head is a number, not behaviour: read nothing, and ask nobody, when nothing is new.
        guard try await store.behaviourLogHead() > applied.withLock({ $0[region.index] ?? 0 }) else { return }
        // One recorded gate decision per region and hour, not one per row (docs/sovereignty.md, "The gate").
        try await gate.authorizeService("recommender", purpose: "recommendation", resource: "behaviour.events", region: region.code,
                                        window: Gate.hourWindow(Date()))
        let engine = engine(for: region)
        while true {
            let from = applied.withLock { $0[region.index] ?? 0 }
            let page = try await store.behaviour(after: from, limit: Self.pageSize)
            for record in page {
                if record.kind == .catalogue {
                    try await refreshCatalogue(record.targetID)
                } else {
                    Self.apply(record, to: engine)
                }
                applied.withLock { $0[region.index] = record.sequence }
            }
            if page.count < Self.pageSize { return }
        }
    }

    private static let pageSize = 1000

    /// Reads a video's public entry again: lists it in every region's catalogue, or removes it.
    private func refreshCatalogue(_ id: ReelID) async throws {
        if let video = try await publicIndex.video(id: id) {
            publish(video)
        } else {
            for engine in allEngines { engine.remove(videoID: id.rawValue) }
        }
    }

    // MARK: Loading and saving

    /// Restores every region's recommender: its last snapshot plus the log entries after the
    /// snapshot's sequence, or, without a usable snapshot, the region's whole log. Loads the public
    /// catalogue first. Call before serving.
    func load() async throws {
        var engines: [Int: Recommender] = [:]
        var positions: [Int: Int64] = [:]
        for region in regions.regions {
            let folder = Self.directory(dataDirectory, region)
            engines[region.index] = Recommender(config: config)
            positions[region.index] = 0
            // A snapshot saved with rowid watermarks (before the log) has no `position.json`: rebuilt from the log.
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent("snapshot.bin")),
                  let marks = try? Data(contentsOf: folder.appendingPathComponent("position.json")),
                  let saved = try? JSONDecoder().decode(SavedPosition.self, from: marks) else { continue }
            do {
                engines[region.index] = try Recommender(snapshot: [UInt8](bytes))
                positions[region.index] = saved.sequence
            } catch {
                logger.error("recommender snapshot unusable; rebuilding from the log", metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
        }
        self.engines.withLock { $0 = engines }
        applied.withLock { $0 = positions }
        // The catalogue first: events about videos the engine does not know are ignored.
        var cursor: ReelID?
        while true {
            let page = try await publicIndex.allVideos(after: cursor, limit: 1000)
            for video in page { publish(video) }
            guard let last = page.last, page.count == 1000 else { break }
            cursor = last.id
        }
        for region in regions.regions {
            let start = positions[region.index] ?? 0
            do { try await catchUp(region: region) } catch {
                // A gate that can't record (the region's custodian down) or refuses must not stop the server:
                // the region's engine starts from its snapshot and follows the log once the gate answers.
                logger.error("recommender could not read the behaviour log", metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
            let reached = applied.withLock { $0[region.index] ?? 0 }
            logger.info("recommender loaded", metadata: ["region": "\(region.code)", "log.from": "\(start)", "log.applied": "\(reached)"])
        }
    }

    /// The log position a snapshot was saved at.
    private struct SavedPosition: Codable {
        var sequence: Int64
    }

    /// Saves every region's snapshot and the sequence it includes into the region's folder
    /// (atomically). The sequence is read before the snapshot, so no entry is lost on reload; one
    /// applied between the two may be applied twice, which shifts the model negligibly.
    /// Returns after a write that started after the call (see ``saver``).
    func save() async throws {
        try await saver.run()
    }

    private func writeSnapshots() async throws {
        for region in regions.regions {
            let sequence = applied.withLock { $0[region.index] ?? 0 }
            let bytes = engine(for: region).snapshot()
            let folder = Self.directory(dataDirectory, region)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: folder.appendingPathComponent("snapshot.bin"), options: .atomic)
            try JSONEncoder().encode(SavedPosition(sequence: sequence)).write(to: folder.appendingPathComponent("position.json"), options: .atomic)
        }
    }

    /// Erases a deleted account from every region's engine (its profile, its videos with their IDs
    /// and captions, every reference to it: ``Recommender/erase(user:)``), then rewrites every
    /// region's snapshot at once, so no saved file keeps the account until the next periodic save.
    ///
    /// Each region's follower finishes first, so a page of the log read before the account's rows
    /// were deleted cannot teach the engine about the account again after the erasure.
    /// - Throws: what writing a snapshot throws.
    func erase(_ user: ReelID) async throws {
        for region in regions.regions {
            do {
                try await catchUp(region: region)
            } catch {
                logger.error("recommender could not follow the behaviour log before an erasure", metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
        }
        for engine in allEngines { engine.erase(user: user.rawValue) }
        try await save()
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

    /// Catches the region up with its log, which already holds the signal's behaviour (the store
    /// logged it in the writing transaction), so this node's next page reflects it. Catalogue
    /// changes are appended to the video's region log first, so every node reads them.
    func observe(_ signal: BehaviourSignal, region: RegionDefinition) async {
        do {
            switch signal {
            case .watched, .interacted, .followed:
                try await catchUp(region: region)
            case .published(let video):
                try await store(for: region).appendCatalogueChange(video: video.id, creator: video.creatorID, at: Date())
                try await catchUp(region: region)
            case .withdrawn(let id, let creator):
                // The catalogue of this node at once, even if the log cannot be written.
                for engine in allEngines { engine.remove(videoID: id.rawValue) }
                try await store(for: region).appendCatalogueChange(video: id, creator: creator, at: Date())
                try await catchUp(region: region)
            case .forgotten(let user):
                // Not logged: an entry would name the erased account. Other nodes forget it when they rebuild (see docs).
                try await erase(user)
            }
        } catch {
            logger.error("recommender could not follow the behaviour log", metadata: ["region": "\(region.code)", "error": "\(error)"])
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
        let engines = engines.withLock { $0 }
        for region in regions.regions {
            let metadata = VideoMetadata(id: video.id.rawValue, creator: video.creatorID.rawValue, hashtags: video.hashtags.map(\.key),
                                         durationMs: UInt32(clamping: video.durationMs), uploadedAt: video.createdAt.timeIntervalSince1970,
                                         region: region.code.rawValue, caption: video.caption)
            engines[region.index]?.upsert(video: metadata)
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
        case .unfollow:
            engine.setFollowing(user: user, creator: target, isFollowing: false)
        case .like, .unlike, .share, .comment, .notInterested:
            let kind: ReelRank.InteractionKind = switch record.kind {
            case .like: .like
            case .unlike: .unlike
            case .share: .share
            case .comment: .comment
            default: .notInterested
            }
            engine.record(InteractionEvent(user: user, video: target, kind: kind, time: record.at))
        case .catalogue:
            break  // read from the public index by the follower, not by the engine
        }
    }

    /// The explanation as the API's structured reason: IDs in the API's form, the viewer's region
    /// name, and the model detail; handles and captions are filled in by ``FeedService``.
    static func why(_ explanation: Explanation, viewer: Viewer) -> WhyReason {
        WhyReason(kind: explanation.kind.rawValue,
                  video: explanation.relatedVideo.map { .init(id: ReelID(rawValue: $0)) },
                  creator: explanation.creator.map { .init(id: ReelID(rawValue: $0)) },
                  hashtag: explanation.hashtag,
                  region: [.popularInRegion, .personalisationOff, .seenBeforePersonalisationOff].contains(explanation.kind) ? viewer.region.name : nil,
                  details: explanation.topFeatures.map { .init(feature: $0.feature, weight: $0.weight) })
    }

    static func context(_ viewer: Viewer) -> ViewerContext {
        ViewerContext(userID: viewer.userID.rawValue, region: viewer.region.code.rawValue,
                      isEligibleForMatureContent: !viewer.isTeen, isPersonalized: viewer.isPersonalised,
                      hiddenCreators: Set(viewer.hiddenCreators.map(\.rawValue)))
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
        case .reshown: "seen_before"
        }
    }
}

/// Lets the followers' closures reach their recommender without a retain cycle (set once in `init`).
private final class WeakRecommender: @unchecked Sendable {
    // Written once during RankRecommender.init, before any closure can run; read-only afterwards.
    weak var recommender: RankRecommender?
}
