import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

@Suite("Transcode queue durability", .dropsEngineScratch)
struct TranscodeRecoveryTests {
    @Test("a job queued (and claimed) before a restart completes after it; orphaned uploads are swept", arguments: TestEngine.all)
    func jobSurvivesRestart(_ engine: TestEngine) async throws {
        let before = try await TestApp.make(engine)
        defer { before.cleanUp() }
        let (account, _) = try await before.app.accounts.signUp(.init(handle: "restarter", email: "r@example.com", password: "correct horse",
                                                                      country: "DE", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await before.app.videos.upload(creator: account.id, caption: "#restart", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        let store = try before.app.stores.router.store(for: video.id)
        // A worker claims the job, then the process dies before finishing it.
        let claimed = try #require(try await store.claimNextJob(at: Date(), leaseFor: 60))
        #expect(claimed.videoID == video.id)
        #expect(try await store.video(id: video.id)?.status == .processing)
        // An upload cut off mid-stream leaves a file with no job behind.
        let media = try before.app.stores.media.store(for: video.id)
        let orphan = "0orphan000000"
        let partial = media.scratch.root.appendingPathComponent("orphan")
        try Data("partial".utf8).write(to: partial)
        try await media.put(fileAt: partial, as: .upload(orphan))

        let after = try await before.reopened()
        try await after.test { client in
            let deadline = ContinuousClock.now + TestDeadline.transcode
            while try await store.video(id: video.id)?.status == .processing, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            let ready = try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self)
            #expect(ready.status == .ready)
            // The public index is written just after the video turns ready (another database): wait for it.
            var listed: [ReelID] = []
            while listed.isEmpty, ContinuousClock.now < deadline {
                listed = try await client.send(.get, "/v1/hashtags/restart/videos").decode(Page<VideoView>.self).items.map(\.id)
                if listed.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(listed == [video.id])
        }
        if engine == .postgres {
            // A bucket's uploads are swept only after S3MediaStore.orphanGrace (another node may be between put and job).
            #expect(try await media.info(of: .upload(orphan)) != nil)
        } else {
            #expect(try await media.info(of: .upload(orphan)) == nil)
        }
        // The upload goes once the larger renditions are done, after the video is listed.
        let deadline = ContinuousClock.now + TestDeadline.transcode
        while try await media.info(of: .upload(video.id.description)) != nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await media.info(of: .upload(video.id.description)) == nil)
        #expect(try await store.pendingJobs().isEmpty)
    }

    /// The part of `GET /v1/users/{handle}` this suite reads.
    struct ProfileCount: Decodable {
        var videoCount: Int
    }

    @Test("a node killed between marking a video ready and listing it: the retry lists it once, without transcoding again",
          arguments: TestEngine.all)
    func readyButUnlistedIsListedByRetry(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "lister", email: "l@example.com", password: "correct horse",
                                                                    country: "US", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await reel.app.videos.upload(creator: account.id, caption: "Lonely pelican #relisted", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        let store = try reel.app.stores.router.store(for: video.id)
        let media = try reel.app.stores.media.store(for: video.id)
        // A worker claims the job and marks the video ready; its node dies before listing it, and its lease runs out.
        #expect(try await store.claimNextJob(at: Date(), leaseFor: 0)?.videoID == video.id)
        let ready = try #require(try await store.markVideoReady(id: video.id, durationMs: 4321, width: 320, height: 568))
        #expect(try await store.pendingJobs().map(\.videoID) == [video.id], "the job outlives the crash")

        // Unlisted before the server (and its worker) starts: once it runs, the worker may list it at any moment.
        #expect(try await reel.app.stores.publicIndex.searchVideos(["pelican"], after: nil, limit: 10).items.isEmpty)
        try await reel.test { client in
            // The worker running alongside the server claims the expired job.
            let deadline = ContinuousClock.now + TestDeadline.transcode
            while try await !store.pendingJobs().isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await store.pendingJobs().isEmpty, "the retry finishes the job")
            func listedOnce() async throws {
                let popular = try await client.send(.get, "/v1/feed?kind=popular").decode(Page<FeedItem>.self)
                #expect(popular.items.map(\.video.id) == [video.id])
                #expect(try await client.send(.get, "/v1/search?q=pelican").decode(Page<VideoView>.self).items.map(\.id) == [video.id])
                #expect(try await client.send(.get, "/v1/hashtags/relisted/videos").decode(Page<VideoView>.self).items.map(\.id) == [video.id])
                #expect(try await client.send(.get, "/v1/users/lister").decode(ProfileCount.self).videoCount == 1)
            }
            try await listedOnce()
            // Not transcoded again: the row keeps what the dead node wrote, and the upload is gone.
            #expect(try await store.video(id: video.id) == ready)
            #expect(try await media.info(of: .upload(video.id.description)) == nil)
            // Listing is idempotent: a node that died after listing, before finishing the job, lists it again harmlessly.
            try await reel.app.videos.publisher.publishIfListed(ready)
            try await listedOnce()
        }
    }

    @Test("stopping the worker mid-transcode logs a notice, no error, and leaves the job to resume")
    func shutdownMidTranscode() async throws {
        let reel = try await TestApp.make { $0.maxUploadBytes = 64 << 20 }
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "stopper", email: "s@example.com", password: "correct horse",
                                                                    country: "DE", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip(seconds: 20, width: 720, height: 1280)
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await reel.app.videos.upload(creator: account.id, caption: "", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        // A second set of services over the same data directory, whose log is captured.
        let logs = CapturedLogs()
        var logger = Logger(label: "reel.test.shutdown") { _ in logs }
        logger.logLevel = .info
        let worker = try buildServices(configuration: reel.configuration, logger: logger)
        let store = try worker.stores.router.store(for: video.id)
        let run = Task { try await worker.transcoder.drainOnce() }
        let deadline = ContinuousClock.now + .seconds(30)
        while try await store.pendingJobs().first?.state != .running, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        run.cancel()  // what a graceful shutdown does to the worker
        _ = try? await run.value
        #expect(!logs.records.contains { $0.level >= .error }, "\(logs.records.filter { $0.level >= .error })")
        #expect(logs.records.contains { $0.level == .notice && $0.message.contains("interrupted by shutdown") },
                "\(logs.records.map(\.message))")
        #expect(try await store.video(id: video.id)?.status == .processing)
        #expect(try await store.pendingJobs().map(\.videoID) == [video.id])
    }

    @Test("a job whose upload vanished fails with a reason instead of hanging", arguments: TestEngine.all)
    func missingUploadFails(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "vanisher", email: "v@example.com", password: "correct horse",
                                                                    country: "US", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await reel.app.videos.upload(creator: account.id, caption: "", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        try await reel.app.stores.media.store(for: video.id).remove(.upload(video.id.description))
        try await reel.app.transcoder.drainOnce()
        let failed = try #require(try await reel.app.stores.router.store(for: video.id).video(id: video.id))
        #expect(failed.status == .failed)
        #expect(failed.failureReason?.isEmpty == false)
    }

    @Test("an upload whose picture cannot be decoded fails with a sentence, never ready with an empty poster")
    func undecodablePictureFails() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "breaker", email: "b@example.com", password: "correct horse",
                                                                    country: "US", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await reel.app.videos.upload(creator: account.id, caption: "", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        // After validation, the stored upload loses its coded pictures (zeroed media data):
        // ffprobe still sees a 320×568 video, but no frame decodes.
        let media = try reel.app.stores.media.store(for: video.id)
        var bytes = try await media.withLocalFile(of: .upload(video.id.description)) { try Data(contentsOf: $0) }
        let mdat = try #require(bytes.firstRange(of: Data("mdat".utf8)))
        bytes.replaceSubrange(mdat.upperBound..<bytes.endIndex, with: Data(count: bytes.endIndex - mdat.upperBound))
        let damaged = media.scratch.root.appendingPathComponent("damaged")
        try bytes.write(to: damaged)
        try await media.put(fileAt: damaged, as: .upload(video.id.description))

        try await reel.app.transcoder.drainOnce()
        let failed = try #require(try await reel.app.stores.router.store(for: video.id).video(id: video.id))
        #expect(failed.status == .failed)
        let reason = try #require(failed.failureReason)
        #expect(reason.first?.isUppercase == true && reason.hasSuffix("."), "\(reason)")
        #expect(try await media.info(of: .poster(video.id.description)) == nil)
        #expect(try await media.info(of: .video(video.id.description)) == nil)
    }
}
