import Foundation
import ReelCore

/// The durable transcoding queue of one region (jobs live next to their videos), shared by every
/// node of the region.
///
/// A worker claims a job with a lease (``TranscodeJob/leaseExpiresAt``) and renews it while it
/// works; a job whose lease ran out (its worker's node died) is claimed again by any node. Claims
/// never overlap: the claim is one conditional update of the job row (PostgreSQL also skips rows
/// another claimer holds locked, `FOR UPDATE SKIP LOCKED`).
public protocol TranscodeJobQueue: Sendable {
    /// Claims the oldest job that is queued, or running with a lease expired at `date` (state →
    /// running, attempts + 1, lease until `date + lease`), or nil when there is none.
    func claimNextJob(at date: Date, leaseFor lease: TimeInterval) async throws -> TranscodeJob?
    /// Extends the lease of `job` (as claimed: same attempt) to `date + lease`. Returns false when
    /// the claim is no longer this worker's (finished, deleted, or claimed again after it expired).
    func renewLease(of job: TranscodeJob, at date: Date, leaseFor lease: TimeInterval) async throws -> Bool
    /// Puts a job this process claimed back in the queue (running → queued, lease cleared) without
    /// counting the attempt: a job stopped by a shutdown did nothing wrong. Returns false when the
    /// job is no longer running (it finished, failed or was deleted meanwhile).
    func releaseJob(videoID: ReelID, at date: Date) async throws -> Bool
    /// Puts back in the queue the running jobs whose lease expired at `date` (their worker died);
    /// a job a live worker keeps renewing is left alone. Returns how many.
    func requeueInterruptedJobs(at date: Date) async throws -> Int
    /// Jobs not yet finished, oldest first.
    func pendingJobs() async throws -> [TranscodeJob]
    /// Deletes the job of a video that is ready and published. Marking a video ready keeps its job
    /// (``VideoStore/markVideoReady(id:durationMs:width:height:)``), so a node that dies before
    /// publishing leaves the job to be retried; the worker calls this once publishing succeeded.
    /// Returns whether a job was deleted (false when there was none).
    @discardableResult
    func finishJob(videoID: ReelID) async throws -> Bool
}

/// A durable transcoding job, kept in the region database next to its video so both are
/// written in one transaction.
public struct TranscodeJob: Codable, Sendable, Equatable {
    /// Where a job is.
    public enum State: String, Codable, Sendable {
        /// Waiting for a worker.
        case queued
        /// A worker has claimed it until its lease expires (then any node may claim it again).
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
    /// Until when the worker that claimed it holds it (renewed while it works); nil while queued,
    /// and for a job claimed by a version without leases (claimable again at once).
    public var leaseExpiresAt: Date? = nil
}
