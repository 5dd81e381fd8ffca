/// An exact top-N leaderboard for scores that only ever grow (log-space trending scores).
///
/// A video outside the board can only enter when its own score rises, which is exactly when
/// it is offered, so the board always holds the true top N without rescanning the catalogue.
struct TrendingBoard: Sendable, Hashable {
    let capacity: Int
    private(set) var members: [Int32] = []
    private var position: [Int32: Int] = [:]
    private var minSlot = -1

    init(capacity: Int) { self.capacity = capacity }

    init(capacity: Int, members: [Int32], scores: [Double]) {
        self.capacity = capacity
        self.members = members
        for (slot, m) in members.enumerated() { position[m] = slot }
        rescan(scores)
    }

    /// Offers a video whose score just changed.
    /// - Complexity: O(1), or O(capacity) when the board's minimum changes.
    mutating func offer(_ video: Int32, scores: [Double]) {
        if let slot = position[video] {
            if slot == minSlot { rescan(scores) }
            return
        }
        if members.count < capacity {
            position[video] = members.count
            members.append(video)
            rescan(scores)
            return
        }
        guard minSlot >= 0, scores[Int(video)] > scores[Int(members[minSlot])] else { return }
        position[members[minSlot]] = nil
        members[minSlot] = video
        position[video] = minSlot
        rescan(scores)
    }

    /// Drops a video (removed or blocked everywhere).
    mutating func remove(_ video: Int32, scores: [Double]) {
        guard let slot = position[video] else { return }
        position[video] = nil
        let last = members.removeLast()
        if slot < members.count {
            members[slot] = last
            position[last] = slot
        }
        rescan(scores)
    }

    /// Members sorted best first.
    func ranked(scores: [Double]) -> [Int32] {
        members.sorted { (scores[Int($0)], $1) > (scores[Int($1)], $0) }
    }

    private mutating func rescan(_ scores: [Double]) {
        minSlot = members.indices.min { scores[Int(members[$0])] < scores[Int(members[$1])] } ?? -1
    }
}
