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
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Staff tokens (`rs1.…`) are checked by the staff routes themselves (``StaffController``).
        if let token = Self.token(in: request), !token.hasPrefix("rs1.") {
            let identity = try await accounts.authenticate(token: token)
            context.identity = identity
            context.logger[metadataKey: "user.id"] = "\(identity.userID)"
        }
        return try await next(request, context)
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
