import Foundation
import GRDB
import ReelCore
import ReelSafety

extension SQLiteRegionStore {
    /// The case decision that made a statement, if any.
    public func caseAction(statementID: ReelID) async throws -> CaseAction? {
        let caseID = try await pool.read { db in
            try ReelID.fetchOne(db, sql: "SELECT caseID FROM caseActions WHERE statementID = ?", arguments: [statementID])
        }
        guard let caseID else { return nil }
        return try await caseActions(caseID: caseID).first { $0.statementID == statementID }
    }

    /// Who filed a report, if it lives here.
    public func reporterID(ofReport reportID: ReelID) async throws -> ReelID? {
        try await pool.read { db in try ReelID.fetchOne(db, sql: "SELECT reporterID FROM reports WHERE id = ?", arguments: [reportID]) }
    }

    /// Reports filed on this region's cases in `[from, to)`.
    public func receivedReports(from: Date, to: Date) async throws -> [TransparencyReport.ReceivedReport] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT category, createdAt FROM caseReports WHERE createdAt >= ? AND createdAt < ?",
                             arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]).compactMap { row in
                ReportCategory(rawValue: row["category"]).map { .init(category: $0, createdAt: Date(timeIntervalSince1970: row["createdAt"])) }
            }
        }
    }

    /// Decisions taken on this region's cases in `[from, to)`.
    public func takenActions(from: Date, to: Date) async throws -> [TransparencyReport.TakenAction] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.action, a.ruleID, a.createdAt, (SELECT MIN(r.createdAt) FROM caseReports r WHERE r.caseID = a.caseID) AS firstReportAt
                FROM caseActions a WHERE a.createdAt >= ? AND a.createdAt < ?
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]).compactMap { row in
                ModerationActionKind(rawValue: row["action"]).map {
                    .init(kind: $0, ruleID: row["ruleID"], createdAt: Date(timeIntervalSince1970: row["createdAt"]),
                          caseFirstReportedAt: (row["firstReportAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
                }
            }
        }
    }
}
