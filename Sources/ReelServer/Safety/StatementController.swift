import Foundation
import Hummingbird
import ReelCore

/// `GET /v1/me/statements`: the statements of reasons about the signed-in user's videos,
/// comments and account, newest first, read from their home region.
struct StatementController {
    let actions: ModerationActions

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .get("me/statements", use: list)
    }

    /// - Throws: 400 `invalid_cursor`, `invalid_limit`.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Page<StatementView> {
        let (cursor, limit) = try request.pagination()
        return try await actions.statements(about: context.identity.userID, cursor: cursor, limit: limit)
    }
}
