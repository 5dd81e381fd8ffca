import Foundation
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// Demo content must look like videos at first sight: moving, colourful, titled, with sound.
@Suite("Demo content")
struct DemoSeederTests {
    /// Mean frame-to-frame luma change (`YDIF`) and mean saturation (`SATAVG`) from `signalstats`,
    /// and the mean volume in dB from `volumedetect`.
    private func measure(_ url: URL) async throws -> (motion: Double, saturation: Double, volume: Double) {
        let tools = try FFmpegTools.locate()
        let video = try await tools.ffmpeg(["-v", "error", "-i", url.path, "-vf", "signalstats,metadata=print:file=-",
                                             "-an", "-f", "null", "-"], timeout: .seconds(60)).requireSuccess()
        var motion: [Double] = []
        var saturation: [Double] = []
        for line in String(decoding: video.standardOutput, as: UTF8.self).split(separator: "\n") {
            guard let value = line.split(separator: "=").last.flatMap({ Double($0) }) else { continue }
            if line.contains("signalstats.YDIF") { motion.append(value) }
            if line.contains("signalstats.SATAVG") { saturation.append(value) }
        }
        let audio = try await tools.ffmpeg(["-v", "info", "-i", url.path, "-af", "volumedetect", "-vn", "-f", "null", "-"],
                                           timeout: .seconds(60)).requireSuccess()
        let volume = audio.errorText.split(separator: "\n").first { $0.contains("mean_volume:") }
            .flatMap { $0.split(separator: " ").dropLast().last }.flatMap { Double($0) } ?? -100
        // The first frame has no predecessor: its YDIF is 0.
        return (motion.dropFirst().reduce(0, +) / Double(max(1, motion.count - 1)),
                saturation.reduce(0, +) / Double(max(1, saturation.count)), volume)
    }

    @Test("every demo topic's clip moves, is colourful, has audible sound, and the topics sound different",
          arguments: DemoSeeder.topics.map(\.tag))
    func topicClipLooksLikeVideo(tag: String) async throws {
        let topic = try #require(DemoSeeder.topics.first { $0.tag == tag })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).mp4")
        defer { try? FileManager.default.removeItem(at: url) }
        try await TestMedia.generator.makeVideo(at: url, options: .init(
            durationSeconds: 1.5, width: 180, height: 320, pattern: topic.pattern, toneFrequency: topic.pitch,
            sound: topic.sound, title: topic.title, label: "#\(topic.tag)"
        ))
        let measured = try await measure(url)
        #expect(measured.motion > 0.5, "a still picture looks broken: YDIF \(measured.motion)")
        #expect(measured.saturation > 20, "grey or flat: SATAVG \(measured.saturation)")
        #expect(measured.volume > -40, "silent: \(measured.volume) dB")
        #expect(Set(DemoSeeder.topics.map { "\($0.sound)-\($0.pitch)" }).count == DemoSeeder.topics.count)
    }

    @Test("a small seed makes ready demo videos with renditions, and posts the real clip with its credit")
    func seedsReadyVideos() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        // Stands in for the Big Buck Bunny excerpt: a landscape 1280×720 clip like it.
        let realClip = try await TestMedia.clip(seconds: 1, width: 1280, height: 720)
        defer { try? FileManager.default.removeItem(at: realClip) }
        var plan = DemoSeeder.Plan()
        plan.usersPerRegion = 1
        plan.videosPerUser = 1
        plan.clipSeconds = 1
        plan.watchesPerUser = 5
        plan.realClip = realClip
        let handles = try await DemoSeeder(app: reel.app).seed(plan, report: { _ in })
        var videos: [PublicVideo] = []
        for handle in handles {
            let user = try #require(try await reel.app.stores.publicIndex.profile(handle: handle))
            videos += try await reel.app.stores.publicIndex.videos(createdBy: [user.userID], before: nil, limit: 10)
        }
        #expect(videos.count == handles.count + 1)
        let real = try #require(videos.first { $0.caption == DemoSeeder.realClipCaption })
        #expect(real.caption.contains("Blender Foundation") && real.caption.contains("CC BY 3.0"))
        #expect(real.width == 1280 && real.height == 720)
        for video in videos where video.id != real.id {
            #expect(video.width == 540 && video.height == 960)
            #expect(VideoView(video).renditions.map(\.name) == ["360p", "540p"])
        }
    }
}
