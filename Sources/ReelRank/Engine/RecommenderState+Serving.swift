/// An immutable copy of a region's state that requests rank from without holding the region's
/// lock, while events and retrains keep changing the live state behind it.
///
/// Taking one is O(number of fields): the copy shares every array and table with the live state
/// (copy-on-write). The live state's next change to a shared table copies that table once, so the
/// cost of a snapshot is paid by the writer, once per table it touches, not per request. The
/// copy leaves out what requests never read from it: other viewers' profiles (each request uses
/// its own viewer's current profile, taken under the lock, so a viewer's own actions show at
/// once) and the embedding training log.
final class ServingSnapshot: Sendable {
    let state: RecommenderState
    /// `eventCount` and `changeCount` of the live state when the copy was taken.
    let eventCount: Int
    let changeCount: Int

    init(of live: RecommenderState) {
        var copy = live
        copy.users = [:]
        copy.trainUsers = []
        copy.trainItems = []
        copy.trainStrengths = []
        copy.published = nil
        state = copy
        eventCount = live.eventCount
        changeCount = live.changeCount
    }
}

extension RecommenderState {
    /// How many events the serving snapshot may lag behind: 1 per 1,000 videos (at least 1), so
    /// the tables the writer copies after each snapshot (O(videos)) cost O(1,000) bytes per event
    /// at most, whatever the catalogue size. Catalogue, safety, retrain and refresh changes are
    /// never lagged.
    var servingLag: Int { max(1, catalog.count / 1000) }

    /// The snapshot requests rank from: the published one while it is current enough, else a new one.
    /// - Complexity: O(fields) (see `ServingSnapshot`).
    mutating func servingSnapshot() -> ServingSnapshot {
        if let current = published, current.changeCount == changeCount, eventCount - current.eventCount < servingLag {
            return current
        }
        let fresh = ServingSnapshot(of: self)
        published = fresh
        return fresh
    }
}
