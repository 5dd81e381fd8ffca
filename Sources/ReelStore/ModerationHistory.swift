import Foundation
import ReelCore
import ReelSafety

/// What the appeal flow and the transparency report read back from a region's moderation cases
/// (``ModerationStore``'s tables): which case decision made a statement of reasons, and the reports
/// received and decisions taken in a period. Counts and case rows only: nothing names a reporter.
public protocol ModerationHistory: Sendable {
    /// The case decision that made statement `statementID` (both live in the content's region), if any.
    func caseAction(statementID: ReelID) async throws -> CaseAction?
    /// Who filed report `reportID`, when the report lives here (a case names its reporters only by
    /// their reports' IDs, which carry the reporter's region).
    func reporterID(ofReport reportID: ReelID) async throws -> ReelID?
    /// The reports filed on this region's cases in `[from, to)`.
    func receivedReports(from: Date, to: Date) async throws -> [TransparencyReport.ReceivedReport]
    /// The decisions taken on this region's cases in `[from, to)`, each with its case's first report time.
    func takenActions(from: Date, to: Date) async throws -> [TransparencyReport.TakenAction]
}
