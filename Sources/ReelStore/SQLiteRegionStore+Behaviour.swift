import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// The sequence number of the newest log entry (0 while the log is empty).
    public func behaviourLogHead() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM behaviourLog") ?? 0 }
    }

    /// Up to `limit` log entries numbered above `sequence`, in sequence order.
    public func behaviour(after sequence: Int64, limit: Int) async throws -> [BehaviourRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM behaviourLog WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [sequence, limit])
                .compactMap { row in
                    guard let kind = BehaviourRecord.Kind(rawValue: row["kind"]) else { return nil }
                    return BehaviourRecord(sequence: row["seq"], kind: kind, userID: row["userID"], targetID: row["targetID"],
                                           watchedMs: row["watchedMs"], durationMs: row["durationMs"], completed: row["completed"],
                                           replayed: row["replayed"], at: row["at"])
                }
        }
    }

    /// Appends a `.catalogue` entry for `video`.
    public func appendCatalogueChange(video: ReelID, creator: ReelID, at date: Date) async throws {
        try requireResident(video, "video")
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO behaviourLog (kind, userID, targetID, at) VALUES (?, ?, ?, ?)",
                           arguments: [BehaviourRecord.Kind.catalogue.rawValue, creator, video, date.timeIntervalSince1970])
        }
    }

    /// The sequence number of the newest change (0 while there is none).
    public func changeLogHead() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM changeLog") ?? 0 }
    }

    /// Up to `limit` changes numbered above `sequence`, in sequence order.
    public func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, kind, id FROM changeLog WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [sequence, limit])
                .compactMap { row in
                    StoreChange.Kind(rawValue: row["kind"]).map { StoreChange(sequence: row["seq"], kind: $0, id: row["id"]) }
                }
        }
    }
}
