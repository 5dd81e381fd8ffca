import Foundation
import Hummingbird
import ReelCore
import ReelSafety

/// `/v1/moderation/cases…`: the moderation queue of the signed-in moderator's region, one case, and
/// decisions. Every route needs a staff token (`Authorization: Bearer rs1.…`, ``StaffController``);
/// the gate decides by role and jurisdiction (``ModerationQueue``).
struct ModerationController {
    let queue: ModerationQueue
    let staff: StaffService
    let responder = MediaResponder()

    /// The body of `POST /v1/moderation/cases/{id}/actions`.
    struct ActionBody: Decodable {
        var action: String
        var ruleID: String
        var facts: String?
        var durationDays: Int?
        var territorialScope: [String]?
    }

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("moderation/cases", use: list)
            .get("moderation/cases/:id", use: show)
            .post("moderation/cases/:id/actions", use: act)
            .get("moderation/cases/:id/media", use: media)
    }

    /// A page of the moderator's region's cases by priority (`?state=open|closed`, default open).
    /// - Throws: ``ReelError`` 401 without a staff token, 403 `access_denied` for a role that may not
    ///   moderate, 400 `invalid_state` or `invalid_cursor`.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<CaseSummaryView> {
        let identity = try await authenticate(request)
        let rawState = request.formQuery["state"] ?? "open"
        guard let state = ModerationCase.State(rawValue: rawState) else {
            throw ReelError.badRequest("The state must be open or closed.", code: "invalid_state")
        }
        let (cursor, limit) = try request.pagination()
        let cases = try await queue.cases(for: identity, state: state, after: try Self.position(cursor), limit: limit)
        let next = cases.count == limit ? cases.last.map { "\($0.priority).\($0.id)" } : nil
        return Page(items: cases.map { CaseSummaryView($0, region: identity.jurisdiction) }, nextCursor: next)
    }

    /// One case with the reported content, its reports (no reporters) and its decisions.
    /// - Throws: ``ReelError`` 404 for an unknown case or another region's.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> CaseView {
        let identity = try await authenticate(request)
        let id = try Self.caseID(context)
        let detail = try await queue.detail(of: id, for: identity)
        return CaseView(detail, region: try queue.ids.region(of: id).code)
    }

    /// Decides a case: 201 with the recorded action.
    /// - Throws: ``ReelError`` 400 `invalid_action`, `invalid_rule`, `action_not_applicable`, …; 404; 409 `case_closed`.
    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CaseActionView> {
        let identity = try await authenticate(request)
        let id = try Self.caseID(context)
        let body = try await request.decodeJSON(as: ActionBody.self, context: context)
        guard let action = ModerationActionKind(rawValue: body.action) else {
            let known = ModerationActionKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReelError.badRequest("The action \(body.action) is not a moderation action; use one of \(known).", code: "invalid_action")
        }
        let decision = ModerationQueue.Decision(action: action, ruleID: body.ruleID, facts: body.facts ?? "", durationDays: body.durationDays,
                                                territorialScope: body.territorialScope)
        let recorded = try await queue.act(on: id, by: identity, decision: decision)
        return EditedResponse(status: .created, response: CaseActionView(recorded))
    }

    /// The reported video's media (Range supported; `?access_token=` accepted for a `<video>` element),
    /// whatever the video's visibility or state.
    /// - Throws: ``ReelError`` 404 for another region's case, a case that is not about a video, or missing media.
    @Sendable func media(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try await authenticate(request)
        return try responder.response(for: try await queue.media(of: try Self.caseID(context), for: identity), request: request)
    }

    private func authenticate(_ request: Request) async throws -> StaffService.StaffIdentity {
        guard let token = AuthenticationMiddleware.token(in: request) else {
            throw ReelError.unauthorized("Moderation routes need a staff token; sign in at POST /v1/staff/sessions.", code: "staff_token_required")
        }
        return try await staff.authenticate(token: token)
    }

    private static func caseID(_ context: AppRequestContext) throws -> ReelID {
        guard let id = ReelID(try context.parameters.require("id")) else { throw ReelError.notFound("case") }
        return id
    }

    /// Parses a queue cursor `<priority>.<case ID>`.
    private static func position(_ raw: String?) throws -> CaseQueuePosition? {
        guard let raw else { return nil }
        let parts = raw.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let priority = Int(parts[0]), let id = ReelID(parts[1]) else {
            throw ReelError.badRequest("The cursor is not valid; start again without one.", code: "invalid_cursor")
        }
        return CaseQueuePosition(priority: priority, id: id)
    }
}
