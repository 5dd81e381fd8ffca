import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Sign-up, sessions and the signed-in user's own account.
struct AccountController {
    let accounts: AccountService
    let platform: Platform

    struct SessionResponse: ResponseEncodable {
        var user: AccountView
        var token: String
    }

    struct LogIn: Decodable {
        var handle: String?
        var email: String?
        var password: String
    }

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("accounts", use: signUp)
            .post("sessions", use: logIn)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .delete("sessions/current", use: logOut)
            .get("me", use: me)
            .patch("me", use: updateMe)
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SessionResponse> {
        let body = try await request.decodeJSON(as: AccountService.SignUp.self, context: context)
        let (account, token) = try await accounts.signUp(body)
        return EditedResponse(status: .created, response: SessionResponse(user: try view(account), token: token))
    }

    @Sendable func logIn(_ request: Request, context: AppRequestContext) async throws -> SessionResponse {
        let body = try await request.decodeJSON(as: LogIn.self, context: context)
        guard let identifier = [body.handle, body.email].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw ReelError.invalid("handle or email is required")
        }
        let (account, token) = try await accounts.logIn(identifier: identifier, password: body.password)
        return SessionResponse(user: try view(account), token: token)
    }

    @Sendable func logOut(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await accounts.logOut(context.identity)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: AuthenticatedContext) async throws -> AccountView {
        try view(try await accounts.account(context.identity.userID))
    }

    @Sendable func updateMe(_ request: Request, context: AuthenticatedContext) async throws -> AccountView {
        let settings = try await request.decodeJSON(as: AccountService.Settings.self, context: context)
        return try view(try await accounts.update(context.identity, settings: settings))
    }

    private func view(_ account: Account) throws -> AccountView {
        AccountView(account, region: try platform.region(of: account.id).code)
    }
}

extension AccountView: ResponseEncodable {}
