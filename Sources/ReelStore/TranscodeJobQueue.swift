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
    /// Puts back in the queue the running jobs whose lease expired at `date` (their worker died);
    /// a job a live worker keeps renewing is left alone. Returns how many.
    func requeueInterruptedJobs(at date: Date) async throws -> Int
    /// Jobs not yet finished, oldest first.
    func pendingJobs() async throws -> [TranscodeJob]
}
