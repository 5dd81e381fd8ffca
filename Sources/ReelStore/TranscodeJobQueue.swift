import Foundation
import ReelCore

/// The durable transcoding queue of one region (jobs live next to their videos).
public protocol TranscodeJobQueue: Sendable {
    /// Claims the oldest queued job (state → running, attempts + 1), or nil when none is queued.
    func claimNextJob(at date: Date) async throws -> TranscodeJob?
    /// Puts a job this process claimed back in the queue (running → queued) without counting the
    /// attempt: a job stopped by a shutdown did nothing wrong. Returns false when the job is no
    /// longer running (it finished, failed or was deleted meanwhile).
    func releaseJob(videoID: ReelID, at date: Date) async throws -> Bool
    /// Puts jobs left `running` by a process that died back in the queue. Returns how many.
    func requeueInterruptedJobs(at date: Date) async throws -> Int
    /// Jobs not yet finished, oldest first.
    func pendingJobs() async throws -> [TranscodeJob]
}

/// A durable transcoding job, kept in the region database next to its video so both are
/// written in one transaction.
public struct TranscodeJob: Codable, Sendable, Equatable {
    /// Where a job is.
    public enum State: String, Codable, Sendable {
        /// Waiting for a worker.
        case queued
        /// A worker has claimed it; requeued at start-up if the process died.
        case running
    }

    /// The video to transcode (and the job's key).
    public var videoID: ReelID
    /// Current state.
    public var state: State
    /// Times a worker has claimed it.
    public var attempts: Int
    /// When it was queued.
    public var createdAt: Date
    /// When it last changed state.
    public var updatedAt: Date
}
