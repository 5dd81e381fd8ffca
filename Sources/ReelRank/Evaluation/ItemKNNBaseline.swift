/// Baseline: exact item-based k-nearest-neighbours over implicit feedback.
///
/// Every training row is a binary user–item interaction (weights are ignored;
/// repeats count once). The similarity of items i and j is the cosine of their user
/// sets, |U(i) ∩ U(j)| / √(|U(i)| · |U(j)|); each item keeps its `neighbours` most
/// similar items. A user's score for item i is the sum of sim(j, i) over the items j
/// of their training history that have i as a neighbour. Items with no score are not
/// recommended, so a user whose items have no neighbours gets a short or empty list.
/// Ties go to the smaller item ID.
public struct ItemKNNBaseline: OfflineRecommender, Sendable {
    /// Shown in evaluation tables: "item-knn" at the default 50 neighbours, else e.g. "item-knn-200".
    public var name: String { neighbours == 50 ? "item-knn" : "item-knn-\(neighbours)" }
    /// How many most-similar items each item keeps.
    public let neighbours: Int

    /// Item IDs by dense index, ascending.
    private var itemIDs: [Int] = []
    /// Each user's distinct training items, as dense indices in ascending order.
    private var histories: [Int: [Int32]] = [:]
    /// Neighbour lists in compressed rows: item i's neighbours are
    /// `neighbourItems[neighbourStart[i]..<neighbourStart[i + 1]]`, best first.
    private var neighbourStart: [Int] = [0]
    private var neighbourItems: [Int32] = []
    private var neighbourSimilarities: [Double] = []

    /// Creates an untrained baseline keeping `neighbours` neighbours per item (default 50).
    public init(neighbours: Int = 50) {
        precondition(neighbours > 0, "neighbours must be positive")
        self.neighbours = neighbours
    }

    /// Builds the sparse co-occurrence counts and keeps the top neighbours per item.
    ///
    /// Co-occurrences are accumulated one item at a time into a reused dense row,
    /// never as an items × items matrix.
    /// - Complexity: O(Σ_u n_u² + m · c log c) time for users with n_u items, m items
    ///   and at most c co-occurring items per item; O(m · neighbours) memory.
    public mutating func fit(_ train: [Interaction]) {
        itemIDs = Array(Set(train.map(\.item))).sorted()
        let itemIndex = Dictionary(uniqueKeysWithValues: itemIDs.enumerated().map { ($1, Int32($0)) })
        var sets: [Int: Set<Int32>] = [:]
        for event in train { sets[event.user, default: []].insert(itemIndex[event.item]!) }
        histories = sets.mapValues { $0.sorted() }

        // Users per item, in ascending user order so sums are deterministic.
        var itemUsers = [[Int32]](repeating: [], count: itemIDs.count)
        let users = histories.keys.sorted()
        var userHistories: [[Int32]] = []
        userHistories.reserveCapacity(users.count)
        for (userIndex, user) in users.enumerated() {
            let history = histories[user]!
            userHistories.append(history)
            for item in history { itemUsers[Int(item)].append(Int32(userIndex)) }
        }

        neighbourStart = [0]
        neighbourItems = []
        neighbourSimilarities = []
        var counts = [Int32](repeating: 0, count: itemIDs.count)
        var touched: [Int32] = []
        for item in itemIDs.indices {
            for user in itemUsers[item] {
                for other in userHistories[Int(user)] where Int(other) != item {
                    if counts[Int(other)] == 0 { touched.append(other) }
                    counts[Int(other)] += 1
                }
            }
            let degree = Double(itemUsers[item].count)
            var candidates = touched.map { other in
                (other, Double(counts[Int(other)]) / (degree * Double(itemUsers[Int(other)].count)).squareRoot())
            }
            candidates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            for (other, similarity) in candidates.prefix(neighbours) {
                neighbourItems.append(other)
                neighbourSimilarities.append(similarity)
            }
            neighbourStart.append(neighbourItems.count)
            for other in touched { counts[Int(other)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
    }

    /// The `k` items with the highest neighbourhood score for `user`, not in `excluding`.
    ///
    /// Returns an empty list for a user without training history.
    /// - Complexity: O(h · neighbours + c log c) for h history items and c scored items.
    public func recommend(for user: Int, k: Int, excluding: Set<Int>) -> [Int] {
        EvaluationRanking.top(scores(for: user), k: k, excluding: excluding)
    }

    /// The neighbourhood score of every item reachable from `user`'s history, by item ID.
    ///
    /// Used by `HeuristicBaseline` as personal affinity. Empty for an unknown user.
    /// - Complexity: O(h · neighbours) for h history items.
    func scores(for user: Int) -> [Int: Double] {
        guard let history = histories[user] else { return [:] }
        var byIndex: [Int32: Double] = [:]
        for item in history {
            let row = neighbourStart[Int(item)]..<neighbourStart[Int(item) + 1]
            for slot in row { byIndex[neighbourItems[slot], default: 0] += neighbourSimilarities[slot] }
        }
        return Dictionary(uniqueKeysWithValues: byIndex.map { (itemIDs[Int($0.key)], $0.value) })
    }
}
