import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Records `actor → target` of `kind`. Returns false if it was already there.
    public func addRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID, at date: Date) async throws -> Bool {
        try requireResident(actor, "actor")
        return try await !database.rows("""
            INSERT INTO relationships (actor_id, target_id, kind, created_at)
            VALUES (\(actor.bits), \(target.bits), \(kind.rawValue), \(date.timeIntervalSince1970))
            ON CONFLICT DO NOTHING RETURNING 1
            """).isEmpty
    }

    /// Removes `actor → target` of `kind`. Returns false if there was none.
    public func removeRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID) async throws -> Bool {
        try requireResident(actor, "actor")
        return try await !database.rows("""
            DELETE FROM relationships WHERE actor_id = \(actor.bits) AND target_id = \(target.bits) AND kind = \(kind.rawValue) RETURNING 1
            """).isEmpty
    }

    /// Whether `actor → target` of `kind` exists.
    public func hasRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID) async throws -> Bool {
        try await !database.rows("""
            SELECT 1 FROM relationships WHERE actor_id = \(actor.bits) AND target_id = \(target.bits) AND kind = \(kind.rawValue)
            """).isEmpty
    }

    /// `actor`'s relationships of `kind`, by target ID descending, below `cursor`.
    public func relationships(_ kind: RelationshipKind, by actor: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Relationship] {
        try await database.rows("""
            SELECT * FROM relationships WHERE actor_id = \(actor.bits) AND kind = \(kind.rawValue) AND target_id < \(cursor?.bits ?? Int64.max)
            ORDER BY target_id DESC LIMIT \(limit)
            """).map(Self.relationship)
    }

    /// This region's users' relationships of `kind` naming `target`, by actor ID descending, below `cursor`.
    public func relationships(_ kind: RelationshipKind, naming target: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Relationship] {
        try await database.rows("""
            SELECT * FROM relationships WHERE target_id = \(target.bits) AND kind = \(kind.rawValue) AND actor_id < \(cursor?.bits ?? Int64.max)
            ORDER BY actor_id DESC LIMIT \(limit)
            """).map(Self.relationship)
    }

    /// Removes every relationship involving `user` held here, and their comment filter.
    public func removeRelationships(involving user: ReelID) async throws {
        try await database.transaction { connection in
            for query: PostgresQuery in ["DELETE FROM relationships WHERE actor_id = \(user.bits) OR target_id = \(user.bits)",
                                         "DELETE FROM comment_filters WHERE user_id = \(user.bits)"] {
                try await connection.query(query, logger: database.logger)
            }
        }
    }

    /// The comment filter keywords `user` set.
    public func commentFilter(of user: ReelID) async throws -> [String] {
        guard let row = try await database.rows("SELECT keywords FROM comment_filters WHERE user_id = \(user.bits)").first else { return [] }
        let text = try row.makeRandomAccess().value("keywords", as: String.self)
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// Replaces `user`'s comment filter keywords (empty removes it).
    public func setCommentFilter(of user: ReelID, keywords: [String]) async throws {
        try requireResident(user, "user")
        guard !keywords.isEmpty else {
            try await database.rows("DELETE FROM comment_filters WHERE user_id = \(user.bits)")
            return
        }
        let text = String(decoding: try JSONEncoder().encode(keywords), as: UTF8.self)
        try await database.rows("""
            INSERT INTO comment_filters (user_id, keywords) VALUES (\(user.bits), \(text))
            ON CONFLICT (user_id) DO UPDATE SET keywords = excluded.keywords
            """)
    }

    private static func relationship(_ row: PostgresRow) throws -> Relationship {
        let r = row.makeRandomAccess()
        return Relationship(actorID: try r.id("actor_id"), targetID: try r.id("target_id"),
                            kind: RelationshipKind(rawValue: try r.value("kind")) ?? .block, createdAt: try r.date("created_at"))
    }
}
