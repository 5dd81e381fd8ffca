import Foundation
import PostgresNIO
import ReelCore
import ReelSafety

extension PostgresRegionStore {
    /// Stores a new pending appeal.
    /// - Throws: ``ReelError`` 409 `appeal_exists` when the statement or report has a pending appeal.
    public func insertAppeal(_ appeal: Appeal) async throws {
        try requireResident(appeal.id, "appeal")
        try requireResident(appeal.appellantID, "appellant")
        do {
            try await database.rows("""
                INSERT INTO appeals (id, appellant_id, statement_id, report_id, case_id, case_region, decided_by_moderator_id, status,
                    explanation, created_at, decided_at, decision_explanation, reviewer_id)
                VALUES (\(appeal.id.bits), \(appeal.appellantID.bits), \(appeal.statementID?.bits), \(appeal.reportID?.bits),
                    \(appeal.caseID?.bits), \(appeal.caseRegion.rawValue), \(appeal.decidedByModeratorID.bits), \(appeal.status.rawValue),
                    \(appeal.explanation), \(appeal.createdAt.timeIntervalSince1970), \(appeal.decidedAt?.timeIntervalSince1970),
                    \(appeal.decisionExplanation), \(appeal.reviewerID?.bits))
                """)
        } catch {
            guard PostgresDatabase.uniqueViolation(error) != nil else { throw error }
            throw SQLiteRegionStore.appealExists
        }
    }

    /// The appeal with this ID, if any.
    public func appeal(id: ReelID) async throws -> Appeal? {
        try await database.rows("SELECT * FROM appeals WHERE id = \(id.bits)").first.map(Self.appeal)
    }

    /// An appellant's appeals, newest first.
    public func appeals(appellantID: ReelID, before: ReelID?, limit: Int) async throws -> [Appeal] {
        try await database.rows("""
            SELECT * FROM appeals WHERE appellant_id = \(appellantID.bits) AND id < \(before?.bits ?? Int64.max)
            ORDER BY id DESC LIMIT \(limit)
            """).map(Self.appeal)
    }

    /// Pending appeals of `caseRegion`, oldest first.
    public func pendingAppeals(caseRegion: RegionCode, after: ReelID?, limit: Int) async throws -> [Appeal] {
        try await database.rows("""
            SELECT * FROM appeals WHERE case_region = \(caseRegion.rawValue) AND status = 'pending' AND id > \(after?.bits ?? Int64.min)
            ORDER BY id LIMIT \(limit)
            """).map(Self.appeal)
    }

    /// Decides a pending appeal; nil when unknown or decided already.
    public func decideAppeal(id: ReelID, decision: Appeal.Decision, explanation: String, reviewerID: ReelID, at: Date) async throws -> Appeal? {
        try await database.rows("""
            UPDATE appeals SET status = \(decision.status.rawValue), decided_at = \(at.timeIntervalSince1970),
                decision_explanation = \(explanation), reviewer_id = \(reviewerID.bits)
            WHERE id = \(id.bits) AND status = 'pending' RETURNING *
            """).first.map(Self.appeal)
    }

    /// Appeals of `caseRegion` filed or decided in `[from, to)`.
    public func appeals(caseRegion: RegionCode, activeFrom from: Date, to: Date) async throws -> [Appeal] {
        let (start, end) = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        return try await database.rows("""
            SELECT * FROM appeals WHERE case_region = \(caseRegion.rawValue)
                AND ((created_at >= \(start) AND created_at < \(end)) OR (decided_at >= \(start) AND decided_at < \(end)))
            """).map(Self.appeal)
    }

    private static func appeal(_ row: PostgresRow) throws -> Appeal {
        let r = row.makeRandomAccess()
        guard let status = Appeal.Status(rawValue: try r.value("status")) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored appeal has an unknown status.")
        }
        var appeal = Appeal(id: try r.id("id"), appellantID: try r.id("appellant_id"),
                            statementID: try r.value("statement_id", as: Int64?.self).map(ReelID.init(bits:)),
                            reportID: try r.value("report_id", as: Int64?.self).map(ReelID.init(bits:)),
                            caseID: try r.value("case_id", as: Int64?.self).map(ReelID.init(bits:)), caseRegion: RegionCode(try r.value("case_region", as: String.self)),
                            decidedByModeratorID: try r.id("decided_by_moderator_id"), explanation: try r.value("explanation"),
                            createdAt: try r.date("created_at"))
        appeal.status = status
        appeal.decidedAt = try r.value("decided_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        appeal.decisionExplanation = try r.value("decision_explanation", as: String?.self)
        appeal.reviewerID = try r.value("reviewer_id", as: Int64?.self).map(ReelID.init(bits:))
        return appeal
    }
}
