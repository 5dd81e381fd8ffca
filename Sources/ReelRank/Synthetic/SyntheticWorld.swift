/// A seeded toy world for tests, benchmarks and offline evaluation: users with latent tastes over
/// hashtags (topics) and creators, videos with latent topic mixtures, and a watch model that turns
/// taste · topic into watch time, completion, likes and shares.
///
/// IDs: users are `1…users`, videos `1…videos`, creators `1_000_001…`, sounds `2_000_001…`.
public struct SyntheticWorld: Sendable {
    /// Topic names, used as each video's hashtags.
    public static let defaultHashtags = [
        "cooking", "dance", "comedy", "pets", "sports", "music", "travel", "diy", "gaming", "fashion",
    ]

    /// The hashtags (one per latent topic).
    public let hashtags: [String]
    /// Every video's metadata, in ID order (`videos[i].id == i + 1`).
    public private(set) var videos: [VideoMetadata]
    /// Number of users.
    public let userCount: Int
    /// `users × topics` taste weights.
    private let tastes: [Float]
    /// `videos × topics` topic mixtures.
    private let topics: [Float]
    /// Creator quality of each video (flat, so the watch model touches no strings).
    private let videoQuality: [Float]
    /// Video indices in upload order, and their upload times.
    private let uploadOrder: [Int]
    private let uploadTimes: [Double]
    private var rng: SeededGenerator

    /// Builds a world. Video uploads are spread uniformly over `[start − 7 days, start + spread]`.
    /// - Complexity: O((users + videos) × topics)
    public init(seed: UInt64, users: Int = 500, videos: Int = 2000, creators: Int = 200, sounds: Int = 100,
                start: Double = 1_700_000_000, uploadSpread: Double = 7 * 86400, region: String = "eu",
                hashtags: [String] = SyntheticWorld.defaultHashtags) {
        var rng = SeededGenerator(seed: seed)
        let k = hashtags.count
        self.hashtags = hashtags
        userCount = users
        var tastes = [Float](repeating: -0.3, count: users * k)
        for u in 0 ..< users {
            let first = Int(rng.next() % UInt64(k))
            let second = Int(rng.next() % UInt64(k))
            tastes[u * k + first] = 1
            if second != first { tastes[u * k + second] = 0.6 }
        }
        let creatorTopic = (0 ..< creators).map { _ in Int(rng.next() % UInt64(k)) }
        let creatorQuality = (0 ..< creators).map { _ in Float(rng.gaussian() * 0.15) }
        var topics = [Float](repeating: 0, count: videos * k)
        var metadata: [VideoMetadata] = []
        metadata.reserveCapacity(videos)
        for v in 0 ..< videos {
            let creator = Int(rng.next() % UInt64(creators))
            let primary = rng.unit() < 0.8 ? creatorTopic[creator] : Int(rng.next() % UInt64(k))
            topics[v * k + primary] = 1
            var tags = [hashtags[primary]]
            if rng.unit() < 0.3 {
                let secondary = Int(rng.next() % UInt64(k))
                if secondary != primary {
                    topics[v * k + secondary] = 0.4
                    tags.append(hashtags[secondary])
                }
            }
            let sound = UInt64(2_000_001) + rng.next() % UInt64(max(sounds, 1))
            let uploaded = start - 7 * 86400 + rng.unit() * (7 * 86400 + uploadSpread)
            metadata.append(VideoMetadata(
                id: UInt64(v + 1), creator: UInt64(1_000_001 + creator), hashtags: tags, soundID: sound,
                durationMs: UInt32(5000 + rng.next() % 55000), uploadedAt: uploaded, region: region,
                caption: "a \(tags[0]) video"))
        }
        self.tastes = tastes
        self.topics = topics
        self.videos = metadata
        videoQuality = metadata.map { creatorQuality[Int($0.creator - 1_000_001)] }
        let uploaded = metadata.map(\.uploadedAt)
        uploadOrder = uploaded.indices.sorted { (uploaded[$0], $0) < (uploaded[$1], $1) }
        uploadTimes = uploadOrder.map { uploaded[$0] }
        self.rng = rng
    }

    /// The latent affinity of `user` for `video`: taste · topic + creator quality.
    /// - Complexity: O(topics)
    public func affinity(user: UInt64, video: UInt64) -> Double {
        let k = hashtags.count
        let u = Int(user - 1), v = Int(video - 1)
        var s: Float = 0
        for t in 0 ..< k { s += tastes[u * k + t] * topics[v * k + t] }
        return Double(s + videoQuality[v])
    }

    /// Probability that `user` completes `video` under the watch model.
    public func completionProbability(user: UInt64, video: UInt64) -> Double {
        FTRLProximal.sigmoid(5 * (affinity(user: user, video: video) - 0.45))
    }

    /// Simulates `user` being shown `video` at `time`: a watch event, then maybe a like and a share.
    public mutating func watch(user: UInt64, video: UInt64, at time: Double) -> [InteractionEvent] {
        let meta = videos[Int(video - 1)]
        let p = completionProbability(user: user, video: video)
        let completed = rng.unit() < p
        let ratio = completed ? 1 : rng.unit() * p
        var events = [InteractionEvent(
            user: user, video: video, kind: .watch, watchedMs: UInt32(Double(meta.durationMs) * ratio),
            durationMs: meta.durationMs, completed: completed, replayed: completed && rng.unit() < 0.2, time: time)]
        if completed && rng.unit() < 0.3 { events.append(.init(user: user, video: video, kind: .like, time: time + 1)) }
        if completed && rng.unit() < 0.05 { events.append(.init(user: user, video: video, kind: .share, time: time + 2)) }
        return events
    }

    /// Emits `count` watch sessions spread evenly over `duration` seconds from `start`. Each session
    /// picks a random user and, like a real feed, the best of three random already-uploaded videos
    /// by that user's taste 70 % of the time (a random one otherwise).
    /// - Complexity: O(count × topics)
    public mutating func simulate(sessions count: Int, from start: Double, duration: Double) -> [InteractionEvent] {
        var events: [InteractionEvent] = []
        var available = 0
        for n in 0 ..< count {
            let time = start + duration * Double(n) / Double(max(count, 1))
            while available < uploadOrder.count && uploadTimes[available] <= time { available += 1 }
            guard available > 0 else { continue }
            let user = UInt64(1 + rng.next() % UInt64(userCount))
            let picks = (0 ..< 3).map { _ in UInt64(uploadOrder[Int(rng.next() % UInt64(available))] + 1) }
            let video = rng.unit() < 0.7 ? picks.max { affinity(user: user, video: $0) < affinity(user: user, video: $1) }! : picks[0]
            events += watch(user: user, video: video, at: time)
        }
        return events
    }

    /// Exports watch events as an offline log: positives only (engagement ≥ 0.5), weight = engagement.
    public static func interactions(from events: [InteractionEvent]) -> [Interaction] {
        events.filter { $0.kind == .watch && $0.engagement >= 0.5 }.map {
            Interaction(user: Int($0.user), item: Int($0.video), timestamp: Int($0.time), weight: Double($0.engagement))
        }
    }

    /// The first hashtag of a video.
    public func primaryHashtag(of video: UInt64) -> String { videos[Int(video - 1)].hashtags[0] }
}
