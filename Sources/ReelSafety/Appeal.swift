import Foundation
import ReelCore

/// A complaint against a moderation decision (DSA Art. 20): the affected user appeals a statement of
/// reasons, or a reporter appeals the dismissal of their report. A moderator other than the one who
/// took the decision decides it; an upheld appeal reverses the decision everywhere.
///
/// Stored in the appellant's home region (a moderation record about a person); `caseRegion` names the
/// region whose moderators decide it.
public struct Appeal: Sendable, Equatable {
    /// Where an appeal stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, upheld, rejected
    }

    /// What a moderator decides.
    public enum Decision: String, Sendable, Codable, CaseIterable, ClosedSetDecodable {
        /// The appellant is right: the decision is reversed.
        case uphold
        /// The decision stands.
        case reject

        /// The status an appeal gets from this decision.
        public var status: Status { self == .uphold ? .upheld : .rejected }
    }

    /// Longest explanation an appellant or a moderator may write, in characters.
    public static let maxExplanationLength = 2000

    /// The appeal's ID, made in the appellant's home region.
    public var id: ReelID
    /// Who appeals.
    public var appellantID: ReelID
    /// The statement of reasons appealed (the affected user's appeal).
    public var statementID: ReelID?
    /// The dismissed report appealed (the reporter's appeal).
    public var reportID: ReelID?
    /// The moderation case the decision was taken on (its ID carries the content's region); nil for
    /// a decision taken outside a case.
    public var caseID: ReelID?
    /// The region whose moderators decide the appeal: the case's region.
    public var caseRegion: RegionCode
    /// The moderator who took the decision appealed; they may not decide the appeal.
    public var decidedByModeratorID: ReelID
    public var status: Status
    /// Why the appellant disagrees.
    public var explanation: String
    public var createdAt: Date
    /// When a moderator decided, once they have.
    public var decidedAt: Date?
    /// The deciding moderator's reasons, shown to the appellant.
    public var decisionExplanation: String?
    /// The moderator who decided the appeal.
    public var reviewerID: ReelID?

    /// Creates a pending appeal.
    public init(id: ReelID, appellantID: ReelID, statementID: ReelID?, reportID: ReelID?, caseID: ReelID?, caseRegion: RegionCode,
                decidedByModeratorID: ReelID, explanation: String, createdAt: Date) {
        self.id = id
        self.appellantID = appellantID
        self.statementID = statementID
        self.reportID = reportID
        self.caseID = caseID
        self.caseRegion = caseRegion
        self.decidedByModeratorID = decidedByModeratorID
        self.status = .pending
        self.explanation = explanation
        self.createdAt = createdAt
    }
}
