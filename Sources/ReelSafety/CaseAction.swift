import Foundation
import ReelCore

/// A moderator's decision on a case, as the case records it: the action, the rule it rests on, the
/// facts, and the statement of reasons its effects produced (none for a dismissal).
public struct CaseAction: Sendable, Equatable {
    /// The action's ID, made in the case's region.
    public var id: ReelID
    /// The case decided.
    public var caseID: ReelID
    /// What was decided.
    public var action: ModerationActionKind
    /// The rule cited, in the guidelines version in force.
    public var rule: RuleCitation
    /// The staff ID of the moderator.
    public var moderatorID: ReelID
    /// The facts and circumstances relied on (shown in the statement of reasons).
    public var facts: String
    /// For a suspension: how many days it lasts.
    public var durationDays: Int?
    /// Where the restriction applies: ISO country codes, or `worldwide`.
    public var territorialScope: [String]
    /// When it was decided.
    public var createdAt: Date
    /// The statement of reasons the effects produced (nil for a dismissal or before the effects service records one).
    public var statementID: ReelID?
    /// When a time-limited restriction ends.
    public var endsAt: Date?

    /// Creates an action.
    public init(id: ReelID, caseID: ReelID, action: ModerationActionKind, rule: RuleCitation, moderatorID: ReelID, facts: String,
                durationDays: Int? = nil, territorialScope: [String], createdAt: Date, statementID: ReelID? = nil, endsAt: Date? = nil) {
        self.id = id
        self.caseID = caseID
        self.action = action
        self.rule = rule
        self.moderatorID = moderatorID
        self.facts = facts
        self.durationDays = durationDays
        self.territorialScope = territorialScope
        self.createdAt = createdAt
        self.statementID = statementID
        self.endsAt = endsAt
    }
}
