import Foundation
import ReelCore
import ReelGuard
import ReelMedia
import ReelSafety
import ReelStore

/// The moderation queue of each region, for staff with the moderator role: the cases of their own
/// jurisdiction by priority, one case with its reports and history, and decisions on it.
///
/// Every call asks the ``Gate`` with purpose `moderation` (recorded in the case's region's audit log,
/// allowed or denied). A case of another region is answered 404 as if it did not exist, after its
/// region's gate recorded the refusal; a role the policy does not name is answered 403.
struct ModerationQueue: Sendable {
    let stores: RegionDirectory<any ModerationStore>
    let videoStores: RegionDirectory<any VideoStore>
    /// Each region's media, for the reported video whatever its state.
    let mediaStores: RegionDirectory<any MediaStore>
    let socialStores: RegionDirectory<any SocialStore>
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    let guidelines: GuidelinesLibrary
    let reach: CaseReach
    /// Asks the case's region's gate, which records every decision in its audit log.
    let gate: ModerationGate
    /// What a decision does beyond being recorded (``ModerationEffects``).
    let effects: any ModerationEffects
    /// Tells the case's reporters what was decided.
    let notifications: NotificationService

    /// How old a case's reach may be before the queue's first page counts it again.
    static let reachFreshness: TimeInterval = 300

    /// One case with what a moderator needs to decide it.
    struct CaseDetail: Sendable {
        var moderationCase: ModerationCase
        var reports: [CaseReport]
        var actions: [CaseAction]
        var video: Video?
        var videoCreator: PublicProfile?
        var comment: Comment?
        var account: PublicProfile?
    }

    /// What a moderator decides.
    struct Decision: Sendable {
        var action: ModerationActionKind
        var ruleID: String
        var facts: String
        var durationDays: Int?
        var territorialScope: [String]?
    }

    /// A page of `state` cases of the moderator's own region, by priority (first page: open cases
    /// whose reach is older than ``reachFreshness`` are counted again first).
    /// - Throws: ``ReelError`` 403 `access_denied` when the policy does not let this staff member moderate.
    func cases(for staff: StaffService.StaffIdentity, state: ModerationCase.State, after position: CaseQueuePosition?, limit: Int,
               now: Date = Date()) async throws -> [ModerationCase] {
        let region = staff.jurisdiction
        try await gate.authorize(staff, resource: "moderation.cases", region: region, justification: "Queue of region \(region).", now: now)
        guard let store = stores.store(for: region) else { return [] }
        if position == nil, state == .open {
            for stale in try await store.openCasesToRecount(checkedBefore: now.addingTimeInterval(-Self.reachFreshness), limit: 200) {
                try await store.updateReach(caseID: stale.id, reach: try await reach.reach(of: stale.target, now: now), at: now)
            }
        }
        return try await store.moderationCases(state: state, after: position, limit: limit)
    }

    /// The case `id` with its reports, decisions and the reported content (whatever its state).
    /// - Throws: ``ReelError`` 404 for an unknown case or one of another region (refusal recorded);
    ///   403 `access_denied` for a staff member of the case's region the policy does not let moderate.
    func detail(of id: ReelID, for staff: StaffService.StaffIdentity, now: Date = Date()) async throws -> CaseDetail {
        let moderationCase = try await authorizedCase(id, for: staff, resource: "moderation.cases", now: now)
        let store = try stores.store(for: id)
        var detail = CaseDetail(moderationCase: moderationCase, reports: try await store.caseReports(caseID: id),
                                actions: try await store.caseActions(caseID: id))
        let target = moderationCase.target
        switch target.kind {
        case .video:
            detail.video = try await videoStores.store(for: target.id).video(id: target.id)
            if let creator = detail.video?.creatorID { detail.videoCreator = try await publicIndex.profile(userID: creator) }
        case .comment:
            detail.comment = try await socialStores.store(for: target.id).comment(id: target.id)
        case .account:
            detail.account = try await publicIndex.profile(userID: target.id)
        }
        return detail
    }

    /// The reported video's media (its default rendition) for the case's moderator, whatever the video's
    /// visibility or state; every request is a gate decision (`moderation.media`) in the case's region.
    /// - Throws: ``ReelError`` 404 as ``detail(of:for:now:)``, and when the case is not about a video or
    ///   the video has no media (not transcoded, or deleted).
    func media(of id: ReelID, for staff: StaffService.StaffIdentity, now: Date = Date()) async throws -> StoredMedia {
        let moderationCase = try await authorizedCase(id, for: staff, resource: "moderation.media", now: now)
        let video = moderationCase.target.id
        guard moderationCase.target.kind == .video,
              let stored = try await StoredMedia(store: mediaStores.store(for: video), key: .video(video.description)) else {
            throw ReelError.notFound("video media")
        }
        return stored
    }

