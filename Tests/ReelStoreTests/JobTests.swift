import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("Transcode jobs in a region store", .dropsPostgresSchemas)
struct JobTests {
    func makeVideo(_ f: StoreFixture, caption: String = "") -> Video {
        Video(id: f.usIDs.next(), creatorID: f.usIDs.next(), caption: caption, visibility: .public, createdAt: f.now)
    }

    @Test("a new video is processing and has a queued job", arguments: StoreEngine.all)
    func newVideoHasJob(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let video = makeVideo(f, caption: "#First post")
        try await f.us.insertVideoWithJob(video, at: f.now)
        #expect(try await f.us.video(id: video.id) == video)
        #expect(try await f.us.video(id: video.id)?.hashtags.map(\.key) == ["first"])
        let jobs = try await f.us.pendingJobs()
        #expect(jobs.map(\.videoID) == [video.id])
        #expect(jobs.first?.state == .queued)
        #expect(jobs.first?.attempts == 0)
    }

    @Test("claimNextJob claims the oldest queued job first, then nothing", arguments: StoreEngine.all)
    func oldestFirst(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        // Made in ID order a, b, c but queued in time order b, c, a: age decides, not ID.
        let a = makeVideo(f), b = makeVideo(f), c = makeVideo(f)
        try await f.us.insertVideoWithJob(a, at: f.now.addingTimeInterval(30))
        try await f.us.insertVideoWithJob(b, at: f.now.addingTimeInterval(10))
        try await f.us.insertVideoWithJob(c, at: f.now.addingTimeInterval(20))
        let first = try #require(try await f.us.claimNextJob(at: f.now.addingTimeInterval(60), leaseFor: 60))
        #expect(first.videoID == b.id)
        #expect(first.state == .running)
        #expect(first.attempts == 1)
        #expect(first.updatedAt == f.now.addingTimeInterval(60))
        #expect(try await f.us.claimNextJob(at: f.now, leaseFor: 60)?.videoID == c.id)
        #expect(try await f.us.claimNextJob(at: f.now, leaseFor: 60)?.videoID == a.id)
        #expect(try await f.us.claimNextJob(at: f.now, leaseFor: 60) == nil, "running jobs are not claimed twice")
    }

    @Test("requeueInterruptedJobs puts running jobs whose lease ran out back, and they are claimed again with another attempt",
          arguments: StoreEngine.all)
    func requeue(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let a = makeVideo(f), b = makeVideo(f), c = makeVideo(f)
        try await f.us.insertVideoWithJob(a, at: f.now)
        try await f.us.insertVideoWithJob(b, at: f.now.addingTimeInterval(1))
        try await f.us.insertVideoWithJob(c, at: f.now.addingTimeInterval(2))
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        #expect(try await f.us.requeueInterruptedJobs(at: f.now) == 0, "leases still held: a live node's jobs are not taken")
        #expect(try await f.us.requeueInterruptedJobs(at: f.now.addingTimeInterval(60)) == 2, "only the two running jobs")
        #expect(try await f.us.pendingJobs().allSatisfy { $0.state == .queued })
        let again = try #require(try await f.us.claimNextJob(at: f.now, leaseFor: 60))
        #expect(again.videoID == a.id)
        #expect(again.attempts == 2)
        #expect(try await f.us.requeueInterruptedJobs(at: f.now.addingTimeInterval(60)) == 1)
        #expect(try await f.us.requeueInterruptedJobs(at: f.now.addingTimeInterval(60)) == 0)
    }

    @Test("releaseJob hands one running job back without using up its attempt, and leaves the others", arguments: StoreEngine.all)
    func release(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let a = makeVideo(f), b = makeVideo(f)
        try await f.us.insertVideoWithJob(a, at: f.now)
        try await f.us.insertVideoWithJob(b, at: f.now.addingTimeInterval(1))
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        #expect(try await f.us.releaseJob(videoID: a.id, at: f.now))
        let jobs = try await f.us.pendingJobs()
        #expect(jobs.map(\.state) == [.queued, .running], "only the released job is queued again")
        #expect(jobs.first?.attempts == 0)
        #expect(try await f.us.releaseJob(videoID: a.id, at: f.now) == false, "a queued job is not running any more")
        let again = try #require(try await f.us.claimNextJob(at: f.now, leaseFor: 60))
        #expect(again.videoID == a.id)
        #expect(again.attempts == 1)
    }

    @Test("a requeued job survives reopening the database", arguments: StoreEngine.all)
    func survivesRestart(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let video = makeVideo(f)
        try await f.us.insertVideoWithJob(video, at: f.now)
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        let reopened = try await f.reopened(f.us)
        #expect(try await reopened.requeueInterruptedJobs(at: f.now.addingTimeInterval(60)) == 1)
        #expect(try await reopened.claimNextJob(at: f.now, leaseFor: 60)?.videoID == video.id)
    }

