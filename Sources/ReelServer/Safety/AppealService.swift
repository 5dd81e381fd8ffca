import Foundation
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// Appeals against moderation decisions (DSA Art. 20; issue 13 item 5): the affected user appeals a
/// statement of reasons, a reporter appeals the dismissal of their report, within six months; a
/// moderator of the case's region other than the one who decided reviews it. An upheld appeal
/// reverses the restriction everywhere through ``ModerationActions/reverse(statementID:now:)`` (or
/// reopens a dismissed case) and the appellant is notified either way.
struct AppealService: Sendable {
    /// Each region's appeals (the appellant's home region).
    let appeals: RegionDirectory<any AppealStore>
    /// Each region's reports and cases.
    let moderation: RegionDirectory<any ModerationStore>
    /// Each region's case decisions, by the statements they made.
    let history: RegionDirectory<any ModerationHistory>
    let actions: ModerationActions
    let notifications: NotificationService
    /// Asks the case's region's gate before a moderator reads the queue or decides (audited).
    let gate: ModerationGate
    let ids: RegionIDs
    let logger: Logger

    /// What `POST /v1/appeals` takes: exactly one of `statementID` and `reportID`, and why.
    struct Filing: Decodable, Sendable {
        var statementID: ReelID?
        var reportID: ReelID?
        var explanation: String
    }

    /// Files an appeal by `userID`.
    /// - Throws: ``ReelError`` 400 `invalid_appeal` (neither or both IDs), `invalid_explanation`,
    ///   `appeal_window_closed` (more than six months after the decision), `not_appealable` (a report
    ///   that was not dismissed); 404 `not_found` for a statement or report that is not the user's;
    ///   409 `appeal_exists`, `already_reversed`.
    func file(_ filing: Filing, by userID: ReelID, now: Date = Date()) async throws -> Appeal {
        let explanation = try Self.explanation(filing.explanation)
        let id = ids.newID(in: try ids.region(of: userID))
        let appeal: Appeal
        switch (filing.statementID, filing.reportID) {
        case (let statementID?, nil):
            guard let statement = try? await actions.statement(id: statementID), statement.affectedUserID == userID else {
                throw ReelError.notFound("statement")
            }
            guard statement.status == .active else {
                throw ReelError.conflict("This decision was already reversed; there is nothing to appeal.", code: "already_reversed")
            }
            try Self.requireOpenWindow(closing: statement.appeal.until, now: now)
            let decision = try await history.store(for: statementID).caseAction(statementID: statementID)
            appeal = Appeal(id: id, appellantID: userID, statementID: statementID, reportID: nil, caseID: decision?.caseID,
                            caseRegion: try ids.region(of: statement.target.id).code, decidedByModeratorID: statement.moderatorID,
                            explanation: explanation, createdAt: now)
        case (nil, let reportID?):
            // The report itself, if it is this user's: the newest of theirs not newer than its ID.
            let reports = try await moderation.store(for: userID).reports(reporter: userID, before: ReelID(rawValue: reportID.rawValue + 1),
                                                                           limit: 1)
            guard let report = reports.first, report.id == reportID else { throw ReelError.notFound("report") }
            let store = try moderation.store(for: report.caseID)
            guard let moderationCase = try await store.moderationCase(id: report.caseID), moderationCase.outcome == .dismissed,
                  let dismissal = try await store.caseActions(caseID: report.caseID).last(where: { $0.action == .dismiss }) else {
                throw ReelError.badRequest("Only a report that moderators dismissed can be appealed.", code: "not_appealable")
            }
            try Self.requireOpenWindow(closing: StatementOfReasons.appealDeadline(after: dismissal.createdAt), now: now)
            appeal = Appeal(id: id, appellantID: userID, statementID: nil, reportID: reportID, caseID: report.caseID,
                            caseRegion: try ids.region(of: report.caseID).code, decidedByModeratorID: dismissal.moderatorID,
                            explanation: explanation, createdAt: now)
        default:
            throw ReelError.badRequest("Name either the statementID of a decision about you or the reportID of your dismissed report.",
                                       code: "invalid_appeal")
        }
        try await appeals.store(for: userID).insertAppeal(appeal)
        logger.info("appeal filed", metadata: ["appeal.id": "\(appeal.id)", "case.region": "\(appeal.caseRegion)"])
        return appeal
    }

