import Foundation
import ReelCore

/// What a data-subject request needs from a region: everything held about a user, and erasure.
public protocol PersonalDataStore: Sendable {
    /// Everything this region holds about `user` (who must live here), oldest first, in one read.
    func personalRecords(of user: ReelID) async throws -> PersonalRecords
    /// Removes every follow edge from this region's users to `followee`, lowering each follower's
    /// following count in the same transaction, and drops the behaviour-log entries of follows of
    /// `followee` (they name the account being erased). Returns the followers whose edge was removed.
    func removeFollowers(of followee: ReelID) async throws -> [ReelID]
    /// Deletes the account row of `user` with their sessions, every behaviour row still left and
    /// their entries of the behaviour log, in one transaction; statements of reasons about them stay
    /// (for transparency reporting) but lose the removed comment they held. Returns whether the account existed.
    func deleteAccount(id user: ReelID) async throws -> Bool
    /// Removes what deleted rows leave behind in the store's own files, after an erasure: on
    /// SQLite (which overwrites deleted content in its pages, `secure_delete`) the older page
    /// images still in the write-ahead log, by checkpointing it and truncating it to zero bytes.
    /// PostgreSQL keeps dead row versions until vacuum and has nothing to do here (see docs/deployment.md, "Erasure and deleted data").
    /// - Throws: what the store throws, e.g. when readers hold the log for longer than the busy timeout.
    func scrubDeletedRows() async throws
}

/// One thing a user did to a video or another user, and when (for exports).
public struct UserAction: Codable, Sendable, Equatable {
    /// The video, or the followed user for follows.
    public var targetID: ReelID
    /// When it happened.
    public var at: Date

    /// Creates an action record.
    public init(targetID: ReelID, at: Date) {
        self.targetID = targetID
        self.at = at
    }
}

/// Every row a user's home region holds about them, apart from the account row itself.
public struct PersonalRecords: Sendable {
    /// Users they follow.
    public var follows: [UserAction]
    /// Videos they like.
    public var likes: [UserAction]
    /// Videos they shared.
    public var shares: [UserAction]
    /// Videos they marked "not interested".
    public var notInterested: [UserAction]
    /// Comments they wrote.
    public var comments: [Comment]
    /// Their watch history.
    public var watchEvents: [WatchEvent]
    /// Their videos, in any status and visibility.
    public var videos: [Video]
}
