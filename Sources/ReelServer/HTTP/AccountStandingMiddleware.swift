import Foundation
import Hummingbird
import ReelCore

/// Refuses every write (any method but GET, HEAD and OPTIONS) by a signed-in account that moderation
/// suspended or terminated, with 403 `account_suspended` / `account_terminated`, so a session opened
/// before the decision cannot keep posting, editing, liking, following or reporting.
///
/// What a restricted person must still be able to do passes: sign out (`DELETE /v1/sessions/current`),
/// appeal (`POST /v1/appeals`, DSA Art. 20) and erase their account (`DELETE /v1/me`). Reads are
/// untouched (their statements of reasons, their export). One account read per write request.
struct AccountStandingMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    /// Writes a restricted account may still make, as (method, path).
    static let alwaysAllowed: Set<String> = ["DELETE /v1/sessions/current", "POST /v1/appeals", "DELETE /v1/me"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let user = context.identity?.userID, ![.get, .head, .options].contains(request.method),
           !Self.alwaysAllowed.contains("\(request.method.rawValue) \(request.uri.path)") {
            try await accounts.requireGoodStanding(user)
        }
        return try await next(request, context)
    }
}
