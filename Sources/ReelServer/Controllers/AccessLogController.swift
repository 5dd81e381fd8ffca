import Hummingbird
import ReelCore

/// `GET /v1/me/access-log`: who accessed the signed-in person's protected data (``AccessLogService``).
struct AccessLogController {
    let accessLog: AccessLogService

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .get("me/access-log", use: accessLogPage)
    }

    /// One page, newest first: `cursor` from the previous page, `limit` 1–100 (default 20).
    @Sendable func accessLogPage(_ request: Request, context: AuthenticatedContext) async throws -> AccessLogService.Page {
        let (cursor, limit) = try request.pagination(defaultLimit: 20, maxLimit: 100)
        return try await accessLog.page(of: context.identity.userID, cursor: cursor, limit: limit)
    }
}
