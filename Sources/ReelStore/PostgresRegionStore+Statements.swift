import Foundation
import PostgresNIO
import ReelCore
import ReelSafety

extension PostgresRegionStore {
    /// Stores a new statement.
    public func insertStatement(_ statement: StatementOfReasons) async throws {
        try requireResident(statement.id, "statement")
        try requireResident(statement.affectedUserID, "user")
        let c = try StatementColumns(statement)
        try await database.rows("""
            INSERT INTO statements (id, target_type, target_id, affected_user_id, restriction, territorial_scope, starts_at, ends_at,
                facts, automated_detection, automated_decision, rule_id, guidelines_version, legal_ground, appeal_until, appeal_how,
                status, created_at, moderator_id, reversed_at, held_comment)
            VALUES (\(c.id.bits), \(c.targetType), \(c.targetID.bits), \(c.affectedUserID.bits), \(c.restriction), \(c.territorialScope),
                \(c.startsAt), \(c.endsAt), \(c.facts), \(c.automatedDetection), \(c.automatedDecision), \(c.ruleID),
                \(c.guidelinesVersion), \(c.legalGround), \(c.appealUntil), \(c.appealHow), \(c.status), \(c.createdAt),
                \(c.moderatorID.bits), \(c.reversedAt), \(c.heldComment))
            """)
    }

    /// The statement with this ID, if it lives here.
    public func statement(id: ReelID) async throws -> StatementOfReasons? {
        try await database.rows("SELECT * FROM statements WHERE id = \(id.bits)").first.map(Self.statement)
    }

    /// Statements about `userID`, newest first, strictly older than `cursor` when given.
    public func statements(affecting userID: ReelID, before cursor: ReelID?, limit: Int) async throws -> [StatementOfReasons] {
        try await database.rows("""
            SELECT * FROM statements WHERE affected_user_id = \(userID.bits)
                AND (\(cursor?.bits)::BIGINT IS NULL OR id < \(cursor?.bits)) ORDER BY id DESC LIMIT \(limit)
            """).map(Self.statement)
    }

    /// Every statement of the region, oldest first, strictly after `cursor` when given.
    public func statements(after cursor: ReelID?, limit: Int) async throws -> [StatementOfReasons] {
        try await database.rows("""
            SELECT * FROM statements WHERE id > \((cursor ?? ReelID(rawValue: 0)).bits) ORDER BY id LIMIT \(limit)
            """).map(Self.statement)
    }

    /// The statements about `target` still in force, oldest first.
    public func activeStatements(about target: ModerationTarget) async throws -> [StatementOfReasons] {
        try await database.rows("""
            SELECT * FROM statements WHERE target_id = \(target.id.bits) AND target_type = \(target.kind.rawValue)
                AND status = \(StatementOfReasons.Status.active.rawValue) ORDER BY id
            """).map(Self.statement)
    }

    /// Marks an active statement reversed at `date` and returns it; nil when unknown or already reversed.
    public func reverseStatement(id: ReelID, at date: Date) async throws -> StatementOfReasons? {
        try await database.rows("""
            UPDATE statements SET status = \(StatementOfReasons.Status.reversed.rawValue), reversed_at = \(date.timeIntervalSince1970)
            WHERE id = \(id.bits) AND status = \(StatementOfReasons.Status.active.rawValue) RETURNING *
            """).first.map(Self.statement)
    }

    private static func statement(_ row: PostgresRow) throws -> StatementOfReasons {
        let r = row.makeRandomAccess()
        return try StatementColumns(
            id: try r.id("id"), targetType: try r.value("target_type"), targetID: try r.id("target_id"),
            affectedUserID: try r.id("affected_user_id"), restriction: try r.value("restriction"),
            territorialScope: try r.value("territorial_scope"), startsAt: try r.value("starts_at"),
            endsAt: try r.value("ends_at", as: Double?.self), facts: try r.value("facts"),
            automatedDetection: try r.value("automated_detection"), automatedDecision: try r.value("automated_decision"),
            ruleID: try r.value("rule_id"), guidelinesVersion: try r.value("guidelines_version"),
            legalGround: try r.value("legal_ground", as: String?.self), appealUntil: try r.value("appeal_until"),
            appealHow: try r.value("appeal_how"), status: try r.value("status"), createdAt: try r.value("created_at"),
            moderatorID: try r.id("moderator_id"), reversedAt: try r.value("reversed_at", as: Double?.self),
            heldComment: try r.value("held_comment", as: String?.self)).statement()
    }
}
