import ArgumentParser
import Foundation
import ReelServer

/// `reel seed`: fills the data directory with demo users, videos and behaviour.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create demo users, videos (generated with ffmpeg) and synthetic activity.")

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

    func run() async throws {
        let configuration = try common.configuration()
        let app = try buildServices(configuration: configuration, logger: common.logger("reel.seed"))
        try await app.stores.migrate()
        var plan = DemoSeeder.Plan()
        plan.usersPerRegion = usersPerRegion
        plan.videosPerUser = videosPerUser
        plan.clipSeconds = clipSeconds
        plan.watchesPerUser = watchesPerUser
        plan.realClip = realClip.flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let finalPlan = plan
        let handles = try await app.stores.withStoresRunning { try await DemoSeeder(app: app).seed(finalPlan) }
        print("Seeded \(handles.count) demo users; sign in as any of them (e.g. \(handles.first ?? "")) with password \(DemoSeeder.demoPassword)")
    }
}
