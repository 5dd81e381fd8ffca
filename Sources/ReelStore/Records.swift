import Foundation
import GRDB
import ReelCore

extension Account: UnixTimeRecord {
    public static let databaseTableName = "users"
}

extension Session: UnixTimeRecord {
    public static let databaseTableName = "sessions"
}

extension Video: UnixTimeRecord {
    public static let databaseTableName = "videos"
}

extension Comment: UnixTimeRecord {
    public static let databaseTableName = "comments"
}

extension WatchEvent: UnixTimeRecord {
    public static let databaseTableName = "watchEvents"
}

/// A durable transcoding job, kept in the region database next to its video so both are
/// written in one transaction.
public struct TranscodeJob: Codable, Sendable, Equatable, UnixTimeRecord {
    public static let databaseTableName = "transcodeJobs"

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

/// One follow edge, stored in the follower's home region.
struct FollowRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "follows"
    var followerID: ReelID
    var followeeID: ReelID
    var createdAt: Date
}

/// One like, stored in the liker's home region.
struct LikeRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "likes"
    var userID: ReelID
    var videoID: ReelID
    var createdAt: Date
}

/// One "not interested", stored in the viewer's home region.
struct NotInterestedRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "notInterested"
    var userID: ReelID
    var videoID: ReelID
    var createdAt: Date
}

/// One share, stored in the sharer's home region.
struct ShareRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "shares"
    var userID: ReelID
    var videoID: ReelID
    var createdAt: Date
}
