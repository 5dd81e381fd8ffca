import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// Sign-up, sessions, regions, and the signed-in user's own account and data.
struct AccountController {
    let accounts: AccountService
    let personalData: PersonalDataService
    let publisher: VideoPublisher
    let ids: RegionIDs
    /// Sign-ups and log-ins are rate-limited (429 `rate_limited`; log-in backs off after failures).
    let limiter: RateLimiter

    struct SessionResponse: ResponseEncodable {
        var user: AccountView
        var token: String
    }

    struct LogIn: Decodable {
        var handle: String?
        var email: String?
        var password: String
        /// The region to log in to when the email has accounts in several (after 409 `choose_region`).
        var region: RegionCode?
    }

    /// The body of `DELETE /v1/me`: the password again, so a stolen token cannot erase an account.
    struct DeleteAccount: Decodable {
        var password: String
    }

    /// Which region holds the data of an account signed up from which country.
    struct RegionsResponse: ResponseEncodable {
        struct Region: Encodable {
            var code: RegionCode
            var name: String
            /// Countries mapped to this region; the default region also takes every country not listed anywhere.
            var countries: [String]
        }
        var regions: [Region]
        var defaultRegion: RegionCode
    }

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("accounts", use: signUp)
            .post("sessions", use: logIn)
            .get("regions", use: regions)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .delete("sessions/current", use: logOut)
            .get("me", use: me)
            .patch("me", use: updateMe)
            .delete("me", use: deleteMe)
            .get("me/export", use: export)
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SessionResponse> {
        let body = try await request.decodeJSON(as: AccountService.SignUp.self, context: context)
        try await limiter.check(.signup, context, region: ids.regions.region(forCountry: body.country))
        let (account, token) = try await accounts.signUp(body)
        return EditedResponse(status: .created, response: SessionResponse(user: try view(account), token: token))
    }

    @Sendable func logIn(_ request: Request, context: AppRequestContext) async throws -> SessionResponse {
        let body = try await request.decodeJSON(as: LogIn.self, context: context)
        guard let identifier = [body.handle, body.email].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw ReelError.invalid("The handle or email is required.")
        }
        let (account, token) = try await accounts.logIn(identifier: identifier, password: body.password, region: body.region,
                                                        limiter: limiter, clientAddress: context.clientAddress)
        try await applyAgeBand(of: account)
        return SessionResponse(user: try view(account), token: token)
    }

    /// Log-in refreshes the age band from the birth date: an account that turned 16 since becomes
    /// discoverable (its public profile says so and its public videos are listed, docs/safety.md).
    private func applyAgeBand(of account: Account) async throws {
        guard let profile = try await accounts.publicIndex.profile(userID: account.id),
              profile.isDiscoverable != account.isDiscoverable else { return }
        try await accounts.republishProfile(of: account.id)
        try await publisher.applyAccountChange(of: account.id)
    }

    @Sendable func logOut(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await accounts.logOut(context.identity)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: AuthenticatedContext) async throws -> AccountView {
        try view(try await ownAccount(context.identity.userID))
    }

    /// The user's own account, opened with the user as principal.
    private func ownAccount(_ userID: ReelID) async throws -> Account {
        try await accounts.protectedAccount(userID, access: .user(userID, in: try ids.region(of: userID).code))
    }

    @Sendable func updateMe(_ request: Request, context: AuthenticatedContext) async throws -> AccountView {
        let settings = try await request.decodeJSON(as: AccountService.Settings.self, context: context)
        let account = try await accounts.update(context.identity, settings: settings)
        guard settings.isPrivate != nil else { return try view(try await accounts.vault.open(account, access: .user(account.id, in: try ids.region(of: account.id).code))) }
        // A private account's videos leave Popular, hashtag pages, search and For You at once; a public
        // one's return. That moves the public video count, so the account is read again.
        try await publisher.applyAccountChange(of: account.id)
        return try view(try await ownAccount(account.id))
    }

    @Sendable func regions(_ request: Request, context: AppRequestContext) async throws -> RegionsResponse {
        let map = ids.regions
        return RegionsResponse(regions: map.regions.map { .init(code: $0.code, name: $0.name, countries: $0.countries.sorted()) },
                               defaultRegion: map.defaultRegion)
    }

    @Sendable func deleteMe(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        let body = try await request.decodeJSON(as: DeleteAccount.self, context: context)
        try await personalData.erase(context.identity, password: body.password)
        return .noContent
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<PersonalDataExport> {
        let export = try await personalData.export(context.identity.userID)
        return EditedResponse(headers: [.contentDisposition: "attachment; filename=\"reel-export-\(export.account.handle).json\""],
                              response: export)
    }

    private func view(_ account: Account) throws -> AccountView {
        AccountView(account, region: try ids.region(of: account.id).code)
    }
}

extension AccountView: ResponseEncodable {}
extension PersonalDataExport: ResponseEncodable {}
