import ArgumentParser
import Foundation
import ReelServer

/// `reel seed`: fills the data directory with demo users, videos and behaviour.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create demo users, videos (generated with ffmpeg) and synthetic activity.",
        discussion: """
            With --videos (and --users, --events) it seeds a catalogue of that size for benchmarks instead: accounts \
            bench_0… (password reel-bench-password), ready public videos written straight through the stores without \
            running ffmpeg per video (one clip made once serves as the media of the first --media-copies videos), \
            follows, likes and watch events; then trains and saves the recommenders.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Demo accounts per region.")
    var usersPerRegion = 3

    @Option(help: "Videos per demo account.")
    var videosPerUser = 2

    @Option(help: "Length of each generated clip, in seconds.")
    var clipSeconds = 4.0

    @Option(help: "Synthetic watch events per demo account (at most 100).")
    var watchesPerUser = 30

    @Option(help: "A real video file to post too, credited as Big Buck Bunny (see scripts/demo-clip.sh); skipped if missing.")
    var realClip: String?

    @Option(help: "Bulk seed for benchmarks: this many public videos (see the discussion above).")
    var videos: Int?

    @Option(help: "Bulk seed: accounts (with --videos).")
    var users = 1_000

    @Option(help: "Bulk seed: watch events in all (with --videos).")
    var events = 30_000

    @Option(help: "Bulk seed: videos that get media, one shared clip (with --videos).")
    var mediaCopies = 16

    func run() async throws {
        // Sign-ups create data keys, so the regions without a configured custodian get a child one meanwhile.
        let (configuration, custodians) = try await CustodianChildren.start(for: try common.configuration(), logger: common.logger("reel.seed"))
        do {
            try await seed(configuration)
        } catch {
            await custodians.stop()
            throw error
        }
        await custodians.stop()
    }

    private func seed(_ configuration: ReelConfiguration) async throws {
        let app = try buildServices(configuration: configuration, logger: common.logger("reel.seed"))
        try await app.stores.migrate()
        if let videos {
            guard videos > 0, users > 0, events >= 0, mediaCopies >= 0 else {
                throw ValidationError("--videos and --users must be positive, --events and --media-copies not negative.")
            }
            var plan = BulkSeeder.Plan()
            plan.videos = videos
            plan.users = users
            plan.events = events
            plan.mediaCopies = mediaCopies
            let bulk = plan
            let started = Date()
            try await app.stores.withStoresRunning { try await BulkSeeder(app: app).seed(bulk) }
            print("Seeded \(videos) videos, \(users) users (bench_0 … bench_\(users - 1), password \(bulk.password)) and \(events) watch events "
                  + "in \(Int(Date().timeIntervalSince(started))) s")
            return
        }
        var plan = DemoSeeder.Plan()
        plan.usersPerRegion = usersPerRegion
        plan.videosPerUser = videosPerUser
        plan.clipSeconds = clipSeconds
        plan.watchesPerUser = watchesPerUser
        plan.realClip = realClip.flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let finalPlan = plan
        let handles = try await app.stores.withStoresRunning { try await DemoSeeder(app: app).seed(finalPlan) }
        print("Seeded \(handles.count) demo users; sign in as any of them (e.g. \(handles.first ?? "")) with password \(DemoSeeder.demoPassword)")
        let logger = common.logger("reel.seed")
        let moderation = try await app.stores.withStoresRunning { try await DemoModeration.seed(app: app, logger: logger) }
        print("Seeded \(moderation.cases) reported demo cases and a moderator per region (sign in at POST /v1/staff/sessions):")
        for moderator in moderation.moderators {
            print("  region \(moderator.region): handle \(moderator.handle), password \(moderator.password), TOTP \(moderator.otpauthURI)")
        }
        print("(also in \(moderation.file.path))")
    }
}
