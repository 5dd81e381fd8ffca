import Foundation
import ReelCore

/// The behaviour of one region's users as the recommender reads it: watch events, and a replay of
/// every behaviour row (watches, likes, shares, comments, "not interested", follows) in time order.
public protocol BehaviourLog: Sendable {
    /// Stores watch events, ignoring any whose `(userID, clientEventID)` is already stored.
    /// Returns the events that were new, so callers count each one once however often a client retries.
    func recordWatchEvents(_ events: [WatchEvent]) async throws -> [WatchEvent]
    /// Videos the user has watched or marked "not interested": never recommend them again.
    func seenVideoIDs(user: ReelID) async throws -> Set<ReelID>
    /// Trending videos among this region's viewers: each watch (1, +2 completed, +1 replayed), like (4)
    /// and share (6) since `since` adds weight that halves every `halfLife` seconds before `now`. Best first.
    func trendingVideos(since: Date, now: Date, halfLife: TimeInterval, limit: Int) async throws -> [(videoID: ReelID, score: Double)]
    /// The current end of every behaviour table.
    func behaviourWatermark() async throws -> BehaviourWatermark
    /// Calls `body` for every behaviour row added after `watermark` (all rows for `.start`), oldest
    /// first, streaming so memory stays flat however long the history. Returns the watermark reached.
    @discardableResult
    func forEachBehaviour(after watermark: BehaviourWatermark, _ body: @escaping @Sendable (BehaviourRecord) -> Void) async throws -> BehaviourWatermark
}
