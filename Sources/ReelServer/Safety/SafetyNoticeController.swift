import Foundation
import Hummingbird
import ReelCore
import ReelSafety

/// The appeal, notification and transparency-report routes (issue 13 items 5 and 8):
/// `POST /v1/appeals`, `GET /v1/me/appeals`, `GET /v1/me/notifications` for signed-in users;
/// `GET /v1/moderation/appeals` and `POST /v1/moderation/appeals/{id}/decision` for moderators (staff
/// token); `GET /v1/moderation/report` for everyone.
struct SafetyNoticeController {
    let appeals: AppealService
    let notifications: NotificationService
    let reports: ModerationReportService
    let staff: StaffService

    /// What a moderator's decision on an appeal says.
    struct DecisionBody: Decodable {
        var decision: Appeal.Decision
        var explanation: String
    }

    /// The transparency report as a response.
    struct ReportResponse: ResponseEncodable {
        var report: TransparencyReport
        func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }
    }

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("moderation/report", use: report)
            .get("moderation/appeals", use: queue)
            .post("moderation/appeals/:id/decision", use: decide)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .post("appeals", use: file)
            .get("me/appeals", use: mine)
            .get("me/notifications", use: inbox)
    }

    @Sendable func file(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<AppealView> {
        let filing = try await request.decodeJSON(as: AppealService.Filing.self, context: context)
        return EditedResponse(status: .created, response: AppealView(try await appeals.file(filing, by: context.identity.userID)))
    }

    @Sendable func mine(_ request: Request, context: AuthenticatedContext) async throws -> Page<AppealView> {
        let (cursor, limit) = try request.pagination()
        return try await appeals.appeals(of: context.identity.userID, cursor: cursor, limit: limit)
    }

    @Sendable func inbox(_ request: Request, context: AuthenticatedContext) async throws -> Page<NotificationService.View> {
        let (cursor, limit) = try request.pagination()
        return try await notifications.notifications(of: context.identity.userID, cursor: cursor, limit: limit)
    }

    /// - Throws: 400 `invalid_state` for a state other than `pending`.
    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Page<AppealQueueItem> {
        let moderator = try await authenticate(request)
        let state = request.formQuery["state"] ?? "pending"
        guard state == "pending" else {
            throw ReelError.badRequest("The appeal queue lists pending appeals only (state=pending).", code: "invalid_state")
        }
        let (cursor, limit) = try request.pagination()
        return try await appeals.queue(for: moderator, cursor: cursor, limit: limit)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> AppealView {
        let moderator = try await authenticate(request)
        let id = try context.parameters.id("id", "appeal")
        let body = try await request.decodeJSON(as: DecisionBody.self, context: context)
        return AppealView(try await appeals.decide(appealID: id, decision: body.decision, explanation: body.explanation, by: moderator))
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> ReportResponse {
        ReportResponse(report: try await reports.report(region: request.formQuery["region"], period: request.formQuery["period"]))
    }

    private func authenticate(_ request: Request) async throws -> StaffService.StaffIdentity {
        guard let token = AuthenticationMiddleware.token(in: request), token.hasPrefix("rs1.") else {
            throw ReelError.unauthorized("Moderation routes need a staff token; sign in at POST /v1/staff/sessions.", code: "staff_token_required")
        }
        return try await staff.authenticate(token: token)
    }
}

extension AppealView: ResponseEncodable {}
