import Foundation
import ReelCore

/// A message to one user about something that happened to them: a statement of reasons about their
/// content or account, a decided appeal, a decided report, a follow request or its approval. Stored in the user's home
/// region; `GET /v1/me/notifications` lists them, newest first.
public struct UserNotification: Sendable, Equatable {
    /// What the notification is about.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A restriction of the user's content or account, with its statement of reasons.
        case statement
        /// A moderator decided the user's appeal.
        case appealDecided = "appeal_decided"
        /// A moderator decided on a report the user filed.
        case reportDecided = "report_decided"
        /// Someone asked to follow the user's private account.
        case followRequest = "follow_request"
        /// The owner of a private account approved the user's follow request.
        case followApproved = "follow_approved"
    }

    /// The notification's ID, made in the recipient's home region (time-sortable: newest first is
    /// descending ID).
    public var id: ReelID
    /// Who it is for.
    public var userID: ReelID
    public var kind: Kind
    /// A full sentence for the user.
    public var text: String
    public var createdAt: Date
    /// The statement of reasons it is about, if any.
    public var statementID: ReelID?
    /// The appeal it is about, if any.
    public var appealID: ReelID?
    /// The report it is about, if any.
    public var reportID: ReelID?

    /// Creates a notification.
    public init(id: ReelID, userID: ReelID, kind: Kind, text: String, createdAt: Date,
                statementID: ReelID? = nil, appealID: ReelID? = nil, reportID: ReelID? = nil) {
        self.id = id
        self.userID = userID
        self.kind = kind
        self.text = text
        self.createdAt = createdAt
        self.statementID = statementID
        self.appealID = appealID
        self.reportID = reportID
    }
}
