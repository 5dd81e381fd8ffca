import Foundation
import GRDB
import ReelCore
import ReelSafety

extension SQLiteRegionStore {
    /// Stores a new statement.
    public func insertStatement(_ statement: StatementOfReasons) async throws {
        try requireResident(statement.id, "statement")
        try requireResident(statement.affectedUserID, "user")
        let c = try StatementColumns(statement)
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO statements (id, targetType, targetID, affectedUserID, restriction, territorialScope, startsAt, endsAt, facts,
                    automatedDetection, automatedDecision, ruleID, guidelinesVersion, legalGround, appealUntil, appealHow, status,
                    createdAt, moderatorID, reversedAt, heldComment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [c.id, c.targetType, c.targetID, c.affectedUserID, c.restriction, c.territorialScope, c.startsAt, c.endsAt,
                                 c.facts, c.automatedDetection, c.automatedDecision, c.ruleID, c.guidelinesVersion, c.legalGround,
                                 c.appealUntil, c.appealHow, c.status, c.createdAt, c.moderatorID, c.reversedAt, c.heldComment])
        }
    }

    /// The statement with this ID, if it lives here.
    public func statement(id: ReelID) async throws -> StatementOfReasons? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM statements WHERE id = ?", arguments: [id]).map(Self.statement) }
    }

    /// Statements about `userID`, newest first, strictly older than `cursor` when given.
    public func statements(affecting userID: ReelID, before cursor: ReelID?, limit: Int) async throws -> [StatementOfReasons] {
        try await pool.read { db in
            // A nil cursor is the largest ID: no upper bound.
            let before = cursor ?? ReelID(rawValue: UInt64(Int64.max))
            return try Row.fetchAll(db, sql: "SELECT * FROM statements WHERE affectedUserID = ? AND id < ? ORDER BY id DESC LIMIT ?",
                                    arguments: [userID, before, limit]).map(Self.statement)
        }
    }

    /// Every statement of the region, oldest first, strictly after `cursor` when given.
    public func statements(after cursor: ReelID?, limit: Int) async throws -> [StatementOfReasons] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM statements WHERE id > ? ORDER BY id LIMIT ?",
                             arguments: [cursor ?? ReelID(rawValue: 0), limit]).map(Self.statement)
        }
    }

    /// The statements about `target` still in force, oldest first.
    public func activeStatements(about target: ModerationTarget) async throws -> [StatementOfReasons] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM statements WHERE targetID = ? AND targetType = ? AND status = ? ORDER BY id",
                             arguments: [target.id, target.kind.rawValue, StatementOfReasons.Status.active.rawValue]).map(Self.statement)
        }
    }

    /// Marks an active statement reversed at `date` and returns it; nil when unknown or already reversed.
    public func reverseStatement(id: ReelID, at date: Date) async throws -> StatementOfReasons? {
        try await pool.write { db in
            try db.execute(sql: "UPDATE statements SET status = ?, reversedAt = ? WHERE id = ? AND status = ?",
                           arguments: [StatementOfReasons.Status.reversed.rawValue, date.timeIntervalSince1970, id,
                                       StatementOfReasons.Status.active.rawValue])
            guard db.changesCount == 1 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM statements WHERE id = ?", arguments: [id]).map(Self.statement)
        }
    }

    private static func statement(_ row: Row) throws -> StatementOfReasons {
        try StatementColumns(
            id: row["id"], targetType: row["targetType"], targetID: row["targetID"], affectedUserID: row["affectedUserID"],
            restriction: row["restriction"], territorialScope: row["territorialScope"], startsAt: row["startsAt"], endsAt: row["endsAt"],
            facts: row["facts"], automatedDetection: row["automatedDetection"], automatedDecision: row["automatedDecision"],
            ruleID: row["ruleID"], guidelinesVersion: row["guidelinesVersion"], legalGround: row["legalGround"],
            appealUntil: row["appealUntil"], appealHow: row["appealHow"], status: row["status"], createdAt: row["createdAt"],
            moderatorID: row["moderatorID"], reversedAt: row["reversedAt"], heldComment: row["heldComment"]).statement()
    }
}
