import Foundation
import PostgresNIO
import ReelCore
import ReelSafety

extension PostgresRegionStore {
    /// The case decision that made a statement, if any.
    public func caseAction(statementID: ReelID) async throws -> CaseAction? {
        guard let row = try await database.rows("SELECT case_id FROM case_actions WHERE statement_id = \(statementID.bits)").first else {
            return nil
        }
        return try await caseActions(caseID: try PostgresRows.id(row)).first { $0.statementID == statementID }
    }

    /// Who filed a report, if it lives here.
    public func reporterID(ofReport reportID: ReelID) async throws -> ReelID? {
        try await database.rows("SELECT reporter_id FROM reports WHERE id = \(reportID.bits)").first.map(PostgresRows.id)
    }

    /// Reports filed on this region's cases in `[from, to)`.
    public func receivedReports(from: Date, to: Date) async throws -> [TransparencyReport.ReceivedReport] {
        try await database.rows("""
            SELECT category, created_at FROM case_reports
            WHERE created_at >= \(from.timeIntervalSince1970) AND created_at < \(to.timeIntervalSince1970)
            """).compactMap { row in
            let r = row.makeRandomAccess()
            guard let category = ReportCategory(rawValue: try r.value("category")) else { return nil }
            return .init(category: category, createdAt: try r.date("created_at"))
        }
    }

    /// Decisions taken on this region's cases in `[from, to)`.
    public func takenActions(from: Date, to: Date) async throws -> [TransparencyReport.TakenAction] {
        try await database.rows("""
            SELECT a.action, a.rule_id, a.created_at,
                (SELECT MIN(r.created_at) FROM case_reports r WHERE r.case_id = a.case_id) AS first_report_at
            FROM case_actions a WHERE a.created_at >= \(from.timeIntervalSince1970) AND a.created_at < \(to.timeIntervalSince1970)
            """).compactMap { row in
            let r = row.makeRandomAccess()
            guard let kind = ModerationActionKind(rawValue: try r.value("action")) else { return nil }
            return .init(kind: kind, ruleID: try r.value("rule_id"), createdAt: try r.date("created_at"),
                         caseFirstReportedAt: try r.value("first_report_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
        }
    }
}
