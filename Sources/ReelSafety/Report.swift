import Foundation
import ReelCore

/// A report as its reporter's home region keeps it (a notice under DSA Art. 16): who reported what,
/// why, and the moderation case (in the content's region) it joined. Stored only in the reporter's
/// region; the case holds a ``CaseReport`` with this report's ID in place of the reporter.
public struct Report: Sendable, Equatable {
    /// The longest explanation accepted, in characters.
    public static let maxExplanationLength = 2000

    /// The report's ID, made in the reporter's region.
    public var id: ReelID
    /// The signed-in reporter.
    public var reporterID: ReelID
    /// What is reported.
    public var target: ModerationTarget
    /// The reason category.
    public var category: ReportCategory
    /// The reporter's explanation.
    public var explanation: String
    /// When the report was filed.
    public var createdAt: Date
    /// The moderation case it joined (an ID of the content's region).
    public var caseID: ReelID

    /// Creates a report.
    public init(id: ReelID, reporterID: ReelID, target: ModerationTarget, category: ReportCategory, explanation: String,
                createdAt: Date, caseID: ReelID) {
        self.id = id
        self.reporterID = reporterID
        self.target = target
        self.category = category
        self.explanation = explanation
        self.createdAt = createdAt
        self.caseID = caseID
    }
}
