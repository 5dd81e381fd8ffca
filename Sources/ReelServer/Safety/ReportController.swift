import Foundation
import Hummingbird
import ReelCore
import ReelSafety

/// `POST /v1/reports` (signed in, or anonymous for illegal content) and `GET /v1/me/reports`.
struct ReportController {
    let reports: ReportService
    /// Counts reports per account and per client address (``RateLimitAction/report``).
    let limiter: RateLimiter

    /// The body of `POST /v1/reports`. Enumerations arrive as text so that an unknown value gets its own error code.
    struct Body: Decodable {
        var targetType: String
        var targetID: String
        var category: String
        var explanation: String?
        var goodFaith: Bool?
    }

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("reports", use: file)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .get("me/reports", use: mine)
    }

    /// Files a report: 201 with the new report, 200 with the earlier one when the reporter reported the target before.
    /// - Throws: ``ReelError`` 400 `good_faith_required`, `invalid_category`, `invalid_target_type`;
    ///   422 `explanation_too_long`; 401 for an anonymous report that needs an account; 404 for an unknown target;
    ///   429 `rate_limited`.
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ReportView> {
        let body = try await request.decodeJSON(as: Body.self, context: context)
        guard body.goodFaith == true else {
            throw ReelError.badRequest("Confirm that you report in good faith (goodFaith: true): the information is accurate and complete to the best of your knowledge.",
                                       code: "good_faith_required")
        }
        guard let kind = ModerationTarget.Kind(rawValue: body.targetType) else {
            throw ReelError.badRequest("The targetType must be video, comment or account.", code: "invalid_target_type")
        }
        guard let category = ReportCategory(rawValue: body.category) else {
            let known = ReportCategory.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReelError.badRequest("The category \(body.category) is not a report category; use one of \(known).", code: "invalid_category")
        }
        let explanation = (body.explanation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard explanation.count <= Report.maxExplanationLength else {
            throw ReelError.invalid("The explanation may be at most \(Report.maxExplanationLength) characters long.", code: "explanation_too_long")
        }
        guard let targetID = ReelID(body.targetID) else { throw ReelError.notFound(kind.rawValue) }
        try await limiter.check(.report, context)
        let (filed, isNew) = try await reports.file(.init(target: ModerationTarget(kind: kind, id: targetID), category: category,
                                                          explanation: explanation),
                                                    by: context.identity?.userID, address: context.clientAddress)
        return EditedResponse(status: isNew ? .created : .ok, response: ReportView(filed))
    }

    /// The signed-in user's reports, newest first, with their status.
    @Sendable func mine(_ request: Request, context: AuthenticatedContext) async throws -> Page<ReportView> {
        let (cursor, limit) = try request.pagination()
        let filed = try await reports.reports(of: context.identity.userID, before: try ReelID.cursor(cursor), limit: limit)
        return Page(items: filed.map(ReportView.init), nextCursor: filed.count == limit ? filed.last.map { "\($0.report.id)" } : nil)
    }
}
