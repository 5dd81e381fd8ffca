import Foundation
import Hummingbird
import ReelCore

/// `/v1/staff/…`: staff sign-in (password + TOTP), sign-out and support routes. Every support route needs a
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
            .delete("staff/sessions/current", use: signOut)
            .get("staff/accounts/:handle", use: account)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SessionResponse> {
        let body = try await request.decodeJSON(as: StaffService.SignIn.self, context: context)
        let (identity, token, expiresAt) = try await staff.signIn(body, clientAddress: context.clientAddress)
        let view = StaffView(id: identity.staffID, handle: identity.handle, role: identity.role.rawValue, region: identity.jurisdiction)
        return EditedResponse(status: .created, response: SessionResponse(staff: view, token: token, expiresAt: expiresAt))
    }

    /// `DELETE /v1/staff/sessions/current`: signs the staff member out (204); the token answers 401 afterwards.
    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        guard let token = AuthenticationMiddleware.token(in: request) else {
            throw ReelError.unauthorized("Signing out needs the staff token.", code: "staff_token_required")
        }
        try await staff.signOut(token: token)
        return .noContent
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

    /// The `justification` query parameter: a ticket reference of 3–100 characters, a letter or digit
    /// first, then letters, digits and `. _ : # / -` only. It is published in the region's public audit
    /// log, which names people only by commitments, so it may not carry free text (names, emails).
    /// - Throws: ``ReelError`` 400 `justification_required` when absent or blank, `invalid_justification`
    ///   when it is not of that form.
    static func justification(_ request: Request) throws -> String {
        let text = (request.formQuery["justification"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ReelError.badRequest("Staff routes need a justification, such as a ticket reference (?justification=TICKET-123).",
                                       code: "justification_required")
        }
        guard isTicketReference(text) else {
            throw ReelError.badRequest("""
                The justification must be a ticket reference of 3–100 letters, digits and . _ : # / - (e.g. TICKET-123): \
                it is published in the public audit log, so it may not carry personal data such as a name or an email.
                """, code: "invalid_justification")
        }
        return text
    }

    private static func isTicketReference(_ text: String) -> Bool {
        let allowed = Set("._:#/-")
        guard (3...100).contains(text.count), let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || allowed.contains($0)) }
    }
}
