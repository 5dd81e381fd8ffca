import Foundation
import GRDB
import ReelCore
import ReelSafety

extension SQLiteRegionStore {
    /// Stores a new pending appeal.
    /// - Throws: ``ReelError`` 409 `appeal_exists` when the statement or report has a pending appeal.
    public func insertAppeal(_ appeal: Appeal) async throws {
        try requireResident(appeal.id, "appeal")
        try requireResident(appeal.appellantID, "appellant")
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO appeals (id, appellantID, statementID, reportID, caseID, caseRegion, decidedByModeratorID, status,
                        explanation, createdAt, decidedAt, decisionExplanation, reviewerID)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [appeal.id, appeal.appellantID, appeal.statementID, appeal.reportID, appeal.caseID,
                                     appeal.caseRegion.rawValue, appeal.decidedByModeratorID, appeal.status.rawValue, appeal.explanation,
                                     appeal.createdAt.timeIntervalSince1970, appeal.decidedAt?.timeIntervalSince1970,
                                     appeal.decisionExplanation, appeal.reviewerID])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw Self.appealExists
        }
    }

    /// The appeal with this ID, if any.
    public func appeal(id: ReelID) async throws -> Appeal? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM appeals WHERE id = ?", arguments: [id]).map(Self.appeal) }
    }

    /// An appellant's appeals, newest first.
    public func appeals(appellantID: ReelID, before: ReelID?, limit: Int) async throws -> [Appeal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM appeals WHERE appellantID = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
                             arguments: [appellantID, before, before, limit]).map(Self.appeal)
        }
    }

    /// Pending appeals of `caseRegion`, oldest first.
    public func pendingAppeals(caseRegion: RegionCode, after: ReelID?, limit: Int) async throws -> [Appeal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM appeals WHERE caseRegion = ? AND status = 'pending' AND (? IS NULL OR id > ?) ORDER BY id LIMIT ?
                """, arguments: [caseRegion.rawValue, after, after, limit]).map(Self.appeal)
        }
    }

    /// Decides a pending appeal; nil when unknown or decided already.
    public func decideAppeal(id: ReelID, decision: Appeal.Decision, explanation: String, reviewerID: ReelID, at: Date) async throws -> Appeal? {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE appeals SET status = ?, decidedAt = ?, decisionExplanation = ?, reviewerID = ? WHERE id = ? AND status = 'pending'
                """, arguments: [decision.status.rawValue, at.timeIntervalSince1970, explanation, reviewerID, id])
            guard db.changesCount == 1 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM appeals WHERE id = ?", arguments: [id]).map(Self.appeal)
        }
    }

    /// Appeals of `caseRegion` filed or decided in `[from, to)`.
    public func appeals(caseRegion: RegionCode, activeFrom from: Date, to: Date) async throws -> [Appeal] {
        let (start, end) = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM appeals WHERE caseRegion = ? AND ((createdAt >= ? AND createdAt < ?) OR (decidedAt >= ? AND decidedAt < ?))
                """, arguments: [caseRegion.rawValue, start, end, start, end]).map(Self.appeal)
        }
    }

    static var appealExists: ReelError {
        ReelError.conflict("This decision already has an appeal waiting for a moderator; you will be notified when it is decided.",
                           code: "appeal_exists")
    }

    private static func appeal(_ row: Row) throws -> Appeal {
        guard let status = Appeal.Status(rawValue: row["status"]) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored appeal has an unknown status.")
        }
        var appeal = Appeal(id: row["id"], appellantID: row["appellantID"], statementID: row["statementID"], reportID: row["reportID"],
                            caseID: row["caseID"], caseRegion: RegionCode(row["caseRegion"] as String),
                            decidedByModeratorID: row["decidedByModeratorID"], explanation: row["explanation"],
                            createdAt: Date(timeIntervalSince1970: row["createdAt"]))
        appeal.status = status
        appeal.decidedAt = (row["decidedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
        appeal.decisionExplanation = row["decisionExplanation"]
        appeal.reviewerID = row["reviewerID"]
        return appeal
    }
}
