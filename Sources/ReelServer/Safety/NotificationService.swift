import Foundation
import ReelCore
import ReelSafety
import ReelStore

/// Users' notifications (`GET /v1/me/notifications`): written to the recipient's home region by the
/// flows that concern them (a statement of reasons, a decided appeal or report), read newest first.
struct NotificationService: Sendable {
    /// Each region's notifications.
    let stores: RegionDirectory<any NotificationStore>
    /// Each region's reports, to find who filed the reports of a case.
    let reports: RegionDirectory<any ModerationHistory>
    let ids: RegionIDs

    /// A notification as the API shows it.
    struct View: Codable, Sendable {
        var id: ReelID
        var kind: UserNotification.Kind
        var text: String
        var createdAt: Date
        var statementID: ReelID?
        var appealID: ReelID?
        var reportID: ReelID?

        init(_ notification: UserNotification) {
            id = notification.id
            kind = notification.kind
            text = notification.text
            createdAt = notification.createdAt
            statementID = notification.statementID
            appealID = notification.appealID
            reportID = notification.reportID
        }
    }

    /// Stores a notification for `userID` in their home region and returns it.
    @discardableResult
    func notify(_ userID: ReelID, kind: UserNotification.Kind, text: String, statementID: ReelID? = nil, appealID: ReelID? = nil,
                reportID: ReelID? = nil, now: Date = Date()) async throws -> UserNotification {
        let notification = UserNotification(id: ids.newID(in: try ids.region(of: userID)), userID: userID, kind: kind, text: text,
                                            createdAt: now, statementID: statementID, appealID: appealID, reportID: reportID)
        try await stores.store(for: userID).insertNotification(notification)
        return notification
    }

    /// Tells the affected user about a restriction and where its statement of reasons is.
    func notify(of statement: StatementOfReasons) async throws {
        let what = switch statement.target.kind {
        case .video: "One of your videos"
        case .comment: "One of your comments"
        case .account: "Your account"
        }
        try await notify(statement.affectedUserID, kind: .statement,
                         text: "\(what) was restricted (\(statement.restriction.rawValue)) under rule \(statement.ground.ruleID); "
                             + "the statement of reasons says why and how to appeal.",
                         statementID: statement.id, now: statement.createdAt)
    }

    /// Tells each reporter of a case (found through their report's ID, in their home region) what was
    /// decided. Anonymous reports have no reporter to tell.
    func notifyReporters(of reports: [CaseReport], decision: ModerationActionKind, now: Date = Date()) async throws {
        let outcome = decision == .dismiss
            ? "was dismissed: moderators found no breach of the guidelines. You may appeal within six months."
            : "was acted on (\(decision.rawValue))."
        for report in reports {
            guard let store = try? self.reports.store(for: report.reporterRef),
                  let reporter = try await store.reporterID(ofReport: report.reporterRef) else { continue }
            try await notify(reporter, kind: .reportDecided, text: "Your report \(outcome)", reportID: report.reporterRef, now: now)
        }
    }

    /// A page of `userID`'s notifications, newest first.
    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    func notifications(of userID: ReelID, cursor: String?, limit: Int) async throws -> Page<View> {
        let found = try await stores.store(for: userID).notifications(userID: userID, before: try ReelID.cursor(cursor), limit: limit + 1)
        let page = Array(found.prefix(limit))
        return Page(items: page.map(View.init), nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }
}