    /// A page of `userID`'s appeals, newest first.
    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    func appeals(of userID: ReelID, cursor: String?, limit: Int) async throws -> Page<AppealView> {
        let found = try await appeals.store(for: userID).appeals(appellantID: userID, before: try ReelID.cursor(cursor), limit: limit + 1)
        let page = Array(found.prefix(limit))
        return Page(items: page.map(AppealView.init), nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }

    /// A page of the pending appeals `moderator`'s region decides, oldest first, each with its case.
    /// Appellants live in any region, so every region's appeals are read and merged by ID. The read
    /// is a gate decision in the moderator's region (`moderation.appeals`), recorded in its audit log.
    /// - Throws: ``ReelError`` 403 `access_denied` (the region's policy does not let this staff member
    ///   moderate) or `moderator_only`, 400 `invalid_cursor`.
    func queue(for moderator: StaffService.StaffIdentity, cursor: String?, limit: Int, now: Date = Date()) async throws -> Page<AppealQueueItem> {
        try await gate.authorize(moderator, resource: "moderation.appeals", region: moderator.jurisdiction,
                                 justification: "Appeals of region \(moderator.jurisdiction).", now: now)
        try Self.requireModerator(moderator)
        let after = try ReelID.cursor(cursor)
        var found: [Appeal] = []
        for store in appeals.all {
            found += try await store.pendingAppeals(caseRegion: moderator.jurisdiction, after: after, limit: limit + 1)
        }
        found.sort { $0.id < $1.id }
        var items: [AppealQueueItem] = []
        for appeal in found.prefix(limit) {
            let moderationCase = try await appeal.caseID.asyncFlatMap { try await moderation.store(for: $0).moderationCase(id: $0) }
            items.append(AppealQueueItem(appeal: AppealView(appeal), case: moderationCase.map { .init($0, region: appeal.caseRegion) }))
        }
        return Page(items: items, nextCursor: found.count > limit ? items.last.map { "\($0.appeal.id)" } : nil)
    }

    /// Decides an appeal. The decision is a gate decision in the case's region (`moderation.actions`,
    /// justification `Appeal <id>.`), recorded in its audit log, allowed or denied, like a decision on
    /// a case. Upholding reverses the statement everywhere (or reopens a dismissed case); the
    /// appellant is notified of the decision.
    /// - Throws: ``ReelError`` 403 `access_denied` (a role the case region's policy does not let
    ///   moderate), `moderator_only`, `same_moderator` (the deciding moderator took the decision
    ///   appealed); 404 `not_found` (unknown, or another region's appeal: that region's log records the
    ///   refusal); 409 `appeal_decided`; 400 `invalid_explanation`.
    func decide(appealID: ReelID, decision: Appeal.Decision, explanation: String, by moderator: StaffService.StaffIdentity,
                now: Date = Date()) async throws -> Appeal {
        guard let store = try? appeals.store(for: appealID), let appeal = try await store.appeal(id: appealID) else {
            throw ReelError.notFound("appeal")
        }
        try await gate.authorizeOrHide(moderator, resource: "moderation.actions", region: appeal.caseRegion,
                                       justification: "Appeal \(appealID).", what: "appeal", now: now)
        try Self.requireModerator(moderator)
        guard appeal.caseRegion == moderator.jurisdiction else { throw ReelError.notFound("appeal") }
        let decided = ReelError.conflict("This appeal has been decided already.", code: "appeal_decided")
        guard appeal.status == .pending else { throw decided }
        guard appeal.decidedByModeratorID != moderator.staffID else {
            throw ReelError.forbidden("You took the decision under appeal; a different moderator must review it.", code: "same_moderator")
        }
        let reasons = try Self.explanation(explanation)
        // The effect first: a failure leaves the appeal pending, so deciding again retries it.
        if decision == .uphold {
            if let statementID = appeal.statementID {
                do { try await actions.reverse(statementID: statementID, now: now) } catch let error as ReelError where error.code == "already_reversed" {}
            } else if let caseID = appeal.caseID {
                try await moderation.store(for: caseID).reopenCase(id: caseID, at: now)
            }
        }
        guard let result = try await store.decideAppeal(id: appealID, decision: decision, explanation: reasons, reviewerID: moderator.staffID,
                                                        at: now) else { throw decided }
        let subject = appeal.statementID != nil ? "the decision about your content" : "the dismissal of your report"
        let outcome = decision == .uphold
            ? (appeal.statementID != nil ? "upheld: the restriction is lifted everywhere." : "upheld: moderators will review the case again.")
            : "rejected: the decision stands."
        try await notifications.notify(appeal.appellantID, kind: .appealDecided, text: "Your appeal against \(subject) was \(outcome)",
                                       statementID: appeal.statementID, appealID: appeal.id, reportID: appeal.reportID, now: now)
        logger.info("appeal decided", metadata: ["appeal.id": "\(appealID)", "decision": "\(decision.rawValue)"])
        return result
    }

    private static func requireModerator(_ staff: StaffService.StaffIdentity) throws {
        guard staff.role == .moderator else {
            throw ReelError.forbidden("Only moderators review appeals.", code: "moderator_only")
        }
    }

    private static func requireOpenWindow(closing until: Date, now: Date) throws {
        guard now <= until else {
            throw ReelError.badRequest("The six months to appeal this decision ended on \(until.ISO8601Format()).", code: "appeal_window_closed")
        }
    }

    private static func explanation(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Appeal.maxExplanationLength).contains(trimmed.count) else {
            throw ReelError.badRequest("The explanation must be 1–\(Appeal.maxExplanationLength) characters.", code: "invalid_explanation")
        }
        return trimmed
    }
}

private extension Optional {
    func asyncFlatMap<Result>(_ transform: (Wrapped) async throws -> Result?) async rethrows -> Result? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
