import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Records `actor → target` of `kind`. Returns false if it was already there.
    public func addRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID, at date: Date) async throws -> Bool {
        try requireResident(actor, "actor")
        return try await pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO relationships (actorID, targetID, kind, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [actor, target, kind.rawValue, date.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    /// Removes `actor → target` of `kind`. Returns false if there was none.
    public func removeRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID) async throws -> Bool {
        try requireResident(actor, "actor")
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM relationships WHERE actorID = ? AND targetID = ? AND kind = ?",
                           arguments: [actor, target, kind.rawValue])
            return db.changesCount > 0
        }
    }

    /// Whether `actor → target` of `kind` exists.
    public func hasRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM relationships WHERE actorID = ? AND targetID = ? AND kind = ?)",
                              arguments: [actor, target, kind.rawValue]) ?? false
        }
    }

    /// `actor`'s relationships of `kind`, by target ID descending, below `cursor`.
    public func relationships(_ kind: RelationshipKind, by actor: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Relationship] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM relationships WHERE actorID = ? AND kind = ? AND targetID < ? ORDER BY targetID DESC LIMIT ?
                """, arguments: [actor, kind.rawValue, cursor?.bits ?? Int64.max, limit]).map(Self.relationship)
        }
    }

    /// This region's users' relationships of `kind` naming `target`, by actor ID descending, below `cursor`.
    public func relationships(_ kind: RelationshipKind, naming target: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Relationship] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM relationships WHERE targetID = ? AND kind = ? AND actorID < ? ORDER BY actorID DESC LIMIT ?
                """, arguments: [target, kind.rawValue, cursor?.bits ?? Int64.max, limit]).map(Self.relationship)
        }
    }

    /// Removes every relationship involving `user` held here, and their comment filter.
    public func removeRelationships(involving user: ReelID) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM relationships WHERE actorID = ? OR targetID = ?", arguments: [user, user])
            try db.execute(sql: "DELETE FROM commentFilters WHERE userID = ?", arguments: [user])
        }
    }

    /// The comment filter keywords `user` set.
    public func commentFilter(of user: ReelID) async throws -> [String] {
        try await pool.read { db in
            guard let text = try String.fetchOne(db, sql: "SELECT keywords FROM commentFilters WHERE userID = ?", arguments: [user]) else { return [] }
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        }
    }

    /// Replaces `user`'s comment filter keywords (empty removes it).
    public func setCommentFilter(of user: ReelID, keywords: [String]) async throws {
        try requireResident(user, "user")
        let text = String(decoding: try JSONEncoder().encode(keywords), as: UTF8.self)
        try await pool.write { db in
            if keywords.isEmpty {
                try db.execute(sql: "DELETE FROM commentFilters WHERE userID = ?", arguments: [user])
            } else {
                try db.execute(sql: "INSERT INTO commentFilters (userID, keywords) VALUES (?, ?) ON CONFLICT (userID) DO UPDATE SET keywords = excluded.keywords",
                               arguments: [user, text])
            }
        }
    }

    private static func relationship(_ row: Row) -> Relationship {
        Relationship(actorID: row["actorID"], targetID: row["targetID"], kind: RelationshipKind(rawValue: row["kind"]) ?? .block,
                     createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    }
}
