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
/// - Snapshots are kept `retention` seconds after they are made (at most `maxSnapshots` at once)
///   for the cursors that point into them. Within a snapshot a session sees every entry once, in
///   order: no repeats, no gaps.
/// - A cursor whose snapshot is gone (expired, evicted, a restart, another server node) gets the
///   snapshot rebuilt for the same instant — the same time decay, with today's counters — and
///   continues after its last entry, by (score, ID); the rebuilt snapshot is kept like any other,
///   so the rest of the session is stable again. A video already served ranked at or above that
///   entry and counters only grow, so it is not served again — unless its counters fell since (an
///   unlike, a deleted comment), the one case that can repeat; a video whose counters rose past the
///   cursor since is skipped. Reading past a truncated snapshot's `depth` continues the same way,
///   by keyset over the ranking at the snapshot's instant.
///
/// Snapshots hold only IDs and scores; whether a video may still be shown is decided when a page
/// is read (see ``FeedService/popular(viewer:cursor:limit:)``).
final class PopularRanking: Sendable {
    /// A ranking frozen at one instant.
    struct Snapshot: Sendable {
        /// The ranking's instant in milliseconds since 1970; also the snapshot's identity in cursors.
        let takenAt: Int64
        /// When it was made (equal to `takenAt` unless rebuilt for an older cursor), for expiry.
        let madeAt: Int64
        /// Best first, at most `depth`.
        let entries: [PopularityEntry]
        /// Whether the ranking had entries beyond `entries`.
        let isTruncated: Bool
    }

    let index: any PublicIndexStore
    /// Weight of popularity halves every `halfLife` seconds of a video's age.
    let halfLife: TimeInterval
    let refreshInterval: TimeInterval
    let retention: TimeInterval
    let depth: Int
    let maxSnapshots: Int
    /// The kept snapshots and whether a request is taking a new one for new sessions.
    private struct State {
        /// By `takenAt`.
        var kept: [Int64: Snapshot] = [:]
        var isRefreshing = false
    }

    /// Held only to look up or swap entries, never across a query.
    private let state = Mutex(State())

    /// - Parameters:
    ///   - refreshInterval: seconds a snapshot serves new sessions (0: each new session takes one).
    ///   - retention: seconds a snapshot is kept for the cursors that point into it.
    ///   - depth: entries per snapshot (about 16 bytes each); deeper pages read by keyset.
    init(index: any PublicIndexStore, halfLife: TimeInterval = 3 * 24 * 3600, refreshInterval: TimeInterval = 30,
         retention: TimeInterval = 30 * 60, depth: Int = 10_000, maxSnapshots: Int = 128) {
        self.index = index
        self.halfLife = halfLife
        self.refreshInterval = refreshInterval
        self.retention = retention
        self.depth = depth
        self.maxSnapshots = maxSnapshots
    }

    /// The snapshot a new session starts from: the newest one if fresh enough, else a new one.
    /// While one request takes a new snapshot, others keep using the previous one rather than
    /// ranking all videos at the same time.
    func latest(now: Date = Date()) async throws -> Snapshot {
        let nowMs = Self.milliseconds(now)
        let (newest, refreshes) = state.withLock { state -> (Snapshot?, Bool) in
            // Only snapshots taken for new sessions, not those rebuilt for an old cursor.
            let newest = state.kept.values.filter { $0.madeAt == $0.takenAt }.max { $0.takenAt < $1.takenAt }
            if let newest, Double(nowMs - newest.takenAt) / 1000 < refreshInterval || newest.takenAt >= nowMs || state.isRefreshing {
                return (newest, false)
            }
            state.isRefreshing = true
            return (newest, true)
        }
        if !refreshes, let newest { return newest }
        defer { if refreshes { state.withLock { $0.isRefreshing = false } } }
        return try await take(at: nowMs, now: nowMs)
    }

    /// Up to `limit` entries of the session's ordering that rank after `bound` (from the top when nil).
    /// Fewer than `limit` means the ranking has no more.
    /// - Complexity: O(log depth + limit) from a kept snapshot; one ranking query otherwise.
    func entries(session takenAt: Int64, after bound: PopularityEntry?, limit: Int, now: Date = Date()) async throws -> [PopularityEntry] {
        let snapshot: Snapshot
        if let kept = state.withLock({ $0.kept[takenAt] }) {
            snapshot = kept
        } else {
            snapshot = try await take(at: takenAt, now: Self.milliseconds(now))
        }
        let entries = snapshot.entries
        let start = bound.map { bound in Self.partitionPoint(entries) { $0.ranksAfter(bound) } } ?? 0
        let found = Array(entries[start ..< min(entries.count, start + limit)])
        guard found.count < limit, snapshot.isTruncated else { return found }
        return try await found + index.popularRanking(now: Self.date(takenAt), halfLife: halfLife, after: found.last ?? bound,
                                                      limit: limit - found.count)
    }

    /// Ranks the listed videos as of `takenAt` and keeps the result, dropping expired snapshots
    /// and, beyond `maxSnapshots`, the oldest made.
    private func take(at takenAt: Int64, now: Int64) async throws -> Snapshot {
        let ranked = try await index.popularRanking(now: Self.date(takenAt), halfLife: halfLife, limit: depth + 1)
        let snapshot = Snapshot(takenAt: takenAt, madeAt: now, entries: Array(ranked.prefix(depth)), isTruncated: ranked.count > depth)
        state.withLock { state in
            state.kept = state.kept.filter { Double(now - $0.value.madeAt) / 1000 <= retention }
            state.kept[takenAt] = snapshot
            while state.kept.count > maxSnapshots, let oldest = state.kept.values.min(by: { $0.madeAt < $1.madeAt }) {
                state.kept[oldest.takenAt] = nil
            }
        }
        return snapshot
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
