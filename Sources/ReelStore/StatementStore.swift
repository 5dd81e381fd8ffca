import Foundation
import ReelCore
import ReelSafety

/// Statements of reasons of one region: those about its users' videos, comments and accounts
/// (the affected user's home region, which is the region of the target's ID).
///
/// Every method is one transaction. A statement naming another region's user is refused
/// (``ReelError`` `residency_violation`).
public protocol StatementStore: Sendable {
    /// Stores a new statement.
    func insertStatement(_ statement: StatementOfReasons) async throws
    /// The statement with this ID, if it lives here.
    func statement(id: ReelID) async throws -> StatementOfReasons?
    /// Statements about `userID`, newest first, strictly older than `cursor` when given.
    func statements(affecting userID: ReelID, before cursor: ReelID?, limit: Int) async throws -> [StatementOfReasons]
    /// Every statement of the region, oldest first, strictly after `cursor` when given (IDs sort by
    /// time, so a date maps to a cursor): for the transparency export and report.
    func statements(after cursor: ReelID?, limit: Int) async throws -> [StatementOfReasons]
    /// The statements about `target` still in force (status `active`), oldest first.
    func activeStatements(about target: ModerationTarget) async throws -> [StatementOfReasons]
    /// Marks an active statement reversed at `date` and returns it; nil when it is unknown or already reversed.
    func reverseStatement(id: ReelID, at date: Date) async throws -> StatementOfReasons?
}
