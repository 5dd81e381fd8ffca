import Foundation
import ReelCore
import ReelSafety

extension ModerationActions: ModerationEffects {
    /// Carries out a moderator's decision on a case: every restriction through
    /// ``apply(_:to:ruleID:guidelinesVersion:facts:durationDays:territorialScope:moderator:legalGround:automatedDetection:now:)``,
    /// which writes the statement of reasons; a dismissal changes nothing.
    /// - Returns: The statement's ID, or nil for a dismissal.
    /// - Throws: ``ReelError`` 400 `action_not_applicable`, 404 for a target that is gone, or a store error.
    func apply(_ action: CaseAction, target: ModerationTarget) async throws -> ReelID? {
        guard action.action.isRestriction else { return nil }
        return try await apply(action.action, to: target, ruleID: action.rule.ruleID, guidelinesVersion: action.rule.guidelinesVersion,
                               facts: action.facts, durationDays: action.durationDays,
                               territorialScope: action.territorialScope.isEmpty ? nil : action.territorialScope,
                               moderator: action.moderatorID, now: action.createdAt)?.id
    }
}