    @Test("markVideoReady sets the playable fields and keeps the job until finishJob", arguments: StoreEngine.all)
    func readyKeepsJobUntilFinished(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let ready = makeVideo(f), waiting = makeVideo(f)
        try await f.us.insertVideoWithJob(ready, at: f.now)
        try await f.us.insertVideoWithJob(waiting, at: f.now.addingTimeInterval(1))
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        let updated = try #require(try await f.us.markVideoReady(id: ready.id, durationMs: 12_000, width: 720, height: 1280))
        #expect(updated.status == .ready)
        #expect(updated.durationMs == 12_000)
        #expect(updated.width == 720)
        #expect(updated.height == 1280)
        #expect(updated.visibility == .public)
        #expect(try await f.us.video(id: ready.id) == updated)
        // Still claimed: a node dying before it publishes the video leaves the job to be retried.
        #expect(try await f.us.pendingJobs().map(\.videoID) == [ready.id, waiting.id])
        #expect(try await f.us.pendingJobs().first?.state == .running)
        #expect(try await f.us.finishJob(videoID: ready.id))
        #expect(try await f.us.pendingJobs().map(\.videoID) == [waiting.id])
        #expect(try await f.us.finishJob(videoID: ready.id) == false)
        #expect(try await f.us.video(id: ready.id) == updated)
        #expect(try await f.us.markVideoReady(id: f.usIDs.next(), durationMs: 1, width: 1, height: 1) == nil)
    }

    @Test("markVideoFailed records the reason and removes the job", arguments: StoreEngine.all)
    func failedRemovesJob(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let video = makeVideo(f)
        try await f.us.insertVideoWithJob(video, at: f.now)
        try await f.us.markVideoFailed(id: video.id, reason: "not a video")
        let failed = try await f.us.video(id: video.id)
        #expect(failed?.status == .failed)
        #expect(failed?.failureReason == "not a video")
        #expect(try await f.us.pendingJobs().isEmpty)
    }

    @Test("deleting a video deletes its job", arguments: StoreEngine.all)
    func deleteCascades(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let gone = makeVideo(f), kept = makeVideo(f)
        try await f.us.insertVideoWithJob(gone, at: f.now)
        try await f.us.insertVideoWithJob(kept, at: f.now.addingTimeInterval(1))
        _ = try await f.us.claimNextJob(at: f.now, leaseFor: 60)
        #expect(try await f.us.deleteVideo(id: gone.id))
        #expect(try await f.us.video(id: gone.id) == nil)
        #expect(try await f.us.pendingJobs().map(\.videoID) == [kept.id])
        #expect(try await f.rowCount("transcodeJobs", in: f.us) == 1)
        #expect(try await !f.us.deleteVideo(id: gone.id))
        #expect(try await f.us.requeueInterruptedJobs(at: f.now) == 0, "no orphaned running job is left to requeue")
    }

    @Test("a claimed job is leased: renewal keeps it from other claimers, an expired lease lets another claim it once",
          arguments: StoreEngine.all)
    func leases(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let video = makeVideo(f)
        try await f.us.insertVideoWithJob(video, at: f.now)
        let first = try #require(try await f.us.claimNextJob(at: f.now, leaseFor: 10))
        #expect(first.leaseExpiresAt == f.now.addingTimeInterval(10))
        #expect(try await f.us.claimNextJob(at: f.now.addingTimeInterval(9), leaseFor: 10) == nil, "the lease still holds")
        #expect(try await f.us.renewLease(of: first, at: f.now.addingTimeInterval(9), leaseFor: 10))
        #expect(try await f.us.claimNextJob(at: f.now.addingTimeInterval(15), leaseFor: 10) == nil, "renewed until 19 s")
        #expect(try await f.us.requeueInterruptedJobs(at: f.now.addingTimeInterval(15)) == 0, "start-up leaves a live node's job alone")
        // The first worker's node dies: no more renewals.
        let second = try #require(try await f.us.claimNextJob(at: f.now.addingTimeInterval(20), leaseFor: 10))
        #expect(second.videoID == video.id)
        #expect(second.attempts == 2)
        #expect(try await !f.us.renewLease(of: first, at: f.now.addingTimeInterval(21), leaseFor: 10), "the dead claim is not this worker's any more")
        #expect(try await f.us.renewLease(of: second, at: f.now.addingTimeInterval(21), leaseFor: 10))
        #expect(try await f.us.claimNextJob(at: f.now.addingTimeInterval(25), leaseFor: 10) == nil)
    }

    @Test("concurrent claimers never get the same job", arguments: StoreEngine.all)
    func concurrentClaims(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        var videos: [ReelID] = []
        for index in 0..<12 {
            let video = makeVideo(f)
            try await f.us.insertVideoWithJob(video, at: f.now.addingTimeInterval(Double(index)))
            videos.append(video.id)
        }
        let store = f.us, now = f.now
        let claimed = try await withThrowingTaskGroup(of: [ReelID].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var mine: [ReelID] = []
                    while let job = try await store.claimNextJob(at: now, leaseFor: 60) { mine.append(job.videoID) }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.sorted() == videos.sorted(), "every job claimed exactly once")
    }
}
