import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelRank
import ReelStore

/// Fills a fresh data directory with demo content: users in every region, real videos generated
/// with ffmpeg's test sources (captions with hashtags), follows, and synthetic watches and likes.
public struct DemoSeeder: Sendable {
    /// How much to make.
    public struct Plan: Sendable {
        /// Demo accounts per region.
        public var usersPerRegion = 3
        /// Videos per demo account.
        public var videosPerUser = 2
        /// Clip length in seconds.
        public var clipSeconds = 4.0
        /// Synthetic watch events per account (at most 100).
        public var watchesPerUser = 30
        /// Seed of the random choices.
        public var seed: UInt64 = 42
        /// Creates the default plan.
        public init() {}
    }

    /// Password of every demo account.
    public static let demoPassword = "reel-demo-password"
    static let topics: [(tag: String, caption: String, pattern: TestClipGenerator.Pattern)] = [
        ("cooking", "Five-minute pasta #cooking #food", .solidColor(red: 200, green: 90, blue: 40)),
        ("travel", "Sunrise over the hills #travel #nature", .testPattern),
        ("dance", "New routine, try it! #dance #music", .colorBars),
        ("pets", "She learned a new trick #pets #dogs", .solidColor(red: 60, green: 140, blue: 200)),
        ("comedy", "When the build finally passes #comedy", .mandelbrot),
        ("diy", "Fixing a wobbly chair #diy #home", .solidColor(red: 90, green: 170, blue: 90)),
    ]
    static let countries: [String: [String]] = ["us": ["US"], "eu": ["DE", "FR", "ES"], "global": ["BR", "JP", "IN"]]

    let app: ReelApp
    let generator: TestClipGenerator

    /// Creates a seeder over assembled services.
    public init(app: ReelApp) throws {
        self.app = app
        generator = TestClipGenerator(tools: try FFmpegTools.locate())
    }

    /// Seeds, printing progress through `report`. Returns the demo handles.
    @discardableResult
    public func seed(_ plan: Plan = Plan(), report: (String) -> Void = { print($0) }) async throws -> [String] {
        var random = SeededGenerator(seed: plan.seed)
        var users: [(id: ReelID, handle: String)] = []
        for region in app.platform.configuration.regions.regions {
            let countries = Self.countries[region.code.rawValue] ?? region.countries
            for number in 1...plan.usersPerRegion {
                let handle = "demo_\(region.code)_\(number)"
                let country = countries.isEmpty ? "BR" : countries[(number - 1) % countries.count]
                let signUp = AccountService.SignUp(handle: handle, email: "\(handle)@demo.reel.invalid", password: Self.demoPassword,
                                                   country: country, birthDate: "1990-01-0\(number % 9 + 1)", displayName: "Demo \(region.code.rawValue.uppercased()) \(number)")
                let (account, _) = try await app.accounts.signUp(signUp)
                users.append((account.id, handle))
                report("user @\(handle) in region \(region.code)")
            }
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reel-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let total = users.count * plan.videosPerUser
        var made = 0
        for (index, user) in users.enumerated() {
            for number in 0..<plan.videosPerUser {
                let topic = Self.topics[(index * plan.videosPerUser + number) % Self.topics.count]
                let clip = scratch.appendingPathComponent("\(made).mp4")
                try await generator.makeVideo(at: clip, options: .init(durationSeconds: plan.clipSeconds, width: 360, height: 640,
                                                                       pattern: topic.pattern, toneFrequency: 220 + 40 * made))
                _ = try await app.videos.upload(creator: user.id, caption: topic.caption, visibility: .public) { writer in
                    try writer.write(try Data(contentsOf: clip))
                }
                made += 1
                report("video \(made)/\(total) uploaded by @\(user.handle): \(topic.caption)")
            }
        }
        report("transcoding \(total) videos…")
        try await app.transcoder.drainOnce()
        var videos: [PublicVideo] = []
        for user in users { videos += try await app.platform.publicIndex.videos(createdBy: [user.id], before: nil, limit: 100) }
        report("\(videos.count) videos ready")
        for (index, user) in users.enumerated() {
            for other in users where other.id != user.id && random.next() % 3 == 0 {
                _ = try await app.social.setFollowing(user.id, handle: other.handle, isFollowing: true)
            }
            // Each demo user has two favourite topics: they finish those (and sometimes like or replay
            // them) and skip most of the rest, so the demo world has tastes a recommender can learn.
            let favourites = Self.favouriteTags(userIndex: index, random: &random)
            var reports: [SocialService.WatchReport] = []
            for number in 0..<min(plan.watchesPerUser, 100) {
                let video = videos[Int(random.next() % UInt64(videos.count))]
                let likesTopic = video.hashtags.first.map { favourites.contains($0.key) } ?? false
                let completed = Double(random.next() % 100) < (likesTopic ? 85 : 10)
                let fraction = completed ? 1.0 : Double(15 + random.next() % 25) / 100
                reports.append(.init(id: "seed-\(user.handle)-\(number)", videoID: video.id.description,
                                     watchedMs: Int(Double(video.durationMs) * fraction), durationMs: max(1, video.durationMs),
                                     completed: completed, replayed: completed && random.next() % 4 == 0, at: nil))
                if completed && likesTopic && random.next() % 5 < 2 { _ = try await app.social.setLiked(user.id, video: video.id, isLiked: true) }
            }
            if !reports.isEmpty { _ = try await app.social.recordWatches(user.id, reports: reports) }
        }
        report("synthetic follows, watches and likes recorded")
        return users.map(\.handle)
    }
}

extension DemoSeeder {
    /// The first hashtags of two different demo topics, chosen for one demo user.
    static func favouriteTags(userIndex: Int, random: inout SeededGenerator) -> Set<String> {
        let first = (userIndex + Int(random.next() % 2)) % topics.count
        let second = (first + 1 + Int(random.next() % UInt64(topics.count - 1))) % topics.count
        return [topics[first].tag, topics[second].tag]
    }
}
