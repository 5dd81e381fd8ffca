import Foundation
import ReelCore

/// The behaviour of one region's users as the recommender reads it: watch events, and an
/// append-only log of every behaviour (watches, likes and unlikes, shares, comments, "not
/// interested", follows and unfollows) plus changes of the public catalogue, numbered in commit order.
///
/// Every engine fills the log inside the transaction that writes the behaviour row (database
/// triggers, installed by a migration, so even a process of an older version logs what it writes)
/// and numbers it from a counter row updated in that same transaction: the counter's row lock is
/// held until commit, so a larger number always commits later. A follower that has applied every
/// entry up to `n` therefore never skips one by reading entries above `n` next (a PostgreSQL
/// sequence would not do: its values are handed out at insert time, not in commit order).
public protocol BehaviourLog: Sendable {
    /// Stores watch events, ignoring any whose `(userID, clientEventID)` is already stored.
    /// Returns the events that were new, so callers count each one once however often a client retries.
    func recordWatchEvents(_ events: [WatchEvent]) async throws -> [WatchEvent]
    /// Videos the user has watched or marked "not interested": never recommend them again.
    func seenVideoIDs(user: ReelID) async throws -> Set<ReelID>
    /// Trending videos among this region's viewers: each watch (1, +2 completed, +1 replayed), like (4)
    /// and share (6) since `since` adds weight that halves every `halfLife` seconds before `now`. Best first.
    func trendingVideos(since: Date, now: Date, halfLife: TimeInterval, limit: Int) async throws -> [(videoID: ReelID, score: Double)]
    /// The sequence number of the newest committed log entry (0 while the log is empty).
    func behaviourLogHead() async throws -> Int64
    /// Up to `limit` log entries numbered above `sequence`, in sequence order. Fewer than `limit`
    /// means the reader has reached the head as of this read.
    /// - Complexity: one primary-key range read.
    func behaviour(after sequence: Int64, limit: Int) async throws -> [BehaviourRecord]
    /// Appends a `.catalogue` entry: the public listing of `video` (created by `creator`, of this
    /// region) changed, so every node's recommenders read it again.
    func appendCatalogueChange(video: ReelID, creator: ReelID, at date: Date) async throws
}
