import Foundation
import GRDB
import ReelCore
import ReelSafety

extension SQLiteRegionStore {
    /// Stores a report unless its reporter reported the target before.
    public func insertReport(_ report: Report) async throws -> (report: Report, isNew: Bool) {
        try requireResident(report.id, "report")
        try requireResident(report.reporterID, "reporter")
        return try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO reports (id, reporterID, targetKind, targetID, category, explanation, createdAt, caseID)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reporterID, targetKind, targetID) DO NOTHING
                """, arguments: [report.id, report.reporterID, report.target.kind.rawValue, report.target.id, report.category.rawValue,
                                 report.explanation, report.createdAt.timeIntervalSince1970, report.caseID])
            if db.changesCount > 0 { return (report, true) }
            let stored = try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE reporterID = ? AND targetKind = ? AND targetID = ?",
                                          arguments: [report.reporterID, report.target.kind.rawValue, report.target.id])
            return (try stored.map(Self.report) ?? report, false)
        }
    }

    /// The report `reporter` filed about `target`, if any.
    public func report(reporter: ReelID, target: ModerationTarget) async throws -> Report? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE reporterID = ? AND targetKind = ? AND targetID = ?",
                             arguments: [reporter, target.kind.rawValue, target.id]).map(Self.report)
        }
    }

    /// `reporter`'s reports, newest first.
    public func reports(reporter: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Report] {
        try await pool.read { db in
            guard let cursor else {
                return try Row.fetchAll(db, sql: "SELECT * FROM reports WHERE reporterID = ? ORDER BY id DESC LIMIT ?",
                                        arguments: [reporter, limit]).map(Self.report)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM reports WHERE reporterID = ? AND id < ? ORDER BY id DESC LIMIT ?",
                                    arguments: [reporter, cursor, limit]).map(Self.report)
        }
    }

    /// Adds a report to its target's open case, opening one when there is none.
    public func fileCaseReport(_ report: CaseReport, target: ModerationTarget, newCaseID: ReelID, reach: Int,
                               at date: Date) async throws -> ModerationCase {
        try requireResident(target.id, "reported \(target.kind.rawValue)")
        try requireResident(newCaseID, "case")
        return try await pool.write { db in
            try Self.fileCaseReport(report, target: target, newCaseID: newCaseID, reach: reach, at: date, in: db)
        }
    }

    /// Files an anonymous report once per `clientHash`; a repeat returns the first one's case and reference.
    public func fileAnonymousCaseReport(_ report: CaseReport, clientHash: String, target: ModerationTarget, newCaseID: ReelID, reach: Int,
                                        at date: Date, forgetBefore: Date) async throws -> (moderationCase: ModerationCase, reporterRef: ReelID) {
        try requireResident(target.id, "reported \(target.kind.rawValue)")
        try requireResident(newCaseID, "case")
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM anonymousReporters WHERE createdAt < ?", arguments: [forgetBefore.timeIntervalSince1970])
            if let earlier = try Row.fetchOne(db, sql: "SELECT reporterRef, caseID FROM anonymousReporters WHERE clientHash = ?",
                                              arguments: [clientHash]),
               let earlierCaseID = earlier["caseID"] as ReelID?,
               let earlierCase = try Row.fetchOne(db, sql: "SELECT * FROM moderationCases WHERE id = ?",
                                                  arguments: [earlierCaseID]).map(Self.moderationCase) {
                return (earlierCase, earlier["reporterRef"])
            }
            let filed = try Self.fileCaseReport(report, target: target, newCaseID: newCaseID, reach: reach, at: date, in: db)
            try db.execute(sql: """
                INSERT INTO anonymousReporters (clientHash, reporterRef, caseID, createdAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (clientHash) DO UPDATE SET reporterRef = excluded.reporterRef, caseID = excluded.caseID,
                    createdAt = excluded.createdAt
                """, arguments: [clientHash, report.reporterRef, filed.id, date.timeIntervalSince1970])
            return (filed, report.reporterRef)
        }
    }

    /// Adds `report` to the open case of `target` inside the write transaction `db`.
    private static func fileCaseReport(_ report: CaseReport, target: ModerationTarget, newCaseID: ReelID, reach: Int, at date: Date,
                                       in db: Database) throws -> ModerationCase {
        let open = try Row.fetchOne(db, sql: "SELECT * FROM moderationCases WHERE targetKind = ? AND targetID = ? AND state = 'open'",
                                    arguments: [target.kind.rawValue, target.id]).map(Self.moderationCase)
        var current = open ?? ModerationCase(id: newCaseID, target: target, categories: [report.category], reportCount: 0,
                                             reach24h: reach, reachCheckedAt: date, createdAt: date, updatedAt: date)
        try db.execute(sql: """
            INSERT INTO caseReports (caseID, reporterRef, category, explanation, createdAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (caseID, reporterRef) DO NOTHING
            """, arguments: [current.id, report.reporterRef, report.category.rawValue, report.explanation,
                             report.createdAt.timeIntervalSince1970])
        let counted = db.changesCount > 0
        current = ModerationCase(id: current.id, target: target,
                                 categories: ModerationCase.ordered(current.categories + (counted ? [report.category] : [])),
                                 reportCount: current.reportCount + (counted ? 1 : 0), reach24h: reach, reachCheckedAt: date,
                                 createdAt: current.createdAt, updatedAt: date)
        try Self.save(current, in: db)
        return current
    }

    /// The case with this ID.
    public func moderationCase(id: ReelID) async throws -> ModerationCase? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM moderationCases WHERE id = ?", arguments: [id]).map(Self.moderationCase)
        }
    }

    /// Cases in `state` by priority, then ID, both descending.
    public func moderationCases(state: ModerationCase.State, after position: CaseQueuePosition?, limit: Int) async throws -> [ModerationCase] {
        try await pool.read { db in
            if let position {
                return try Row.fetchAll(db, sql: """
                    SELECT * FROM moderationCases WHERE state = ? AND (priority < ? OR (priority = ? AND id < ?))
                    ORDER BY priority DESC, id DESC LIMIT ?
                    """, arguments: [state.rawValue, position.priority, position.priority, position.id, limit]).map(Self.moderationCase)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM moderationCases WHERE state = ? ORDER BY priority DESC, id DESC LIMIT ?",
                                    arguments: [state.rawValue, limit]).map(Self.moderationCase)
        }
    }

    /// The reports of a case, oldest first.
    public func caseReports(caseID: ReelID) async throws -> [CaseReport] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM caseReports WHERE caseID = ? ORDER BY createdAt, reporterRef", arguments: [caseID]).map { row in
                CaseReport(reporterRef: row["reporterRef"], category: try Self.category(row["category"]), explanation: row["explanation"],
                           createdAt: Date(timeIntervalSince1970: row["createdAt"]))
            }
        }
    }

    /// Open cases whose reach was counted before `date`.
    public func openCasesToRecount(checkedBefore date: Date, limit: Int) async throws -> [ModerationCase] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM moderationCases WHERE state = 'open' AND reachCheckedAt < ? ORDER BY reachCheckedAt LIMIT ?
                """, arguments: [date.timeIntervalSince1970, limit]).map(Self.moderationCase)
        }
    }

    /// Sets an open case's reach.
    public func updateReach(caseID: ReelID, reach: Int, at date: Date) async throws {
        try await pool.write { db in
            guard var current = try Row.fetchOne(db, sql: "SELECT * FROM moderationCases WHERE id = ? AND state = 'open'",
                                                 arguments: [caseID]).map(Self.moderationCase) else { return }
            current.reach24h = reach
            current.reachCheckedAt = date
            current.priority = CasePriority.priority(severity: current.severity, reportCount: current.reportCount, reach: reach)
            try Self.save(current, in: db)
        }
    }

    /// Closes an open case.
    public func closeCase(id: ReelID, outcome: ReportStatus, at date: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE moderationCases SET state = 'closed', outcome = ?, updatedAt = ? WHERE id = ? AND state = 'open'",
                           arguments: [outcome.rawValue, date.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }

    /// Opens a closed case again.
    public func reopenCase(id: ReelID, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE moderationCases SET state = 'open', outcome = NULL, updatedAt = ? WHERE id = ?",
                           arguments: [date.timeIntervalSince1970, id])
        }
    }

    /// Records a decision on a case.
    public func insertCaseAction(_ action: CaseAction) async throws {
        try requireResident(action.id, "case action")
        try requireResident(action.caseID, "case")
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO caseActions (id, caseID, action, ruleID, guidelinesVersion, moderatorID, facts, durationDays,
                    territorialScope, createdAt, statementID, endsAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [action.id, action.caseID, action.action.rawValue, action.rule.ruleID, action.rule.guidelinesVersion,
                                 action.moderatorID, action.facts, action.durationDays, action.territorialScope.joined(separator: ","),
                                 action.createdAt.timeIntervalSince1970, action.statementID, action.endsAt?.timeIntervalSince1970])
        }
    }

    /// The decisions on a case, oldest first.
    public func caseActions(caseID: ReelID) async throws -> [CaseAction] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM caseActions WHERE caseID = ? ORDER BY id", arguments: [caseID]).map { row in
                guard let kind = ModerationActionKind(rawValue: row["action"]) else { throw Self.corrupt("case action") }
                return CaseAction(id: row["id"], caseID: row["caseID"], action: kind,
                                  rule: RuleCitation(ruleID: row["ruleID"], guidelinesVersion: row["guidelinesVersion"]),
                                  moderatorID: row["moderatorID"], facts: row["facts"], durationDays: row["durationDays"],
                                  territorialScope: (row["territorialScope"] as String).split(separator: ",").map(String.init),
                                  createdAt: Date(timeIntervalSince1970: row["createdAt"]), statementID: row["statementID"],
                                  endsAt: (row["endsAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// Distinct viewers living here who watched `video` since `date`.
    public func viewerCount(of video: ReelID, since date: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT userID) FROM watchEvents WHERE videoID = ? AND at >= ?",
                             arguments: [video, date.timeIntervalSince1970]) ?? 0
        }
    }

    private static func save(_ moderationCase: ModerationCase, in db: Database) throws {
        let c = moderationCase
        try db.execute(sql: """
            INSERT INTO moderationCases (id, targetKind, targetID, state, outcome, categories, severity, reportCount, reach24h,
                reachCheckedAt, priority, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, outcome = excluded.outcome, categories = excluded.categories,
                severity = excluded.severity, reportCount = excluded.reportCount, reach24h = excluded.reach24h,
                reachCheckedAt = excluded.reachCheckedAt, priority = excluded.priority, updatedAt = excluded.updatedAt
            """, arguments: [c.id, c.target.kind.rawValue, c.target.id, c.state.rawValue, c.outcome?.rawValue,
                             c.categories.map(\.rawValue).joined(separator: ","), c.severity, c.reportCount, c.reach24h,
                             c.reachCheckedAt.timeIntervalSince1970, c.priority, c.createdAt.timeIntervalSince1970,
                             c.updatedAt.timeIntervalSince1970])
    }

    private static func moderationCase(_ row: Row) throws -> ModerationCase {
        guard let kind = ModerationTarget.Kind(rawValue: row["targetKind"]), let state = ModerationCase.State(rawValue: row["state"]) else {
            throw corrupt("moderation case")
        }
        var outcome: ReportStatus?
        if let raw = row["outcome"] as String? {
            guard let parsed = ReportStatus(rawValue: raw) else { throw corrupt("moderation case") }
            outcome = parsed
        }
        let categories = try (row["categories"] as String).split(separator: ",").map { try category(String($0)) }
        var result = ModerationCase(id: row["id"], target: ModerationTarget(kind: kind, id: row["targetID"]), state: state, outcome: outcome,
                                    categories: categories, reportCount: row["reportCount"], reach24h: row["reach24h"],
                                    reachCheckedAt: Date(timeIntervalSince1970: row["reachCheckedAt"]),
                                    createdAt: Date(timeIntervalSince1970: row["createdAt"]), updatedAt: Date(timeIntervalSince1970: row["updatedAt"]))
        result.priority = row["priority"]
        return result
    }

    private static func report(_ row: Row) throws -> Report {
        guard let kind = ModerationTarget.Kind(rawValue: row["targetKind"]) else { throw corrupt("report") }
        return Report(id: row["id"], reporterID: row["reporterID"], target: ModerationTarget(kind: kind, id: row["targetID"]),
                      category: try category(row["category"]), explanation: row["explanation"],
                      createdAt: Date(timeIntervalSince1970: row["createdAt"]), caseID: row["caseID"])
    }

    private static func category(_ raw: String) throws -> ReportCategory {
        guard let category = ReportCategory(rawValue: raw) else { throw corrupt("report category") }
        return category
    }

    private static func corrupt(_ what: String) -> ReelError {
        ReelError(.internal, code: "corrupt_row", message: "A stored \(what) has an unknown kind, state or category.")
    }
}
