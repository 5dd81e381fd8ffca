/// The rule a moderation decision rests on: a rule ID of a region's community guidelines and the
/// version of the guidelines it was read in (``Guidelines``), so a decision can be checked against
/// the text in force when it was taken.
public struct RuleCitation: Sendable, Hashable, Codable {
    /// The rule's ID, e.g. `us-hate-1`.
    public var ruleID: String
    /// The guidelines version the rule was cited from, e.g. `2026-11-01`.
    public var guidelinesVersion: String

    /// Creates a citation.
    public init(ruleID: String, guidelinesVersion: String) {
        self.ruleID = ruleID
        self.guidelinesVersion = guidelinesVersion
    }
}
