import Foundation
import PostgresNIO
import ReelCore
import ReelSafety

extension PostgresRegionStore {
    /// Stores a report unless its reporter reported the target before.
    public func insertReport(_ report: Report) async throws -> (report: Report, isNew: Bool) {
        try requireResident(report.id, "report")
        try requireResident(report.reporterID, "reporter")
        return try await database.transaction { connection in
            let inserted = try await connection.query("""
                INSERT INTO reports (id, reporter_id, target_kind, target_id, category, explanation, created_at, case_id)
                VALUES (\(report.id.bits), \(report.reporterID.bits), \(report.target.kind.rawValue), \(report.target.id.bits),
                    \(report.category.rawValue), \(report.explanation), \(report.createdAt.timeIntervalSince1970), \(report.caseID.bits))
                ON CONFLICT (reporter_id, target_kind, target_id) DO NOTHING RETURNING id
                """, logger: database.logger).collect()
            if !inserted.isEmpty { return (report, true) }
            let stored = try await connection.query("""
                SELECT * FROM reports WHERE reporter_id = \(report.reporterID.bits) AND target_kind = \(report.target.kind.rawValue)
                    AND target_id = \(report.target.id.bits)
                """, logger: database.logger).collect()
            return (try stored.first.map(Self.report) ?? report, false)
        }
    }

    /// The report `reporter` filed about `target`, if any.
    public func report(reporter: ReelID, target: ModerationTarget) async throws -> Report? {
        try await database.rows("""
            SELECT * FROM reports WHERE reporter_id = \(reporter.bits) AND target_kind = \(target.kind.rawValue) AND target_id = \(target.id.bits)
            """).first.map(Self.report)
    }

    /// `reporter`'s reports, newest first.
    public func reports(reporter: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Report] {
        guard let cursor else {
            return try await database.rows("SELECT * FROM reports WHERE reporter_id = \(reporter.bits) ORDER BY id DESC LIMIT \(limit)")
                .map(Self.report)
        }
        return try await database.rows("""
            SELECT * FROM reports WHERE reporter_id = \(reporter.bits) AND id < \(cursor.bits) ORDER BY id DESC LIMIT \(limit)
            """).map(Self.report)
    }

    /// Adds a report to its target's open case, opening one when there is none. The open case's row
    /// is locked (or, for a new case, the partial unique index on open targets arbitrates), so
    /// concurrent reports on one target count once each in one case.
    public func fileCaseReport(_ report: CaseReport, target: ModerationTarget, newCaseID: ReelID, reach: Int,
                               at date: Date) async throws -> ModerationCase {
        try requireResident(target.id, "reported \(target.kind.rawValue)")
        try requireResident(newCaseID, "case")
        return try await database.transaction { connection in
            try await fileCaseReport(report, target: target, newCaseID: newCaseID, reach: reach, at: date, on: connection)
        }
    }

    /// Files an anonymous report once per `clientHash`; a repeat returns the first one's case and
    /// reference. The hash's row is claimed first (a concurrent claim waits on its primary key).
    public func fileAnonymousCaseReport(_ report: CaseReport, clientHash: String, target: ModerationTarget, newCaseID: ReelID, reach: Int,
                                        at date: Date, forgetBefore: Date) async throws -> (moderationCase: ModerationCase, reporterRef: ReelID) {
        try requireResident(target.id, "reported \(target.kind.rawValue)")
        try requireResident(newCaseID, "case")
        return try await database.transaction { connection in
            try await connection.query("DELETE FROM anonymous_reporters WHERE created_at < \(forgetBefore.timeIntervalSince1970)",
                                       logger: database.logger)
            let claimed = try await !connection.query("""
                INSERT INTO anonymous_reporters (client_hash, reporter_ref, case_id, created_at)
                VALUES (\(clientHash), \(report.reporterRef.bits), NULL, \(date.timeIntervalSince1970))
                ON CONFLICT (client_hash) DO NOTHING RETURNING 1
                """, logger: database.logger).collect().isEmpty
            if !claimed {
                let earlier = try await connection.query("""
                    SELECT r.reporter_ref, c.* FROM anonymous_reporters r JOIN moderation_cases c ON c.id = r.case_id
                    WHERE r.client_hash = \(clientHash)
                    """, logger: database.logger).collect()
                if let row = earlier.first {
                    return (try Self.moderationCase(row), try row.makeRandomAccess().id("reporter_ref"))
                }
            }
            let filed = try await fileCaseReport(report, target: target, newCaseID: newCaseID, reach: reach, at: date, on: connection)
            try await connection.query("""
                UPDATE anonymous_reporters SET reporter_ref = \(report.reporterRef.bits), case_id = \(filed.id.bits),
                    created_at = \(date.timeIntervalSince1970)
                WHERE client_hash = \(clientHash)
                """, logger: database.logger)
            return (filed, report.reporterRef)
        }
    }

