import Foundation
import ReelCore
import ReelSafety

/// An appeal as the API shows it to its appellant and to moderators: `{id, statementID?, reportID?,
/// status, explanation, createdAt, decidedAt?, decision?}`, where `decision` is the deciding
/// moderator's reasons. Who decided, and who took the decision appealed, stay internal.
struct AppealView: Codable, Sendable {
    var id: ReelID
    var statementID: ReelID?
    var reportID: ReelID?
    var status: Appeal.Status
    var explanation: String
    var createdAt: Date
    var decidedAt: Date?
    var decision: String?

    init(_ appeal: Appeal) {
        id = appeal.id
        statementID = appeal.statementID
        reportID = appeal.reportID
        status = appeal.status
        explanation = appeal.explanation
        createdAt = appeal.createdAt
        decidedAt = appeal.decidedAt
        decision = appeal.decisionExplanation
    }
}

/// One entry of the moderators' appeal queue: `{appeal, case}`, the case as a summary (the fields of
/// the moderation queue's `CaseSummary`).
struct AppealQueueItem: Codable, Sendable {
    /// A moderation case in brief.
    struct CaseSummary: Codable, Sendable {
        var id: ReelID
        var region: RegionCode
        var targetType: ModerationTarget.Kind
        var targetID: ReelID
        var state: ModerationCase.State
        var reportCount: Int
        var categories: [ReportCategory]
        var severity: Int
        var reach24h: Int
        var priority: Int
        var createdAt: Date
        var updatedAt: Date

        init(_ moderationCase: ModerationCase, region: RegionCode) {
            id = moderationCase.id
            self.region = region
            targetType = moderationCase.target.kind
            targetID = moderationCase.target.id
            state = moderationCase.state
            reportCount = moderationCase.reportCount
            categories = moderationCase.categories
            severity = moderationCase.severity
            reach24h = moderationCase.reach24h
            priority = moderationCase.priority
            createdAt = moderationCase.createdAt
            updatedAt = moderationCase.updatedAt
        }
    }

    var appeal: AppealView
    /// The case the appealed decision was taken on; absent for a decision taken outside a case.
    var `case`: CaseSummary?
}
