import Foundation
import ReelCore
import ReelStore
import Synchronization

/// The worldwide Popular ranking, frozen into snapshots so that a browsing session pages through
/// one ordering however uploads and likes move the live ranking.
///
/// - A first page uses the newest snapshot if it is at most `refreshInterval` seconds old, and
///   otherwise takes a new one: one ranking query over the listed videos, keeping the top `depth`
///   entries. So the ranking is not recomputed per request.
/// - Snapshots are kept `retention` seconds (at most `maxSnapshots` at once) for the cursors that
///   point into them. Within a retained snapshot a session sees every entry once, in order: no
///   repeats, no gaps.
/// - A cursor whose snapshot is gone (expired, evicted, a restart, another server node), or that
///   reads past a truncated snapshot's `depth`, continues by keyset over the ranking recomputed at
///   the snapshot's own instant (same time decay) with today's counters: entries ranking strictly
///   after the cursor's last entry. A video already served ranked at or above that entry and counters
///   only grow, so it is not served again — unless its counters fell since (an unlike, a deleted
///   comment), the one case in which the fallback can repeat; a video whose counters rose past the
///   cursor since the snapshot is skipped. Both are bounded to sessions older than `retention`.
///
/// Snapshots hold only IDs and scores; whether a video may still be shown is decided when a page
/// is read (see ``FeedService/popular(viewer:cursor:limit:)``).
final class PopularRanking: Sendable {
    /// A ranking frozen at one instant.
    struct Snapshot: Sendable {
        /// The ranking's instant in milliseconds since 1970; also the snapshot's identity in cursors.
        let takenAt: Int64
        /// Best first, at most `depth`.
        let entries: [PopularityEntry]
        /// Whether the ranking had entries beyond `entries`.
        let isTruncated: Bool
    }

    let index: PublicIndex
    /// Weight of popularity halves every `halfLife` seconds of a video's age.
    let halfLife: TimeInterval
    let refreshInterval: TimeInterval
    let retention: TimeInterval
    let depth: Int
    let maxSnapshots: Int
    /// Oldest first. Held only to look up or swap entries, never across a query.
    private let snapshots = Mutex<[Snapshot]>([])

    init(index: PublicIndex, halfLife: TimeInterval = 3 * 24 * 3600, refreshInterval: TimeInterval = 30,
         retention: TimeInterval = 30 * 60, depth: Int = 10_000, maxSnapshots: Int = 128) {
        self.index = index
        self.halfLife = halfLife
        self.refreshInterval = refreshInterval
        self.retention = retention
        self.depth = depth
        self.maxSnapshots = maxSnapshots
    }

    /// The snapshot a new session starts from: the newest one if fresh enough, else a new one.
    func latest(now: Date = Date()) async throws -> Snapshot {
        let nowMs = Self.milliseconds(now)
        if let newest = snapshots.withLock({ $0.last }), Double(nowMs - newest.takenAt) / 1000 < refreshInterval || newest.takenAt >= nowMs {
            return newest
        }
        let ranked = try await index.popularRanking(now: Self.date(nowMs), halfLife: halfLife, limit: depth + 1)
        let snapshot = Snapshot(takenAt: nowMs, entries: Array(ranked.prefix(depth)), isTruncated: ranked.count > depth)
        snapshots.withLock { list in
            list.removeAll { Double(nowMs - $0.takenAt) / 1000 > retention }
            list.append(snapshot)
            list.sort { $0.takenAt < $1.takenAt }
            if list.count > maxSnapshots { list.removeFirst(list.count - maxSnapshots) }
        }
        return snapshot
    }

    /// The retained snapshot taken at `takenAt`, if any.
    func snapshot(takenAt: Int64) -> Snapshot? {
        snapshots.withLock { list in list.last { $0.takenAt == takenAt } }
    }

    /// Up to `limit` entries of the session's ordering that rank after `bound` (from the top when nil).
    /// Fewer than `limit` means the ranking has no more.
    /// - Complexity: O(log depth + limit) from a retained snapshot; one ranking query otherwise.
    func entries(session takenAt: Int64, after bound: PopularityEntry?, limit: Int) async throws -> [PopularityEntry] {
        var found: [PopularityEntry] = []
        var after = bound
        if let snapshot = snapshot(takenAt: takenAt) {
            let entries = snapshot.entries
            let start = bound.map { bound in Self.partitionPoint(entries) { $0.ranksAfter(bound) } } ?? 0
            found = Array(entries[start..<min(entries.count, start + limit)])
            guard found.count < limit, snapshot.isTruncated else { return found }
            after = found.last ?? bound
        }
        found += try await index.popularRanking(now: Self.date(takenAt), halfLife: halfLife, after: after, limit: limit - found.count)
        return found
    }

    /// The first index whose entry satisfies `isAfter`, in entries ordered best first (binary search).
    private static func partitionPoint(_ entries: [PopularityEntry], _ isAfter: (PopularityEntry) -> Bool) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(entries[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    private static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