    /// Adds `report` to the open case of `target` inside the transaction on `connection`.
    private func fileCaseReport(_ report: CaseReport, target: ModerationTarget, newCaseID: ReelID, reach: Int, at date: Date,
                                on connection: PostgresConnection) async throws -> ModerationCase {
        let fresh = ModerationCase(id: newCaseID, target: target, categories: [report.category], reportCount: 0, reach24h: reach,
                                   reachCheckedAt: date, createdAt: date, updatedAt: date)
        try await connection.query("""
            INSERT INTO moderation_cases (id, target_kind, target_id, state, outcome, categories, severity, report_count, reach_24h,
                reach_checked_at, priority, created_at, updated_at)
            VALUES (\(fresh.id.bits), \(target.kind.rawValue), \(target.id.bits), 'open', NULL, \(report.category.rawValue),
                \(fresh.severity), 0, \(reach), \(date.timeIntervalSince1970), \(fresh.priority), \(date.timeIntervalSince1970),
                \(date.timeIntervalSince1970))
            ON CONFLICT (target_kind, target_id) WHERE state = 'open' DO NOTHING
            """, logger: database.logger)
        let rows = try await connection.query("""
            SELECT * FROM moderation_cases WHERE target_kind = \(target.kind.rawValue) AND target_id = \(target.id.bits)
                AND state = 'open' FOR UPDATE
            """, logger: database.logger).collect()
        guard var current = try rows.first.map(Self.moderationCase) else {
            throw ReelError(.internal, code: "case_missing", message: "The open case of a reported \(target.kind.rawValue) disappeared.")
        }
        let counted = try await !connection.query("""
            INSERT INTO case_reports (case_id, reporter_ref, category, explanation, created_at)
            VALUES (\(current.id.bits), \(report.reporterRef.bits), \(report.category.rawValue), \(report.explanation),
                \(report.createdAt.timeIntervalSince1970))
            ON CONFLICT (case_id, reporter_ref) DO NOTHING RETURNING 1
            """, logger: database.logger).collect().isEmpty
        current = ModerationCase(id: current.id, target: target,
                                 categories: ModerationCase.ordered(current.categories + (counted ? [report.category] : [])),
                                 reportCount: current.reportCount + (counted ? 1 : 0), reach24h: reach, reachCheckedAt: date,
                                 createdAt: current.createdAt, updatedAt: date)
        try await connection.query(Self.update(current), logger: database.logger)
        return current
    }

    /// The case with this ID.
    public func moderationCase(id: ReelID) async throws -> ModerationCase? {
        try await database.rows("SELECT * FROM moderation_cases WHERE id = \(id.bits)").first.map(Self.moderationCase)
    }