    /// Decides case `id`: checks the action fits the target and the rule is in the region's current
    /// guidelines, closes the case, applies the effects, and records the action.
    /// - Throws: ``ReelError`` 404 as ``detail(of:for:now:)``; 400 `invalid_rule`, `action_not_applicable`,
    ///   `invalid_duration`, `facts_required`, `invalid_territorial_scope`; 409 `case_closed`.
    func act(on id: ReelID, by staff: StaffService.StaffIdentity, decision: Decision, now: Date = Date()) async throws -> CaseAction {
        let moderationCase = try await authorizedCase(id, for: staff, resource: "moderation.actions", now: now)
        let region = try ids.region(of: id)
        guard decision.action.appliesTo.contains(moderationCase.target.kind) else {
            let kinds = decision.action.appliesTo.map(\.rawValue).sorted().joined(separator: " or ")
            throw ReelError.badRequest("The action \(decision.action.rawValue) applies only to: \(kinds); this case is about: \(moderationCase.target.kind.rawValue).",
                                       code: "action_not_applicable")
        }
        let current = try guidelines.current(for: region.code)
        guard current.rule(decision.ruleID) != nil else {
            throw ReelError.badRequest("The rule \(decision.ruleID) is not in version \(current.version) of region \(region.code)'s guidelines (GET /v1/guidelines?region=\(region.code)).",
                                       code: "invalid_rule")
        }
        let durationDays = try Self.duration(decision)
        let facts = decision.facts.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !facts.isEmpty || !decision.action.isRestriction else {
            throw ReelError.badRequest("A restriction needs the facts it rests on; they are shown to the affected person.", code: "facts_required")
        }
        guard facts.count <= 5000 else { throw ReelError.badRequest("The facts may be at most 5000 characters long.", code: "facts_too_long") }
        let scope = try Self.scope(decision.territorialScope)
        guard moderationCase.state == .open else { throw Self.closed }
        let store = try stores.store(for: id)
        guard try await store.closeCase(id: id, outcome: decision.action.isRestriction ? .actioned : .dismissed, at: now) else { throw Self.closed }
        var action = CaseAction(id: ids.newID(in: region), caseID: id, action: decision.action,
                                rule: RuleCitation(ruleID: decision.ruleID, guidelinesVersion: current.version), moderatorID: staff.staffID,
                                facts: facts, durationDays: durationDays, territorialScope: scope, createdAt: now,
                                endsAt: durationDays.map { now.addingTimeInterval(Double($0) * 86_400) })
        do {
            action.statementID = try await effects.apply(action, target: moderationCase.target)
            try await store.insertCaseAction(action)
        } catch {
            try? await store.reopenCase(id: id, at: now)
            throw error
        }
        // The decision stands even if a reporter's notification cannot be written now.
        try? await notifications.notifyReporters(of: try await store.caseReports(caseID: id), decision: decision.action, now: now)
        return action
    }

    /// The case `id` once the gate of its region allowed `staff` to read it.
    private func authorizedCase(_ id: ReelID, for staff: StaffService.StaffIdentity, resource: String, now: Date) async throws -> ModerationCase {
        guard let region = ids.regions.region(of: id) else { throw ReelError.notFound("case") }
        // Another region's case: its existence is not revealed (the refusal is in its region's log).
        try await gate.authorizeOrHide(staff, resource: resource, region: region.code, justification: "Case \(id).", what: "case", now: now)
        guard let moderationCase = try await stores.store(for: id).moderationCase(id: id) else { throw ReelError.notFound("case") }
        return moderationCase
    }

    private static let closed = ReelError.conflict("This case has been decided already.", code: "case_closed")

    /// A suspension's duration (1…3650 days, required); nil for every other action, which must not give one.
    private static func duration(_ decision: Decision) throws -> Int? {
        switch (decision.action, decision.durationDays) {
        case (.suspend, let days?) where (1...3650).contains(days): return days
        case (.suspend, _):
            throw ReelError.badRequest("A suspension needs durationDays between 1 and 3650.", code: "invalid_duration")
        case (_, nil): return nil
        case (let action, _?):
            throw ReelError.badRequest("Only a suspension takes durationDays; \(action.rawValue) does not.", code: "invalid_duration")
        }
    }

    /// Where a restriction applies: always `["worldwide"]`, given or not.
    /// - Throws: ``ReelError`` 400 `invalid_territorial_scope` for any other scope.
    private static func scope(_ given: [String]?) throws -> [String] {
        // Every action takes effect in every region (one public index, one publisher), so a statement
        // may only claim a worldwide scope.
        guard let given, given != ["worldwide"] else { return ["worldwide"] }
        throw ReelError.badRequest("Moderation actions apply in every region: territorialScope must be [\"worldwide\"] or absent.",
                                   code: "invalid_territorial_scope")
    }
}
