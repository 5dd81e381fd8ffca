import Foundation
import GRDB
import ReelCore

/// One behaviour row of a region, as replayed into the region's recommender.
public struct BehaviourRecord: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable {
        /// A watch event.
        case watch
        /// A like (only likes that still stand).
        case like
        /// A share.
        case share
        /// A comment written.
        case comment
        /// "Not interested".
        case notInterested
        /// A follow; `targetID` is the creator.
        case follow
    }

    /// What happened.
    public var kind: Kind
    /// The acting user (always of this region).
    public var userID: ReelID
    /// The video, or the followed creator for `.follow`.
    public var targetID: ReelID
    /// Milliseconds watched (watch only).
    public var watchedMs: Int
    /// Video duration the client saw (watch only).
    public var durationMs: Int
    /// Playback reached the end (watch only).
    public var completed: Bool
    /// Watched again (watch only).
    public var replayed: Bool
    /// When, in Unix seconds.
    public var at: Double

    /// Creates a record.
    public init(kind: Kind, userID: ReelID, targetID: ReelID, watchedMs: Int = 0, durationMs: Int = 0,
                completed: Bool = false, replayed: Bool = false, at: Double) {
        self.kind = kind
        self.userID = userID
        self.targetID = targetID
        self.watchedMs = watchedMs
        self.durationMs = durationMs
        self.completed = completed
        self.replayed = replayed
        self.at = at
    }
}

/// How far into each behaviour table a consumer has read: the largest row position per table (SQLite's
/// rowid, PostgreSQL's `seq` column). Positions only grow, so rows past the watermark are the rows added since.
public struct BehaviourWatermark: Codable, Sendable, Equatable {
    /// Largest rowid seen, by table.
    public var rowids: [String: Int64]

    /// A watermark before every row.
    public static let start = BehaviourWatermark(rowids: [:])
}

extension SQLiteRegionStore {
    private static let behaviourTables: [(table: String, kind: BehaviourRecord.Kind, user: String, target: String, time: String)] = [
        ("watchEvents", .watch, "userID", "videoID", "at"),
        ("likes", .like, "userID", "videoID", "createdAt"),
        ("shares", .share, "userID", "videoID", "createdAt"),
        ("comments", .comment, "authorID", "videoID", "createdAt"),
        ("notInterested", .notInterested, "userID", "videoID", "createdAt"),
        ("follows", .follow, "followerID", "followeeID", "createdAt"),
    ]

    /// The current end of every behaviour table.
    public func behaviourWatermark() async throws -> BehaviourWatermark {
        try await pool.read { db in
            var rowids: [String: Int64] = [:]
            for spec in Self.behaviourTables {
                rowids[spec.table] = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM \(spec.table)") ?? 0
            }
            return BehaviourWatermark(rowids: rowids)
        }
    }

    /// Calls `body` for every behaviour row added after `watermark` (all rows for `.start`), oldest
    /// first, streaming from one read transaction so memory stays flat however long the history.
    /// Returns the watermark the replay reached.
    @discardableResult
    public func forEachBehaviour(after watermark: BehaviourWatermark, _ body: @escaping @Sendable (BehaviourRecord) -> Void) async throws -> BehaviourWatermark {
        try await pool.read { db in
            var parts: [String] = []
            var arguments: StatementArguments = []
            for spec in Self.behaviourTables {
                let isWatch = spec.kind == .watch
                parts.append("""
                    SELECT '\(spec.kind.rawValue)' AS kind, \(spec.user) AS userID, \(spec.target) AS targetID,
                    \(isWatch ? "watchedMs" : "0") AS watchedMs, \(isWatch ? "durationMs" : "0") AS durationMs,
                    \(isWatch ? "completed" : "0") AS completed, \(isWatch ? "replayed" : "0") AS replayed, \(spec.time) AS at
                    FROM \(spec.table) WHERE rowid > ?
                    """)
                arguments += [watermark.rowids[spec.table] ?? 0]
            }
            let cursor = try Row.fetchCursor(db, sql: parts.joined(separator: " UNION ALL ") + " ORDER BY at", arguments: arguments)
            while let row = try cursor.next() {
                guard let kind = BehaviourRecord.Kind(rawValue: row["kind"]) else { continue }
                body(BehaviourRecord(kind: kind, userID: row["userID"], targetID: row["targetID"], watchedMs: row["watchedMs"],
                                     durationMs: row["durationMs"], completed: row["completed"], replayed: row["replayed"], at: row["at"]))
            }
            var reached: [String: Int64] = [:]
            for spec in Self.behaviourTables {
                reached[spec.table] = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM \(spec.table)") ?? 0
            }
            return BehaviourWatermark(rowids: reached)
        }
    }
}
