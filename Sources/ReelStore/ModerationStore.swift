import Foundation
import ReelCore
import ReelSafety

/// Reports and moderation cases of one region (docs/safety.md). Two sides, never joined in one store:
/// a reporter's ``Report`` lives in the reporter's home region; the ``ModerationCase`` about a video,
/// comment or account lives in the content's region and holds only ``CaseReport``s, whose
/// `reporterRef` is the report's ID, not the reporter.
///
/// Every method is one transaction; reports of a reporter of another region are refused
/// (``ReelError`` `residency_violation`), as are cases and actions with another region's IDs.
public protocol ModerationStore: Sendable {
    /// Stores a report by a reporter who lives here, unless they reported the same target before.
    /// Returns the stored report (the earlier one, if any) and whether it is new.
    func insertReport(_ report: Report) async throws -> (report: Report, isNew: Bool)
    /// The report `reporter` filed about `target`, if any.
    func report(reporter: ReelID, target: ModerationTarget) async throws -> Report?
    /// `reporter`'s reports, newest first, older than `cursor` when given.
    func reports(reporter: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Report]

    /// Adds `report` to the open case of `target` (which lives here), or opens a case with
    /// `newCaseID` when the target has none, and sets the case's reach (distinct viewers in the last
    /// 24 hours, counted at `date`). A `reporterRef` already on the case is not counted again.
    /// Returns the case as it now is.
    func fileCaseReport(_ report: CaseReport, target: ModerationTarget, newCaseID: ReelID, reach: Int, at date: Date) async throws -> ModerationCase
    /// Files an anonymous report whose client is known only by `clientHash` (a keyed hash of its
    /// address and the target, never the address; docs/safety.md, "Reports"): the first report under
    /// a hash is filed as ``fileCaseReport(_:target:newCaseID:reach:at:)`` files it and remembered with
    /// its case; a later one under the same hash is not counted, and that case (as it now is, decided
    /// or not) and the first report's reference are returned instead. Hashes remembered since before
    /// `forgetBefore` are deleted first (for every target), so a client address is kept no longer than
    /// that. One transaction, so concurrent reports from one client count once.
    /// Returns the case and the reference the report stands under.
    func fileAnonymousCaseReport(_ report: CaseReport, clientHash: String, target: ModerationTarget, newCaseID: ReelID, reach: Int,
                                 at date: Date, forgetBefore: Date) async throws -> (moderationCase: ModerationCase, reporterRef: ReelID)
    /// The case with this ID, if it lives here.
    func moderationCase(id: ReelID) async throws -> ModerationCase?
    /// Cases in `state`, by priority then ID (both descending), after `position` when given.
    /// - Complexity: one range read of the `(state, priority, id)` index.
    func moderationCases(state: ModerationCase.State, after position: CaseQueuePosition?, limit: Int) async throws -> [ModerationCase]
    /// The reports of a case, oldest first.
    func caseReports(caseID: ReelID) async throws -> [CaseReport]
    /// Open cases whose reach was last counted before `date`, oldest count first (at most `limit`).
    func openCasesToRecount(checkedBefore date: Date, limit: Int) async throws -> [ModerationCase]
    /// Sets an open case's reach as counted at `date` (and so its priority).
    func updateReach(caseID: ReelID, reach: Int, at date: Date) async throws
    /// Closes an open case with `outcome`. Returns false (and changes nothing) when it is not open.
    func closeCase(id: ReelID, outcome: ReportStatus, at date: Date) async throws -> Bool
    /// Opens a closed case again (its action's effects failed, or an appeal reopened it).
    func reopenCase(id: ReelID, at date: Date) async throws
    /// Records a decision on a case.
    func insertCaseAction(_ action: CaseAction) async throws
    /// The decisions on a case, oldest first.
    func caseActions(caseID: ReelID) async throws -> [CaseAction]
    /// How many distinct viewers who live here watched `video` since `date`: an aggregate that names
    /// nobody, summed over every region for a case's reach.
    func viewerCount(of video: ReelID, since date: Date) async throws -> Int
}
