import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Checks a bearer token when one is sent and records who the request is from.
///
/// A request without a token passes through anonymous (protected routes then answer 401 through
/// ``AuthenticatedContext``); a request with a bad, expired or revoked token is refused with 401
/// even on public routes, so a client learns at once that it must sign in again. Media routes also
/// accept `?access_token=` (and only they) because a `<video>` element cannot send headers.
///
/// A staff token (`rs1.…`) is checked by the staff routes themselves (`/v1/staff/…`, `/v1/moderation/…`:
/// ``StaffController``, ``ModerationController``); on every other route it is refused with 401
/// `invalid_token`, forged or genuine, because staff act only through the staff routes (docs/sovereignty.md).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(in: request) {
            if token.hasPrefix(Self.staffTokenPrefix) {
                guard Self.isStaffRoute(request.uri.path) else {
                    throw ReelError.unauthorized("A staff token cannot be used on user routes; use a user session.", code: "invalid_token")
                }
                return try await next(request, context)
            }
            let identity = try await accounts.authenticate(token: token)
            context.identity = identity
            context.logger[metadataKey: "user.id"] = "\(identity.userID)"
        }
        return try await next(request, context)
    }

    /// The prefix of a staff token (``StaffService``); user tokens never start with it.
    static let staffTokenPrefix = "rs1."

    /// Whether `path` is under the routes that check staff tokens themselves (`/v1/staff/…`, `/v1/moderation/…`).
    static func isStaffRoute(_ path: String) -> Bool {
        path.hasPrefix("/v1/staff/") || path.hasPrefix("/v1/moderation/")
    }

    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return header.isEmpty ? nil : "malformed"
        }
        let isMedia = request.uri.path.hasSuffix("/media") || request.uri.path.hasSuffix("/poster")
        if isMedia, request.method == .get || request.method == .head, let token = request.formQuery["access_token"] {
            return token
        }
        return nil
    }
}
