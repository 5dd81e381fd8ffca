import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelStore
import ServiceLifecycle

/// The background worker that turns queued uploads into playable MP4s and posters.
///
/// Jobs live in each region's database, shared by every node. A worker claims a job with a lease
/// and renews it while it works; a job whose node died is claimed again by any node once its lease
/// runs out (on a single node, at once at start-up). Its outputs go to the same media keys, so a
/// retried job overwrites what a dead one left half done.
///
/// On SIGTERM (``DrainNotice``, or the service's own graceful shutdown) it claims no new job, lets
/// the running one finish for up to `jobGrace`, and past that stops it and hands it back to the
/// queue, so another node or the next start takes it up.
struct TranscodeService: Service {
    /// What the worker needs of a region's store: its job queue and the videos the jobs are for.
    typealias JobStore = any TranscodeJobQueue & VideoStore
    /// Each region's job queue and videos.
    let stores: RegionDirectory<JobStore>
    /// Each region's media files (uploads in, renditions and posters out).
    let media: RegionDirectory<any MediaStore>
    /// Longest wait between looks at the queues when nothing wakes the worker, in seconds.
    let pollInterval: TimeInterval
    /// Whether other nodes share the queues, and the lease a claim holds.
    let nodes: NodeSettings
    let logger: Logger
    let transcoder: Transcoder
    let publisher: VideoPublisher
    let signal: TranscodeSignal
    /// Asked, as the region's `media` service, before a job reads its upload: one recorded decision per job.
    let gate: Gate
    /// Begun when the process starts draining.
    var drain = DrainNotice()
    /// How long a running job may go on once draining has begun.
    var jobGrace: Duration = .seconds(20)
    /// A job claimed this many times without finishing is failed instead of retried forever.
    var maxAttempts = 3

    func run() async throws {
        try await recoverInterruptedWork()
        await withGracefulShutdownHandler {
            while !drain.isDraining, !Task.isCancelled {
                let didWork = (try? await drainOnce()) ?? false
                if !didWork { await signal.wait(timeout: .seconds(pollInterval)) }
            }
        } onGracefulShutdown: {
            drain.begin()
            signal.wake()
        }
        // Under `serve` draining begins at the signal, before the service group asks this service to
        // stop (in reverse order, after the HTTP server): returning earlier would end the group.
        try? await gracefulShutdown()
    }

    /// Requeues jobs a dead process left running, and deletes partial uploads that have no job.
    ///
    /// With several nodes only jobs whose lease ran out are requeued (another node may be working
    /// on the rest); the S3 store's sweep skips young uploads, which may be another node's request
    /// in flight (`S3MediaStore.orphanGrace`).
    func recoverInterruptedWork() async throws {
        let now = Date()
        for (region, store) in stores.entries {
            // Alone, every running job was this node's previous life's: requeue them all at once.
            let requeued = try await store.requeueInterruptedJobs(at: nodes.isMultiNode ? now : .distantFuture)
            if requeued > 0 { logger.info("requeued interrupted transcode jobs", metadata: ["region": "\(region.code)", "count": "\(requeued)"]) }
        }
        for (region, store) in stores.entries {
            guard let media = media.store(for: region.code) else { continue }
            let partial = try await media.removePartialFiles()
            let pending = Set(try await store.pendingJobs().map { $0.videoID.description })
            // An upload without a job was cut off (or rejected) before its row was written.
            let orphans = try await media.uploadIDs().filter { !pending.contains($0) }
            for id in orphans { try await media.remove(.upload(id)) }
            if partial + orphans.count > 0 {
                logger.info("removed unfinished uploads", metadata: ["region": "\(region.code)", "count": "\(partial + orphans.count)"])
            }
        }
    }

