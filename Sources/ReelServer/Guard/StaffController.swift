import Foundation
import Hummingbird
import ReelCore

/// `/v1/staff/…`: staff sign-in (password + TOTP) and support routes. Every support route needs a
/// staff token (`Authorization: Bearer rs1.…`) and a `justification` (a ticket reference).
struct StaffController {
    let staff: StaffService
    let lookup: SupportLookup

    /// A staff member as sign-in returns them (never the password hash or TOTP secret).
    struct StaffView: Encodable {
        var id: ReelID
        var handle: String
        var role: String
        var region: RegionCode
    }

    /// The answer to a staff sign-in.
    struct SessionResponse: ResponseEncodable {
        var staff: StaffView
        var token: String
        var expiresAt: Date
    }

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("staff/sessions", use: signIn)
            .get("staff/accounts/:handle", use: account)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SessionResponse> {
        let body = try await request.decodeJSON(as: StaffService.SignIn.self, context: context)
        let (identity, token, expiresAt) = try await staff.signIn(body)
        let view = StaffView(id: identity.staffID, handle: identity.handle, role: identity.role.rawValue, region: identity.jurisdiction)
        return EditedResponse(status: .created, response: SessionResponse(staff: view, token: token, expiresAt: expiresAt))
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> AccountView {
        let identity = try await authenticate(request)
        return try await lookup.account(handle: try context.parameters.require("handle"), for: identity,
                                        justification: try Self.justification(request))
    }

    private func authenticate(_ request: Request) async throws -> StaffService.StaffIdentity {
        guard let token = AuthenticationMiddleware.token(in: request) else {
            throw ReelError.unauthorized("Staff routes need a staff token; sign in at POST /v1/staff/sessions.", code: "staff_token_required")
        }
        return try await staff.authenticate(token: token)
    }

    /// The `justification` query parameter: a ticket reference of 3–200 characters.
    static func justification(_ request: Request) throws -> String {
        let text = (request.formQuery["justification"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(text.count) else {
            throw ReelError.badRequest("Staff routes need a justification of 3–200 characters, such as a ticket reference (?justification=TICKET-123).",
                                       code: "justification_required")
        }
        return text
    }
}
