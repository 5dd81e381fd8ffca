import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Stores a new video in `processing` together with its transcoding job, in one transaction,
    /// so a queued job always has its video and a video is never left without a job.
    public func insertVideoWithJob(_ video: Video, at date: Date) async throws {
        try requireResident(video.creatorID, "creator")
        try requireResident(video.id, "video")
        try await pool.write { db in
            try video.insert(db)
            try TranscodeJob(videoID: video.id, state: .queued, attempts: 0, createdAt: date, updatedAt: date).insert(db)
        }
    }

    /// The video with this ID, if it lives here.
    public func video(id: ReelID) async throws -> Video? {
        try await pool.read { db in try Video.fetchOne(db, key: id) }
    }

    /// A creator's videos, newest first, with one of the given visibilities and statuses,
    /// strictly older than `cursor` when given.
    public func videos(createdBy creatorIDs: [ReelID], visibilities: Set<Visibility>, statuses: Set<VideoStatus>,
                       before cursor: ReelID?, limit: Int) async throws -> [Video] {
        guard !creatorIDs.isEmpty, !visibilities.isEmpty, !statuses.isEmpty else { return [] }
        return try await pool.read { db in
            var request = Video
                .filter(creatorIDs.contains(Column("creatorID")))
                .filter(visibilities.map(\.rawValue).contains(Column("visibility")))
                .filter(statuses.map(\.rawValue).contains(Column("status")))
            if let cursor { request = request.filter(Column("id") < cursor) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// Changes a video's caption (and so its hashtags) and/or visibility in one transaction.
    /// Returns the video before and after, or nil when it does not live here.
    public func updateVideo(id: ReelID, caption: String?, visibility: Visibility?) async throws -> (before: Video, after: Video)? {
        try await pool.write { db in
            guard let before = try Video.fetchOne(db, key: id) else { return nil }
            var after = before
            if let caption { after.setCaption(caption) }
            if let visibility { after.visibility = visibility }
            if after != before { try after.update(db) }
            return (before, after)
        }
    }

    /// Replaces a video's moderation restrictions. Returns the video before and after.
    public func setRestrictions(of id: ReelID, to restrictions: VideoRestrictions) async throws -> (before: Video, after: Video)? {
        try await pool.write { db in
            guard let before = try Video.fetchOne(db, key: id) else { return nil }
            var after = before
            after.restrictions = restrictions
            if after != before { try after.update(db) }
            return (before, after)
        }
    }

    /// Marks a video playable. Its job stays until ``finishJob(videoID:)``, after it is published.
    /// Returns the updated video.
    public func markVideoReady(id: ReelID, durationMs: Int, width: Int, height: Int) async throws -> Video? {
        try await pool.write { db in
            guard var video = try Video.fetchOne(db, key: id) else { return nil }
            video.status = .ready
            video.durationMs = durationMs
            video.width = width
            video.height = height
            video.failureReason = nil
            try video.update(db)
            return video
        }
    }

    /// Deletes the job of a video that is ready and published. Returns whether there was one.
    @discardableResult
    public func finishJob(videoID: ReelID) async throws -> Bool {
        try await pool.write { db in try TranscodeJob.deleteOne(db, key: videoID) }
    }

    /// Marks a video failed with a reason and drops its job, in one transaction.
    public func markVideoFailed(id: ReelID, reason: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE videos SET status = ?, failureReason = ? WHERE id = ?",
                           arguments: [VideoStatus.failed.rawValue, reason, id])
            _ = try TranscodeJob.deleteOne(db, key: id)
        }
    }

    /// Deletes a video row (its job goes with it). Returns whether a row was deleted.
    @discardableResult
    public func deleteVideo(id: ReelID) async throws -> Bool {
        try await pool.write { db in try Video.deleteOne(db, key: id) }
    }

    /// Adds deltas to a video's aggregate counters (never below zero) and returns the video.
    public func applyVideoCounterDeltas(id: ReelID, views: Int, likes: Int, comments: Int, shares: Int) async throws -> Video? {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE videos SET viewCount = MAX(0, viewCount + ?), likeCount = MAX(0, likeCount + ?),
                commentCount = MAX(0, commentCount + ?), shareCount = MAX(0, shareCount + ?) WHERE id = ?
                """, arguments: [views, likes, comments, shares, id])
            return try Video.fetchOne(db, key: id)
        }
    }

    /// Claims the oldest job that is queued or whose lease expired at `date`, leasing it until `date + lease`.
    public func claimNextJob(at date: Date, leaseFor lease: TimeInterval) async throws -> TranscodeJob? {
        try await pool.write { db in
            guard var job = try TranscodeJob.fetchOne(db, sql: """
                SELECT * FROM transcodeJobs WHERE state = ? OR (state = ? AND (leaseExpiresAt IS NULL OR leaseExpiresAt <= ?))
                ORDER BY createdAt, videoID LIMIT 1
                """, arguments: [TranscodeJob.State.queued.rawValue, TranscodeJob.State.running.rawValue, date.timeIntervalSince1970])
            else { return nil }
            job.state = .running
            job.attempts += 1
            job.updatedAt = date
            job.leaseExpiresAt = date.addingTimeInterval(lease)
            try job.update(db)
            return job
        }
    }

    /// Extends the lease of `job` (the same attempt, still running) to `date + lease`.
    public func renewLease(of job: TranscodeJob, at date: Date, leaseFor lease: TimeInterval) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE transcodeJobs SET leaseExpiresAt = ? WHERE videoID = ? AND state = ? AND attempts = ?",
                           arguments: [date.addingTimeInterval(lease).timeIntervalSince1970, job.videoID,
                                       TranscodeJob.State.running.rawValue, job.attempts])
            return db.changesCount > 0
        }
    }

    /// Puts a job this process claimed back in the queue without counting the attempt.
    public func releaseJob(videoID: ReelID, at date: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE transcodeJobs SET state = ?, attempts = MAX(attempts - 1, 0), updatedAt = ?, leaseExpiresAt = NULL WHERE videoID = ? AND state = ?",
                           arguments: [TranscodeJob.State.queued.rawValue, date.timeIntervalSince1970, videoID, TranscodeJob.State.running.rawValue])
            return db.changesCount > 0
        }
    }

    /// Puts running jobs whose lease expired at `date` back in the queue. Returns how many.
    public func requeueInterruptedJobs(at date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE transcodeJobs SET state = ?, updatedAt = ?, leaseExpiresAt = NULL
                WHERE state = ? AND (leaseExpiresAt IS NULL OR leaseExpiresAt <= ?)
                """, arguments: [TranscodeJob.State.queued.rawValue, date.timeIntervalSince1970, TranscodeJob.State.running.rawValue,
                                  date.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// Jobs not yet finished, oldest first.
    public func pendingJobs() async throws -> [TranscodeJob] {
        try await pool.read { db in try TranscodeJob.order(Column("createdAt")).fetchAll(db) }
    }
}
