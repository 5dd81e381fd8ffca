import Foundation
import ReelCore
import ReelMedia
import ReelRank
import ReelStore

/// Seeds a catalogue of a stated size quickly, for benchmarks (`reel seed --videos N --users M --events E`):
/// accounts, ready public videos, follows, likes and watch events written straight through the region
/// stores and the public index, with no ffmpeg run per video. The demo seeder (``DemoSeeder``) uploads
/// and transcodes every clip, which takes about a second a video; this takes about a millisecond a
/// video on SQLite with fsync off (`eatmydata`, as `Benchmarks/HTTP/run.sh` seeds), three row writes
/// per video. (100,000 videos, 10,000 users and 300,000 events took 53 minutes on a 2-core machine
/// at load average 30–50 from other builds.)
///
/// What is real and what is not:
/// - Every video row, public-index entry, like, follow and watch event is written by the same store
///   methods the services use, so feeds read them exactly as they read uploaded content; counters
///   (views, likes, followers, videos) match the rows.
/// - Only the first ``Plan/mediaCopies`` videos have media: one clip made once with ffmpeg, stored
///   under each of their IDs (a Range read of any of them reads real bytes from the media store).
///   The other videos answer 404 on `/media`; their metadata says 4 s, 540×960.
/// - Behaviour has structure a recommender can learn: each user has two favourite hashtags among
///   ``topics``, watches videos of them most of the time (finishing 80 % of those, 15 % of others), and
///   likes 30 % of the favourites it finishes. Popularity within a hashtag is skewed (a few videos get
///   most watches).
/// - All accounts share one password, hashed once (``Plan/password``).
///
/// At the end the recommenders replay the behaviour, retrain their embeddings once and save a
/// snapshot, so `reel serve` starts from a trained state as a long-running server would.
public struct BulkSeeder: Sendable {
    /// How much to make.
    public struct Plan: Sendable {
        /// Public videos, spread over creators with a skew (some creators post many).
        public var videos = 10_000
        /// Accounts, spread evenly over the regions (handles `bench_0`, `bench_1`, …).
        public var users = 1_000
        /// Watch events in all, spread evenly over users.
        public var events = 30_000
        /// Accounts each user follows.
        public var followsPerUser = 3
        /// Videos that get media (the same clip under each ID).
        public var mediaCopies = 16
        /// Password of every account.
        public var password = "reel-bench-password"
        /// Seed of the random choices.
        public var seed: UInt64 = 7
        /// Creates the default plan.
        public init() {}
    }

    /// Hashtags of the seeded videos (two each) and of the users' tastes.
    static let topics = ["cooking", "travel", "dance", "pets", "comedy", "diy", "music", "sports", "gaming", "art",
                         "fashion", "science", "books", "film", "cars", "garden", "fitness", "history", "nature", "tech"]
    /// Writes in flight at once (PostgreSQL runs them in parallel; SQLite queues them).
    static let width = 16
    /// Duration, size of the metadata of every seeded video (and of the clip made for media).
    static let clipMs = 4_000, clipWidth = 540, clipHeight = 960

    let app: ReelApp

    /// Creates a seeder over assembled services whose stores are migrated and running.
    public init(app: ReelApp) { self.app = app }

