import Foundation
import Hummingbird
import ReelCore
import ReelSafety
import ReelStore

/// A report as its reporter sees it (`POST /v1/reports`, `GET /v1/me/reports`).
struct ReportView: Codable, Sendable, ResponseEncodable {
    var id: ReelID
    var targetType: ModerationTarget.Kind
    var targetID: ReelID
    var category: ReportCategory
    var explanation: String
    var status: ReportStatus
    var createdAt: Date
    var caseID: ReelID

    init(_ filed: ReportService.Filed) {
        id = filed.report.id
        targetType = filed.report.target.kind
        targetID = filed.report.target.id
        category = filed.report.category
        explanation = filed.report.explanation
        status = filed.status
        createdAt = filed.report.createdAt
        caseID = filed.report.caseID
    }
}

/// One case in a moderation queue (`GET /v1/moderation/cases`).
struct CaseSummaryView: Codable, Sendable {
    var id: ReelID
    var region: RegionCode
    var targetType: ModerationTarget.Kind
    var targetID: ReelID
    var state: ModerationCase.State
    var outcome: ReportStatus?
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
        outcome = moderationCase.outcome
        reportCount = moderationCase.reportCount
        categories = moderationCase.categories
        severity = moderationCase.severity
        reach24h = moderationCase.reach24h
        priority = moderationCase.priority
        createdAt = moderationCase.createdAt
        updatedAt = moderationCase.updatedAt
    }
}

/// A decision on a case (`POST /v1/moderation/cases/{id}/actions`, and the case's history).
struct CaseActionView: Codable, Sendable, ResponseEncodable {
    var id: ReelID
    var caseID: ReelID
    var action: ModerationActionKind
    var ruleID: String
    var guidelinesVersion: String
    var moderatorID: ReelID
    var facts: String
    var durationDays: Int?
    var territorialScope: [String]
    var createdAt: Date
    var statementID: ReelID?
    var endsAt: Date?

    init(_ action: CaseAction) {
        id = action.id
        caseID = action.caseID
        self.action = action.action
        ruleID = action.rule.ruleID
        guidelinesVersion = action.rule.guidelinesVersion
        moderatorID = action.moderatorID
        facts = action.facts
        durationDays = action.durationDays
        territorialScope = action.territorialScope
        createdAt = action.createdAt
        statementID = action.statementID
        endsAt = action.endsAt
    }
}

/// One case with what a moderator needs to decide it (`GET /v1/moderation/cases/{id}`): the summary's
/// fields, the reported content, the reports (without reporters) and the decisions so far.
struct CaseView: Encodable, Sendable, ResponseEncodable {
    /// The reported content, whatever its state (one of the three, by the case's target type).
    struct Target: Encodable, Sendable {
        var video: VideoView?
        var comment: CommentView?
        var account: ProfileController.ProfileView?
    }

    /// One report as the case holds it: no reporter.
    struct CaseReportView: Encodable, Sendable {
        var category: ReportCategory
        var explanation: String
        var createdAt: Date
    }

    var summary: CaseSummaryView
    var target: Target
    var mediaURL: String?
    var reports: [CaseReportView]
    var actions: [CaseActionView]

    enum CodingKeys: String, CodingKey { case target, mediaURL, reports, actions }

    init(_ detail: ModerationQueue.CaseDetail, region: RegionCode) {
        summary = CaseSummaryView(detail.moderationCase, region: region)
        let creator = detail.video.map { video in
            VideoView.Creator(id: video.creatorID, handle: detail.videoCreator?.handle ?? "", displayName: detail.videoCreator?.displayName ?? "")
        }
        target = Target(video: detail.video.flatMap { video in creator.map { VideoView(video, creator: $0) } },
                        comment: detail.comment.map(CommentView.init), account: detail.account.map { .init($0, viewer: nil) })
        mediaURL = detail.video?.status == .ready ? "/v1/moderation/cases/\(detail.moderationCase.id)/media" : nil
        reports = detail.reports.map { CaseReportView(category: $0.category, explanation: $0.explanation, createdAt: $0.createdAt) }
        actions = detail.actions.map(CaseActionView.init)
    }

    /// The summary's fields and the case's own, in one object.
    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encodeIfPresent(mediaURL, forKey: .mediaURL)
        try container.encode(reports, forKey: .reports)
        try container.encode(actions, forKey: .actions)
    }
}

/// A region's guidelines as `GET /v1/guidelines` returns them, with the report form's categories.
struct GuidelinesView: Encodable, Sendable, ResponseEncodable {
    /// A report category as the report form offers it.
    struct Category: Encodable, Sendable {
        var id: ReportCategory
        var title: String
        var anonymousAllowed: Bool
    }

    var region: RegionCode
    var version: String
    var publishedAt: Date
    var markdown: String
    var rules: [Guidelines.Rule]
    var reportCategories: [Category]

    init(_ guidelines: Guidelines) {
        region = guidelines.region
        version = guidelines.version
        publishedAt = guidelines.publishedAt
        markdown = guidelines.markdown
        rules = guidelines.rules
        reportCategories = ReportCategory.allCases.map { Category(id: $0, title: $0.title, anonymousAllowed: $0.allowsAnonymousReport) }
    }
}