    /// Cases in `state` by priority, then ID, both descending.
    public func moderationCases(state: ModerationCase.State, after position: CaseQueuePosition?, limit: Int) async throws -> [ModerationCase] {
        guard let position else {
            return try await database.rows("""
                SELECT * FROM moderation_cases WHERE state = \(state.rawValue) ORDER BY priority DESC, id DESC LIMIT \(limit)
                """).map(Self.moderationCase)
        }
        return try await database.rows("""
            SELECT * FROM moderation_cases WHERE state = \(state.rawValue)
                AND (priority < \(position.priority) OR (priority = \(position.priority) AND id < \(position.id.bits)))
            ORDER BY priority DESC, id DESC LIMIT \(limit)
            """).map(Self.moderationCase)
    }

    /// The reports of a case, oldest first.
    public func caseReports(caseID: ReelID) async throws -> [CaseReport] {
        try await database.rows("SELECT * FROM case_reports WHERE case_id = \(caseID.bits) ORDER BY created_at, reporter_ref").map { row in
            let r = row.makeRandomAccess()
            return CaseReport(reporterRef: try r.id("reporter_ref"), category: try Self.category(try r.value("category")),
                              explanation: try r.value("explanation"), createdAt: try r.date("created_at"))
        }
    }

    /// Open cases whose reach was counted before `date`.
    public func openCasesToRecount(checkedBefore date: Date, limit: Int) async throws -> [ModerationCase] {
        try await database.rows("""
            SELECT * FROM moderation_cases WHERE state = 'open' AND reach_checked_at < \(date.timeIntervalSince1970)
            ORDER BY reach_checked_at LIMIT \(limit)
            """).map(Self.moderationCase)
    }

    /// Sets an open case's reach.
    public func updateReach(caseID: ReelID, reach: Int, at date: Date) async throws {
        try await database.transaction { connection in
            let rows = try await connection.query("SELECT * FROM moderation_cases WHERE id = \(caseID.bits) AND state = 'open' FOR UPDATE",
                                                  logger: database.logger).collect()
            guard var current = try rows.first.map(Self.moderationCase) else { return }
            current.reach24h = reach
            current.reachCheckedAt = date
            current.priority = CasePriority.priority(severity: current.severity, reportCount: current.reportCount, reach: reach)
            try await connection.query(Self.update(current), logger: database.logger)
        }
    }

    /// Closes an open case.
    public func closeCase(id: ReelID, outcome: ReportStatus, at date: Date) async throws -> Bool {
        try await !database.rows("""
            UPDATE moderation_cases SET state = 'closed', outcome = \(outcome.rawValue), updated_at = \(date.timeIntervalSince1970)
            WHERE id = \(id.bits) AND state = 'open' RETURNING 1
            """).isEmpty
    }

    /// Opens a closed case again.
    public func reopenCase(id: ReelID, at date: Date) async throws {
        try await database.rows("""
            UPDATE moderation_cases SET state = 'open', outcome = NULL, updated_at = \(date.timeIntervalSince1970) WHERE id = \(id.bits)
            """)
    }

    /// Records a decision on a case.
    public func insertCaseAction(_ action: CaseAction) async throws {
        try requireResident(action.id, "case action")
        try requireResident(action.caseID, "case")
        try await database.rows("""
            INSERT INTO case_actions (id, case_id, action, rule_id, guidelines_version, moderator_id, facts, duration_days,
                territorial_scope, created_at, statement_id, ends_at)
            VALUES (\(action.id.bits), \(action.caseID.bits), \(action.action.rawValue), \(action.rule.ruleID),
                \(action.rule.guidelinesVersion), \(action.moderatorID.bits), \(action.facts), \(action.durationDays.map(Int64.init)),
                \(action.territorialScope.joined(separator: ",")), \(action.createdAt.timeIntervalSince1970), \(action.statementID?.bits),
                \(action.endsAt?.timeIntervalSince1970))
            """)
    }