    /// Processes every queued job once. Returns whether any job was processed.
    @discardableResult
    func drainOnce() async throws -> Bool {
        var didWork = false
        for store in stores.all {
            while !drain.isDraining, let job = try await store.claimNextJob(at: Date(), leaseFor: nodes.transcodeLease) {
                didWork = true
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await keepLease(of: job, in: store) }
                    await processWithinGrace(job, in: store)
                    group.cancelAll()
                }
            }
        }
        return didWork
    }

    /// Renews the lease of `job` every third of the lease until cancelled (the job is done) or
    /// the claim is lost (the job finished, or another node claimed it after a renewal failed).
    private func keepLease(of job: TranscodeJob, in store: JobStore) async {
        let lease = nodes.transcodeLease
        while true {
            do { try await Task.sleep(for: .seconds(lease / 3)) } catch { return }
            do {
                guard try await store.renewLease(of: job, at: Date(), leaseFor: lease) else { return }
            } catch {
                logger.warning("transcode lease renewal failed", metadata: ["video.id": "\(job.videoID)", "error": "\(error)"])
            }
        }
    }

    /// Processes `job`; if draining begins meanwhile and the job is still running `jobGrace` later,
    /// stops it and puts it back in the queue (its attempt not counted).
    private func processWithinGrace(_ job: TranscodeJob, in store: JobStore) async {
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await process(job, in: store)
                return true
            }
            group.addTask {
                await drain.wait()
                do { try await Task.sleep(for: jobGrace) } catch { return true }  // the job finished first
                return false
            }
            let first = await group.next() ?? true
            group.cancelAll()  // the job, when the grace is over; else the timer
            return first
        }
        guard !finished, !Task.isCancelled else { return }
        do {
            if try await store.releaseJob(videoID: job.videoID, at: Date()) {
                logger.notice("transcode job handed back to the queue at shutdown", metadata: ["video.id": "\(job.videoID)"])
            }
        } catch {
            logger.error("could not hand a transcode job back at shutdown; the next start-up requeues it",
                                  metadata: ["video.id": "\(job.videoID)", "error": "\(error)"])
        }
    }

    private func process(_ job: TranscodeJob, in store: JobStore) async {
        let id = job.videoID
        let key = id.description
        var logger = self.logger
        logger[metadataKey: "video.id"] = "\(id)"
        do {
            let media = try self.media.store(for: id)
            guard let video = try await store.video(id: id) else { return }
            if video.status == .ready {
                // A retry after a node died between marking it ready and finishing the job: publish only.
                try await publishAndFinish(video, in: store)
                try? await media.remove(.upload(key))
                logger.notice("transcode job finished a ready video without transcoding it again")
                return
            }
            if job.attempts > maxAttempts {
                try await store.markVideoFailed(id: id, reason: "processing failed repeatedly; please upload again")
                try? await media.removeAll(for: key)
                logger.error("transcode gave up", metadata: ["attempts": "\(job.attempts)"])
                return
            }
            guard try await media.info(of: .upload(key)) != nil else {
                try await store.markVideoFailed(id: id, reason: "the uploaded file was lost; please upload again")
                return
            }
            // The upload is the creator's content (private ones too): the media service reads it through the gate.
            try await gate.authorizeService("media", purpose: "transcoding", resource: "videos.upload",
                                            region: try regionCode(of: id), window: "job \(key)")
            try await media.withLocalFile(of: .upload(key)) { upload in
                guard let ready = try await makePlayable(id, from: upload, media: media, store: store, logger: logger) else { return }
                try await publishAndFinish(ready, in: store)
                await addLargerRenditions(of: id, from: upload, media: media, store: store, logger: logger)
            }
            try? await media.remove(.upload(key))
        } catch {
            // The job stays `running`; its lease runs out and a node (or the next start-up) retries it.
            if Self.isShutdown(error) {
                logger.notice("transcode interrupted by shutdown; the job goes back to the queue")
            } else {
                logger.error("transcode job error", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Lists a ready video (if the policy lists it) and then deletes its job. Listing is idempotent,
    /// so a node that dies between the two leaves a job whose retry only repeats this.
    private func publishAndFinish(_ video: Video, in store: JobStore) async throws {
        try await publisher.publishIfListed(video)
        try await store.finishJob(videoID: video.id)
    }

    /// The code of the region that owns `id`.
    /// - Throws: ``ReelError`` not found for an ID of no configured region.
    private func regionCode(of id: ReelID) throws -> RegionCode {
        guard let region = stores.regions.region(of: id) else { throw ReelError.notFound("video") }
        return region.code
    }

    /// Whether `error` is the server stopping (its task cancelled) rather than a fault of the job.
    static func isShutdown(_ error: any Error) -> Bool {
        error is CancellationError || Task.isCancelled
    }

    /// Transcodes the renditions up to the default one and the poster in a scratch work folder,
    /// puts them into the store, and marks the video ready.
    /// - Returns: the ready video, or nil when it failed (marked failed, with a reason) or was
    ///   deleted meanwhile; either way its objects are gone.
    private func makePlayable(_ id: ReelID, from upload: URL, media: any MediaStore, store: JobStore,
                              logger: Logger) async throws -> Video? {
        let key = id.description
        let output: TranscodedVideo
        do {
            // Ready as soon as the renditions up to the default one exist; larger ones follow.
            let playable = try await transcodeAndPut(id, from: upload, stage: .playable, media: media) { folder, files in
                let poster = folder.appendingPathComponent(MediaKey.poster(key).fileName)
                try await transcoder.poster(from: folder.appendingPathComponent(MediaKey.video(key).fileName), to: poster)
                files.append((poster, .poster(key)))
            }
            guard let playable else { throw MediaError.unexpectedOutput(tool: "ffmpeg", detail: "no playable rendition") }
            output = playable
        } catch where !Self.isShutdown(error) {
            logger.error("transcode failed", metadata: ["error": "\(error)"])
            // A rejection is the file's fault and says so; anything else is ours.
            let reason = (error as? MediaRejection)?.message ?? "The video could not be converted for playback."
            try await store.markVideoFailed(id: id, reason: reason)
            try? await media.removeAll(for: key)
            return nil
        }
        guard let ready = try await store.markVideoReady(id: id, durationMs: output.durationMilliseconds,
                                                         width: output.width, height: output.height) else {
            try? await media.removeAll(for: key)  // deleted while transcoding
            return nil
        }
        logger.info("video ready", metadata: ["duration.ms": "\(output.durationMilliseconds)", "size": "\(output.width)x\(output.height)",
                                             "renditions": "\(output.renditions.map(\.name).joined(separator: ","))", "bytes": "\(output.byteCount)"])
        return ready
    }

    /// Runs one transcode `stage` of `upload` into a fresh scratch work folder, lets `finish` add
    /// more files made from the output (the poster), then puts every file into the store and
    /// deletes the folder.
    /// - Returns: what the transcoder returns: nil when the stage has nothing to make.
    private func transcodeAndPut(_ id: ReelID, from upload: URL, stage: Transcoder.Stage, media: any MediaStore,
                                 finish: (URL, inout [(URL, MediaKey)]) async throws -> Void = { _, _ in }) async throws -> TranscodedVideo? {
        let key = id.description
        let folder = try media.scratch.makeWorkFolder(for: key)
        defer { try? media.scratch.remove(folder) }
        var files: [(URL, MediaKey)] = []
        guard let output = try await transcoder.transcode(upload, stage: stage, to: { rendition, ladder in
            let target = MediaKey.video(key, rendition: rendition, of: ladder)
            let file = folder.appendingPathComponent(target.fileName)
            files.append((file, target))
            return file
        }) else { return nil }
        try await finish(folder, &files)
        for (file, target) in files { try await media.put(fileAt: file, as: target) }
        return output
    }

    /// Makes the renditions above the default one (1080p) of a video that is already ready, then
    /// records its new top size, which adds them to its `renditions`.
    ///
    /// Best effort: on failure, or if the process stops first (its job is gone once the video is
    /// ready and published, so nothing resumes it), the video stays ready without them.
    private func addLargerRenditions(of id: ReelID, from upload: URL, media: any MediaStore,
                                     store: JobStore, logger: Logger) async {
        let key = id.description
        do {
            guard let larger = try await transcodeAndPut(id, from: upload, stage: .larger, media: media) else { return }
            guard let video = try await store.markVideoReady(id: id, durationMs: larger.durationMilliseconds,
                                                             width: larger.width, height: larger.height) else {
                try? await media.removeAll(for: key)  // deleted meanwhile
                return
            }
            try await publisher.renditionsAdded(video)
            logger.info("larger renditions ready", metadata: ["size": "\(larger.width)x\(larger.height)",
                                                             "renditions": "\(larger.renditions.map(\.name).joined(separator: ","))"])
        } catch where Self.isShutdown(error) {
            logger.notice("larger renditions interrupted by shutdown; the video stays ready without them")
        } catch {
            logger.warning("larger renditions failed; the video stays ready without them", metadata: ["error": "\(error)"])
        }
    }
}
