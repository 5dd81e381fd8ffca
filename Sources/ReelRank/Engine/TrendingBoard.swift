/// An exact top-N leaderboard for scores that only ever grow (log-space trending scores), kept
/// sorted best first (ties: lower index first).
///
/// A video outside the board can only enter when its own score rises, which is exactly when
/// it is offered, so the board always holds the true top N without rescanning the catalogue.
/// Because a score only grows, an offered member can only move up: one insertion step toward
/// the front keeps the order, so reading the ranking costs nothing (every replayed event and
/// every request reads it; sorting the board each time was a fifth of `reel eval`'s CPU).
struct TrendingBoard: Sendable, Hashable {
    let capacity: Int
    /// Members, best first.
    private(set) var members: [Int32] = []
    private var position: [Int32: Int] = [:]

    init(capacity: Int) { self.capacity = capacity }

    init(capacity: Int, members: [Int32], scores: [Double]) {
        self.capacity = capacity
        self.members = members.sorted { Self.precedes($0, $1, scores) }
        for (slot, m) in self.members.enumerated() { position[m] = slot }
    }

    /// Offers a video whose score just grew (or that was just scored).
    /// - Complexity: O(positions it climbs), at most O(capacity).
    mutating func offer(_ video: Int32, scores: [Double]) {
        if let slot = position[video] {
            climb(from: slot, scores)
            return
        }
        if members.count < capacity {
            members.append(video)
        } else {
            guard let last = members.last, scores[Int(video)] > scores[Int(last)] else { return }
            position[last] = nil
            members[members.count - 1] = video
        }
        position[video] = members.count - 1
        climb(from: members.count - 1, scores)
    }

    /// Drops a video (removed or blocked everywhere).
    /// - Complexity: O(capacity)
    mutating func remove(_ video: Int32, scores: [Double]) {
        guard let slot = position[video] else { return }
        position[video] = nil
        members.remove(at: slot)
        for n in slot ..< members.count { position[members[n]] = n }
    }

    /// Members sorted best first.
    /// - Complexity: O(1)
    func ranked(scores: [Double]) -> [Int32] { members }

    /// Moves the member at `slot` toward the front until the one before it ranks higher.
    private mutating func climb(from slot: Int, _ scores: [Double]) {
        var n = slot
        let video = members[n]
        while n > 0 && Self.precedes(video, members[n - 1], scores) {
            members[n] = members[n - 1]
            position[members[n]] = n
            n -= 1
        }
        members[n] = video
        position[video] = n
    }

    /// The board's order: higher score first, then lower index.
    private static func precedes(_ a: Int32, _ b: Int32, _ scores: [Double]) -> Bool {
        (scores[Int(a)], b) > (scores[Int(b)], a)
    }
}
