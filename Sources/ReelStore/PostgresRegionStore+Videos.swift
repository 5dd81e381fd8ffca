import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Stores a new video in `processing` together with its transcoding job, in one transaction.
    public func insertVideoWithJob(_ video: Video, at date: Date) async throws {
        try requireResident(video.creatorID, "creator")
        try requireResident(video.id, "video")
        let hashtags = try HashtagReparsing.encode(video.hashtags)
        try await database.transaction { connection in
            try await connection.query("""
                INSERT INTO videos (id, creator_id, caption, hashtags, visibility, status, failure_reason, duration_ms, width, height,
                    created_at, view_count, like_count, comment_count, share_count)
                VALUES (\(video.id.bits), \(video.creatorID.bits), \(video.caption), \(hashtags), \(video.visibility.rawValue),
                    \(video.status.rawValue), \(video.failureReason), \(video.durationMs), \(video.width), \(video.height),
                    \(video.createdAt.timeIntervalSince1970), \(video.viewCount), \(video.likeCount), \(video.commentCount), \(video.shareCount))
                """, logger: database.logger)
            try await connection.query("""
                INSERT INTO transcode_jobs (video_id, state, attempts, created_at, updated_at)
                VALUES (\(video.id.bits), \(TranscodeJob.State.queued.rawValue), 0, \(date.timeIntervalSince1970), \(date.timeIntervalSince1970))
                """, logger: database.logger)
        }
    }

    /// The video with this ID, if it lives here.
    public func video(id: ReelID) async throws -> Video? {
        try await database.rows("SELECT * FROM videos WHERE id = \(id.bits)").first.map(PostgresRows.video)
    }

    /// Creators' videos, newest first, with one of the given visibilities and statuses, older than `cursor`.
    public func videos(createdBy creatorIDs: [ReelID], visibilities: Set<Visibility>, statuses: Set<VideoStatus>,
                       before cursor: ReelID?, limit: Int) async throws -> [Video] {
        guard !creatorIDs.isEmpty, !visibilities.isEmpty, !statuses.isEmpty else { return [] }
        return try await database.rows("""
            SELECT * FROM videos WHERE creator_id = ANY(\(creatorIDs.map(\.bits))) AND visibility = ANY(\(visibilities.map(\.rawValue)))
                AND status = ANY(\(statuses.map(\.rawValue))) AND (\(cursor?.bits)::BIGINT IS NULL OR id < \(cursor?.bits))
            ORDER BY id DESC LIMIT \(limit)
            """).map(PostgresRows.video)
    }

    /// Changes a video's caption (and so its hashtags) and/or visibility in one transaction.
    /// Returns the video before and after, or nil when it does not live here.
    public func updateVideo(id: ReelID, caption: String?, visibility: Visibility?) async throws -> (before: Video, after: Video)? {
        let edit = try await database.transaction { connection -> VideoEdit? in
            let rows = try await connection.query("SELECT * FROM videos WHERE id = \(id.bits) FOR UPDATE", logger: database.logger).collect()
            guard let before = try rows.first.map(PostgresRows.video) else { return nil }
            var after = before
            if let caption { after.setCaption(caption) }
            if let visibility { after.visibility = visibility }
            if after != before {
                try await connection.query("""
                    UPDATE videos SET caption = \(after.caption), hashtags = \(try HashtagReparsing.encode(after.hashtags)),
                        visibility = \(after.visibility.rawValue) WHERE id = \(id.bits)
                    """, logger: database.logger)
            }
            return VideoEdit(before: before, after: after)
        }
        return edit.map { (before: $0.before, after: $0.after) }
    }

    /// Replaces a video's moderation restrictions. Returns the video before and after.
    public func setRestrictions(of id: ReelID, to restrictions: VideoRestrictions) async throws -> (before: Video, after: Video)? {
        let edit = try await database.transaction { connection -> VideoEdit? in
            let rows = try await connection.query("SELECT * FROM videos WHERE id = \(id.bits) FOR UPDATE", logger: database.logger).collect()
            guard let before = try rows.first.map(PostgresRows.video) else { return nil }
            var after = before
            after.restrictions = restrictions
            if after != before {
                try await connection.query("UPDATE videos SET restrictions = \(restrictions.rawValue) WHERE id = \(id.bits)", logger: database.logger)
            }
            return VideoEdit(before: before, after: after)
        }
        return edit.map { (before: $0.before, after: $0.after) }
    }

    /// Marks a video playable. Its job stays until ``finishJob(videoID:)``, after it is published.
    /// Returns the updated video.
    public func markVideoReady(id: ReelID, durationMs: Int, width: Int, height: Int) async throws -> Video? {
        try await database.rows("""
            UPDATE videos SET status = \(VideoStatus.ready.rawValue), duration_ms = \(durationMs), width = \(width), height = \(height),
                failure_reason = NULL WHERE id = \(id.bits) RETURNING *
            """).first.map(PostgresRows.video)
    }

    /// Deletes the job of a video that is ready and published. Returns whether there was one.
    @discardableResult
    public func finishJob(videoID: ReelID) async throws -> Bool {
        try await !database.rows("DELETE FROM transcode_jobs WHERE video_id = \(videoID.bits) RETURNING 1").isEmpty
    }

    /// Marks a video failed with a reason and drops its job, in one transaction.
    public func markVideoFailed(id: ReelID, reason: String) async throws {
        try await database.transaction { connection in
            try await connection.query("""
                UPDATE videos SET status = \(VideoStatus.failed.rawValue), failure_reason = \(reason) WHERE id = \(id.bits)
                """, logger: database.logger)
            try await connection.query("DELETE FROM transcode_jobs WHERE video_id = \(id.bits)", logger: database.logger)
        }
    }

    /// Deletes a video row (its job goes with it). Returns whether a row was deleted.
    @discardableResult
    public func deleteVideo(id: ReelID) async throws -> Bool {
        try await !database.rows("DELETE FROM videos WHERE id = \(id.bits) RETURNING 1").isEmpty
    }

    /// Adds deltas to a video's aggregate counters (never below zero) and returns the video.
    public func applyVideoCounterDeltas(id: ReelID, views: Int, likes: Int, comments: Int, shares: Int) async throws -> Video? {
        try await database.rows("""
            UPDATE videos SET view_count = GREATEST(0, view_count + \(views)), like_count = GREATEST(0, like_count + \(likes)),
                comment_count = GREATEST(0, comment_count + \(comments)), share_count = GREATEST(0, share_count + \(shares))
            WHERE id = \(id.bits) RETURNING *
            """).first.map(PostgresRows.video)
    }

    /// Claims the oldest job that is queued or whose lease expired at `date`, leasing it until
    /// `date + lease`. A job locked by another claimer is skipped (`FOR UPDATE SKIP LOCKED`), so
    /// two nodes never claim the same job and neither waits for the other.
    public func claimNextJob(at date: Date, leaseFor lease: TimeInterval) async throws -> TranscodeJob? {
        let now = date.timeIntervalSince1970
        return try await database.rows("""
            UPDATE transcode_jobs SET state = \(TranscodeJob.State.running.rawValue), attempts = attempts + 1,
                updated_at = \(now), lease_expires_at = \(now + lease)
            WHERE video_id = (SELECT video_id FROM transcode_jobs
                              WHERE state = \(TranscodeJob.State.queued.rawValue)
                                 OR (state = \(TranscodeJob.State.running.rawValue) AND COALESCE(lease_expires_at, 0) <= \(now))
                              ORDER BY created_at, video_id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).first.map(PostgresRows.job)
    }

    /// Extends the lease of `job` (the same attempt, still running) to `date + lease`.
    public func renewLease(of job: TranscodeJob, at date: Date, leaseFor lease: TimeInterval) async throws -> Bool {
        try await !database.rows("""
            UPDATE transcode_jobs SET lease_expires_at = \(date.timeIntervalSince1970 + lease)
            WHERE video_id = \(job.videoID.bits) AND state = \(TranscodeJob.State.running.rawValue) AND attempts = \(Int64(job.attempts))
            RETURNING 1
            """).isEmpty
    }

    /// Puts a job this process claimed back in the queue without counting the attempt.
    public func releaseJob(videoID: ReelID, at date: Date) async throws -> Bool {
        let released = try await database.rows("""
            UPDATE transcode_jobs SET state = \(TranscodeJob.State.queued.rawValue), attempts = GREATEST(attempts - 1, 0),
                updated_at = \(date.timeIntervalSince1970), lease_expires_at = NULL
            WHERE video_id = \(videoID.bits) AND state = \(TranscodeJob.State.running.rawValue) RETURNING 1
            """)
        return !released.isEmpty
    }

    /// Puts running jobs whose lease expired at `date` back in the queue. Returns how many.
    public func requeueInterruptedJobs(at date: Date) async throws -> Int {
        let now = date.timeIntervalSince1970
        return try await database.rows("""
            UPDATE transcode_jobs SET state = \(TranscodeJob.State.queued.rawValue), updated_at = \(now), lease_expires_at = NULL
            WHERE state = \(TranscodeJob.State.running.rawValue) AND COALESCE(lease_expires_at, 0) <= \(now) RETURNING 1
            """).count
    }

    /// Jobs not yet finished, oldest first.
    public func pendingJobs() async throws -> [TranscodeJob] {
        try await database.rows("SELECT * FROM transcode_jobs ORDER BY created_at, video_id").map(PostgresRows.job)
    }
}

/// A video before and after an edit (a Sendable pair to return from a transaction).
private struct VideoEdit: Sendable {
    var before: Video
    var after: Video
}
