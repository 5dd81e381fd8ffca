import Foundation
import ReelCore
import ReelSafety

/// One region's appeals (DSA Art. 20), stored in the appellant's home region. Every method is one
/// transaction; appeals of another region's users are refused (``ReelError`` `residency_violation`).
public protocol AppealStore: Sendable {
    /// Stores a new pending appeal.
    /// - Throws: ``ReelError`` 409 `appeal_exists` when the same statement or report already has a
    ///   pending appeal.
    func insertAppeal(_ appeal: Appeal) async throws
    /// The appeal with this ID, if any.
    func appeal(id: ReelID) async throws -> Appeal?
    /// An appellant's appeals, newest first, older than `before` when given.
    func appeals(appellantID: ReelID, before: ReelID?, limit: Int) async throws -> [Appeal]
    /// Pending appeals that moderators of `caseRegion` decide, oldest first, newer than `after` when given.
    func pendingAppeals(caseRegion: RegionCode, after: ReelID?, limit: Int) async throws -> [Appeal]
    /// Records a moderator's decision on a pending appeal and returns the decided appeal; nil (and
    /// nothing changes) when the appeal is unknown or was decided already.
    func decideAppeal(id: ReelID, decision: Appeal.Decision, explanation: String, reviewerID: ReelID, at: Date) async throws -> Appeal?
    /// Appeals that moderators of `caseRegion` decide, filed or decided in `[from, to)` (for the
    /// transparency report).
    func appeals(caseRegion: RegionCode, activeFrom from: Date, to: Date) async throws -> [Appeal]
}