    /// The decisions on a case, oldest first.
    public func caseActions(caseID: ReelID) async throws -> [CaseAction] {
        try await database.rows("SELECT * FROM case_actions WHERE case_id = \(caseID.bits) ORDER BY id").map { row in
            let r = row.makeRandomAccess()
            guard let kind = ModerationActionKind(rawValue: try r.value("action")) else { throw Self.corrupt("case action") }
            return CaseAction(id: try r.id("id"), caseID: try r.id("case_id"), action: kind,
                              rule: RuleCitation(ruleID: try r.value("rule_id"), guidelinesVersion: try r.value("guidelines_version")),
                              moderatorID: try r.id("moderator_id"), facts: try r.value("facts"),
                              durationDays: try r.value("duration_days", as: Int64?.self).map(Int.init),
                              territorialScope: try r.value("territorial_scope", as: String.self).split(separator: ",").map(String.init),
                              createdAt: try r.date("created_at"),
                              statementID: try r.value("statement_id", as: Int64?.self).map(ReelID.init(bits:)),
                              endsAt: try r.value("ends_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// Distinct viewers living here who watched `video` since `date`.
    public func viewerCount(of video: ReelID, since date: Date) async throws -> Int {
        let rows = try await database.rows("""
            SELECT COUNT(DISTINCT user_id) FROM watch_events WHERE video_id = \(video.bits) AND at >= \(date.timeIntervalSince1970)
            """)
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }

    private static func update(_ c: ModerationCase) -> PostgresQuery {
        """
        UPDATE moderation_cases SET state = \(c.state.rawValue), outcome = \(c.outcome?.rawValue),
            categories = \(c.categories.map(\.rawValue).joined(separator: ",")), severity = \(c.severity), report_count = \(c.reportCount),
            reach_24h = \(c.reach24h), reach_checked_at = \(c.reachCheckedAt.timeIntervalSince1970), priority = \(c.priority),
            updated_at = \(c.updatedAt.timeIntervalSince1970)
        WHERE id = \(c.id.bits)
        """
    }

    private static func moderationCase(_ row: PostgresRow) throws -> ModerationCase {
        let r = row.makeRandomAccess()
        guard let kind = ModerationTarget.Kind(rawValue: try r.value("target_kind")),
              let state = ModerationCase.State(rawValue: try r.value("state")) else { throw corrupt("moderation case") }
        var outcome: ReportStatus?
        if let raw = try r.value("outcome", as: String?.self) {
            guard let parsed = ReportStatus(rawValue: raw) else { throw corrupt("moderation case") }
            outcome = parsed
        }
        let categories = try r.value("categories", as: String.self).split(separator: ",").map { try category(String($0)) }
        var result = ModerationCase(id: try r.id("id"), target: ModerationTarget(kind: kind, id: try r.id("target_id")), state: state,
                                    outcome: outcome, categories: categories, reportCount: Int(try r.value("report_count", as: Int64.self)),
                                    reach24h: Int(try r.value("reach_24h", as: Int64.self)), reachCheckedAt: try r.date("reach_checked_at"),
                                    createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
        result.priority = Int(try r.value("priority", as: Int64.self))
        return result
    }

    private static func report(_ row: PostgresRow) throws -> Report {
        let r = row.makeRandomAccess()
        guard let kind = ModerationTarget.Kind(rawValue: try r.value("target_kind")) else { throw corrupt("report") }
        return Report(id: try r.id("id"), reporterID: try r.id("reporter_id"), target: ModerationTarget(kind: kind, id: try r.id("target_id")),
                      category: try category(try r.value("category")), explanation: try r.value("explanation"),
                      createdAt: try r.date("created_at"), caseID: try r.id("case_id"))
    }

    private static func category(_ raw: String) throws -> ReportCategory {
        guard let category = ReportCategory(rawValue: raw) else { throw corrupt("report category") }
        return category
    }

    private static func corrupt(_ what: String) -> ReelError {
        ReelError(.internal, code: "corrupt_row", message: "A stored \(what) has an unknown kind, state or category.")
    }
}
