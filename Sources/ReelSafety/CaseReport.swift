import Foundation
import ReelCore

/// One report as the moderation case in the content's region holds it: what was reported and why,
/// and a pseudonymous reference in place of the reporter.
///
/// `reporterRef` is the report's ID in the reporter's home region (or, for an anonymous report, a
/// fresh ID of the content's region that names nobody): it identifies the reporter only together
/// with that region's own row, which never leaves it (docs/safety.md, "Reports").
public struct CaseReport: Sendable, Equatable {
    /// The pseudonymous reference: the reporter's report ID, never their user ID.
    public var reporterRef: ReelID
    /// The reason category.
    public var category: ReportCategory
    /// The reporter's explanation (at most 2000 characters).
    public var explanation: String
    /// When the report was filed.
    public var createdAt: Date

    /// Creates a case report.
    public init(reporterRef: ReelID, category: ReportCategory, explanation: String, createdAt: Date) {
        self.reporterRef = reporterRef
        self.category = category
        self.explanation = explanation
        self.createdAt = createdAt
    }
}
