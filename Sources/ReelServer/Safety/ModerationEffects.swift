import Foundation
import ReelCore
import ReelSafety

/// The seam between the moderation case endpoint and the effects of a decision (issue 13, item 3):
/// taking a video down through the one publisher, restricting it to adults, labelling or demoting it,
/// removing a comment, suspending or terminating an account, and writing the statement of reasons
/// (DSA Art. 17) in the affected user's home region.
///
/// ``ModerationQueue/act(on:by:request:now:)`` validates the decision, closes the case, then calls
/// ``apply(_:target:)`` once; if it throws, the case is opened again and nothing is recorded. The
/// effects service, ``ModerationActions``, implements it (`ModerationActions+Effects.swift`).
protocol ModerationEffects: Sendable {
    /// Carries out `action` on `target` and returns the ID of the statement of reasons it wrote
    /// (nil for a dismissal, which restricts nobody).
    /// - Parameters:
    ///   - action: the decision as it will be recorded on the case (its `statementID` is still nil).
    ///   - target: what the case is about.
    /// - Throws: any error; the decision is then not recorded and the case stays open.
    func apply(_ action: CaseAction, target: ModerationTarget) async throws -> ReelID?
}
