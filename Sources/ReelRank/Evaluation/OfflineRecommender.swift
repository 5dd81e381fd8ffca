/// One row of an implicit-feedback log, as read from `user,item,timestamp,weight` CSV.
///
/// `timestamp` is Unix seconds; `weight` is the strength of the interaction
/// (a rating, a completion ratio, or 1 for a plain event).
public struct Interaction: Sendable, Hashable {
    public var user: Int
    public var item: Int
    public var timestamp: Int
    public var weight: Double

    public init(user: Int, item: Int, timestamp: Int, weight: Double) {
        self.user = user
        self.item = item
        self.timestamp = timestamp
        self.weight = weight
    }
}

/// A recommender that can be trained on a log and asked for top-K lists, so
/// `reel eval` can score Reel and every baseline through the same protocol.
public protocol OfflineRecommender {
    /// Name shown in evaluation tables (e.g. "popularity", "reel").
    var name: String { get }
    /// Trains on the interactions of the training period (sorted by time).
    mutating func fit(_ train: [Interaction])
    /// The top `k` items for `user`, best first, never containing an item in `excluding`.
    func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int]
}