    /// Seeds `plan`, reporting progress through `report`. Returns the handles, in order.
    @discardableResult
    public func seed(_ plan: Plan, report: @escaping @Sendable (String) -> Void = { print($0) }) async throws -> [String] {
        precondition(plan.users > 0 && plan.videos > 0, "a bulk seed needs users and videos")
        let started = Date()
        let report: @Sendable (String) -> Void = { report("\($0) (\(Int(Date().timeIntervalSince(started))) s)") }
        var random = SeededGenerator(seed: plan.seed)
        let now = Date()
        let stores = app.stores, ids = app.ids
        let hash = try await app.accounts.hasher.hash(plan.password)
        let regions = app.configuration.regions.regions

        // Accounts, round robin over the regions.
        var accounts: [Account] = []
        accounts.reserveCapacity(plan.users)
        for number in 0..<plan.users {
            let region = regions[number % regions.count]
            let handle = "bench_\(number)"
            accounts.append(Account(id: ids.newID(in: region), handle: handle, email: "\(handle)@bench.reel.invalid", passwordHash: hash,
                                    country: region.countries.first ?? "BR", birthDate: "1990-01-01", displayName: "Bench \(number)",
                                    isPrivate: false, createdAt: now.addingTimeInterval(-30 * 86_400)))
        }
        let tastes = accounts.indices.map { _ in Self.favourites(&random) }

        // Videos: creators skewed (the square of a uniform draw), two hashtags each, up to 14 days old.
        var videos: [Video] = []
        videos.reserveCapacity(plan.videos)
        var byTopic = Array(repeating: [Int](), count: Self.topics.count)
        for number in 0..<plan.videos {
            let creator = accounts[min(plan.users - 1, Int(Double(plan.users) * pow(Self.unit(&random), 2)))]
            let first = Int(random.next() % UInt64(Self.topics.count))
            let second = (first + 1 + Int(random.next() % UInt64(Self.topics.count - 1))) % Self.topics.count
            let age = Self.unit(&random) * 14 * 86_400
            var video = Video(id: ids.newID(in: try ids.region(of: creator.id)), creatorID: creator.id,
                              caption: "Bench clip \(number) #\(Self.topics[first]) #\(Self.topics[second])", visibility: .public,
                              createdAt: now.addingTimeInterval(-age))
            video.status = .ready
            video.durationMs = Self.clipMs
            video.width = Self.clipWidth
            video.height = Self.clipHeight
            videos.append(video)
            byTopic[first].append(number)
            byTopic[second].append(number)
        }

        // Behaviour, decided up front so the counters written with the videos match the rows.
        var watches = Array(repeating: [WatchEvent](), count: plan.users)
        var likes: [(user: Int, video: Int)] = []
        for number in 0..<plan.events {
            let user = number % plan.users
            let onTaste = random.next() % 10 < 7
            let topic = onTaste ? tastes[user][Int(random.next() % 2)] : Int(random.next() % UInt64(Self.topics.count))
            let pool = byTopic[topic].isEmpty ? Array(videos.indices) : byTopic[topic]
            let index = pool[min(pool.count - 1, Int(Double(pool.count) * pow(Self.unit(&random), 3)))]
            let video = videos[index]
            let favourite = video.hashtags.contains { tastes[user].map { Self.topics[$0] }.contains($0.key) }
            let completed = Double(random.next() % 100) < (favourite ? 80 : 15)
            let watched = completed ? Self.clipMs : Self.clipMs * Int(15 + random.next() % 40) / 100
            watches[user].append(WatchEvent(clientEventID: "bench-\(number)", userID: accounts[user].id, videoID: video.id,
                                            watchedMs: watched, durationMs: Self.clipMs, completed: completed, replayed: false,
                                            at: now.addingTimeInterval(-Self.unit(&random) * 7 * 86_400)))
            videos[index].viewCount += 1
            if completed && favourite && random.next() % 10 < 3 { likes.append((user, index)) }
        }
        var likePairs = Set<Int>()   // user * videos + video: one like per pair
        likes = likes.filter { likePairs.insert($0.user * plan.videos + $0.video).inserted }
        for like in likes { videos[like.video].likeCount += 1 }
        let accountIndex = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($0.element.id, $0.offset) })
        var follows: [(user: Int, followee: Int)] = []
        var followPairs = Set<Int>()
        for user in accounts.indices where plan.users > 1 {
            for _ in 0..<plan.followsPerUser {
                // Follow a creator of a favourite hashtag: likely someone who posts.
                let pool = byTopic[tastes[user][Int(random.next() % 2)]]
                guard !pool.isEmpty else { continue }
                let creatorID = videos[pool[Int(random.next() % UInt64(pool.count))]].creatorID
                guard let followee = accountIndex[creatorID], followee != user,
                      followPairs.insert(user * plan.users + followee).inserted else { continue }
                follows.append((user, followee))
            }
        }
        for like in likes { accounts[accountIndex[videos[like.video].creatorID]!].likeCount += 1 }
        for video in videos { accounts[accountIndex[video.creatorID]!].videoCount += 1 }
        for follow in follows {
            accounts[follow.user].followingCount += 1
            accounts[follow.followee].followerCount += 1
        }

        let finalAccounts = accounts
        let vault = app.accounts.vault
        try await Self.forEach(finalAccounts.indices) { number in
            let account = finalAccounts[number]
            try await stores.publicIndex.claimHandle(account.publicProfile)
            try await stores.router.store(for: account.id).insertAccount(try await vault.sealNew(account))
        }
        report("\(accounts.count) accounts")
        let finalVideos = videos
        let handles = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0.handle) })
        try await Self.forEach(finalVideos.indices) { number in
            let video = finalVideos[number]
            let store = try stores.router.store(for: video.id)
            try await store.insertVideoWithJob(video, at: video.createdAt)
            _ = try await store.markVideoReady(id: video.id, durationMs: Self.clipMs, width: Self.clipWidth, height: Self.clipHeight)
            try await stores.publicIndex.upsertVideo(PublicVideo(video, creatorHandle: handles[video.creatorID] ?? ""))
            // Drops the transcode job the insert queued: the video is ready and listed already.
            try await store.finishJob(videoID: video.id)
            if number > 0, number % 10_000 == 0 { report("\(number) videos") }
        }
        report("\(videos.count) videos")
        try await storeMedia(for: Array(videos.prefix(plan.mediaCopies)))
        report("media for \(min(plan.mediaCopies, videos.count)) videos")
        let finalWatches = watches
        try await Self.forEach(finalWatches.indices) { user in
            guard let first = finalWatches[user].first else { return }
            _ = try await stores.router.store(for: first.userID).recordWatchEvents(finalWatches[user])
        }
        report("\(plan.events) watch events")
        let finalLikes = likes
        try await Self.forEach(finalLikes.indices) { number in
            let like = finalLikes[number]
            let user = finalAccounts[like.user].id
            _ = try await stores.router.store(for: user).like(user: user, video: finalVideos[like.video].id, at: now)
        }
        report("\(likes.count) likes")
        let finalFollows = follows
        try await Self.forEach(finalFollows.indices) { number in
            let follow = finalFollows[number]
            let user = finalAccounts[follow.user].id
            _ = try await stores.router.store(for: user).follow(follower: user, followee: finalAccounts[follow.followee].id, at: now)
        }
        report("\(follows.count) follows")
        // Counters last (the inserts started them at zero), then the public profiles that show them.
        try await Self.forEach(finalAccounts.indices) { number in
            let account = finalAccounts[number]
            let store = try stores.router.store(for: account.id)
            _ = try await store.adjustAccountCounters(id: account.id, followers: account.followerCount, following: account.followingCount,
                                                      likes: account.likeCount, videos: account.videoCount)
            try await stores.publicIndex.updateProfile(account.publicProfile)
        }
        report("counters written; training the recommenders…")
        try await app.recommender.load()
        try await app.recommender.retrain()
        try await app.recommender.save()
        report("recommenders trained and saved")
        return accounts.map(\.handle)
    }

    /// Makes one clip with ffmpeg and stores a copy under each video's default rendition.
    private func storeMedia(for videos: [Video]) async throws {
        guard !videos.isEmpty else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reel-bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let clip = scratch.appendingPathComponent("clip.mp4")
        try await TestClipGenerator(tools: try FFmpegTools.locate()).makeVideo(at: clip, options: .init(
            durationSeconds: Double(Self.clipMs) / 1000, width: Self.clipWidth, height: Self.clipHeight, pattern: .mandelbrot,
            sound: .melody, title: "Reel benchmark", label: "#bench"))
        for video in videos {
            let media = try app.stores.media.store(for: video.id)
            let copy = try media.scratch.makeWorkFolder(for: video.id.description).appendingPathComponent("bench.mp4")
            try FileManager.default.copyItem(at: clip, to: copy)
            try await media.put(fileAt: copy, as: .video(video.id.description))
            try? media.scratch.remove(copy.deletingLastPathComponent())
        }
    }

    /// Runs `body` for every element, at most ``width`` at once.
    private static func forEach(_ indices: Range<Int>, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = indices.lowerBound
            while next < indices.upperBound && next - indices.lowerBound < width {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            while try await group.next() != nil, next < indices.upperBound {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            try await group.waitForAll()
        }
    }

    /// Two different topic indices.
    private static func favourites(_ random: inout SeededGenerator) -> [Int] {
        let first = Int(random.next() % UInt64(topics.count))
        return [first, (first + 1 + Int(random.next() % UInt64(topics.count - 1))) % topics.count]
    }

    /// A uniform draw in [0, 1).
    private static func unit(_ random: inout SeededGenerator) -> Double {
        Double(random.next() >> 11) / Double(1 << 53)
    }
}
