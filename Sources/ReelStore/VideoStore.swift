import Foundation
import ReelCore

/// The videos of one region's creators, in any status and visibility, with their counters.
public protocol VideoStore: Sendable {
    /// Stores a new video in `processing` together with its transcoding job, in one transaction,
    /// so a queued job always has its video and a video is never left without a job.
    func insertVideoWithJob(_ video: Video, at date: Date) async throws
    /// The video with this ID, if it lives here.
    func video(id: ReelID) async throws -> Video?
    /// Creators' videos, newest first, with one of the given visibilities and statuses,
    /// strictly older than `cursor` when given.
    func videos(createdBy creatorIDs: [ReelID], visibilities: Set<Visibility>, statuses: Set<VideoStatus>,
                before cursor: ReelID?, limit: Int) async throws -> [Video]
    /// Changes a video's caption (and so its hashtags) and/or visibility in one transaction.
    /// Returns the video before and after, or nil when it does not live here.
    func updateVideo(id: ReelID, caption: String?, visibility: Visibility?) async throws -> (before: Video, after: Video)?
    /// Replaces a video's moderation restrictions. Returns the video before and after, or nil when
    /// it does not live here.
    func setRestrictions(of id: ReelID, to restrictions: VideoRestrictions) async throws -> (before: Video, after: Video)?
    /// Marks a video playable (again, with a larger top size, when more renditions are added).
    /// Returns the updated video, or nil when it does not live here. Its transcode job stays: the
    /// worker deletes it once the video is published (``TranscodeJobQueue/finishJob(videoID:)``),
    /// so a node that dies in between leaves the job for another node to finish.
    func markVideoReady(id: ReelID, durationMs: Int, width: Int, height: Int) async throws -> Video?
    /// Marks a video failed with a reason and drops its job, in one transaction.
    func markVideoFailed(id: ReelID, reason: String) async throws
    /// Deletes a video row (its job goes with it). Returns whether a row was deleted.
    @discardableResult
    func deleteVideo(id: ReelID) async throws -> Bool
    /// Adds deltas to a video's aggregate counters (each never below zero) and returns the video;
    /// callers use ``adjustVideoCounters(id:views:likes:comments:shares:)``.
    func applyVideoCounterDeltas(id: ReelID, views: Int, likes: Int, comments: Int, shares: Int) async throws -> Video?
}

extension VideoStore {
    /// Adds deltas to a video's aggregate counters (never below zero) and returns the video.
    @discardableResult
    public func adjustVideoCounters(id: ReelID, views: Int = 0, likes: Int = 0, comments: Int = 0, shares: Int = 0) async throws -> Video? {
        try await applyVideoCounterDeltas(id: id, views: views, likes: likes, comments: comments, shares: shares)
    }
}
