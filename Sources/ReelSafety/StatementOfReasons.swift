import Foundation
import ReelCore

/// A statement of reasons (EU Digital Services Act, Art. 17): what a moderation decision
/// restricted, where, for how long, on which facts and which rule, whether it was automated, and
/// how to appeal. One is made for every restriction (every ``ModerationActionKind`` but `dismiss`)
/// and stored in the affected user's home region, which is the region of the target's ID.
///
/// Art. 17(3) fields and where they are: (a) ``restriction``, ``territorialScope``, ``startsAt``,
/// ``endsAt``; (b) ``facts``; (c) ``automatedDetection``, ``automatedDecision``; (d)/(e)
/// ``ground`` (a rule of the community guidelines, or a legal ground); (f) ``appeal``.
/// ``affectedUserID``, ``moderatorID``, ``reversedAt`` and ``heldComment`` are internal: the API
/// and the transparency export leave them out.
public struct StatementOfReasons: Sendable, Equatable {
    /// The rule or law a decision rests on.
    public struct Ground: Sendable, Equatable, Codable {
        /// Rule ID of the region's guidelines, e.g. `us-hate-1`.
        public var ruleID: String
        /// Version of the guidelines the rule was read in.
        public var guidelinesVersion: String
        /// The law, when the content is restricted as illegal rather than as against the guidelines.
        public var legalGround: String?

        /// Creates a ground.
        public init(ruleID: String, guidelinesVersion: String, legalGround: String? = nil) {
            self.ruleID = ruleID
            self.guidelinesVersion = guidelinesVersion
            self.legalGround = legalGround
        }
    }

    /// How and until when the affected user may appeal (DSA Art. 20: at least six months).
    public struct Appeal: Sendable, Equatable, Codable {
        /// The last moment an appeal is accepted.
        public var until: Date
        /// What to do, as a sentence.
        public var how: String

        /// Creates appeal information.
        public init(until: Date, how: String) {
            self.until = until
            self.how = how
        }
    }

    /// Whether the restriction is in force.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// In force (or ended by its own end date).
        case active
        /// Undone (an upheld appeal or a moderator's correction); the content is restored.
        case reversed
    }

    /// The statement's ID (in the affected user's home region).
    public var id: ReelID
    /// What was restricted.
    public var target: ModerationTarget
    /// The user the decision is about: the creator of the video, the author of the comment, the account.
    public var affectedUserID: ReelID
    /// The action taken (never `dismiss`).
    public var restriction: ModerationActionKind
    /// ISO 3166-1 alpha-2 codes, or `["worldwide"]`.
    public var territorialScope: [String]
    /// When the restriction started.
    public var startsAt: Date
    /// When it ends by itself (a suspension); nil for an indefinite restriction.
    public var endsAt: Date?
    /// The facts and circumstances relied on, as written by the moderator (personal data removed).
    public var facts: String
    /// Whether the content was detected by automated means.
    public var automatedDetection: Bool
    /// Whether the decision was taken by automated means.
    public var automatedDecision: Bool
    /// The rule (and law) relied on.
    public var ground: Ground
    /// How to appeal.
    public var appeal: Appeal
    /// In force or reversed.
    public var status: Status
    /// When the statement was made.
    public var createdAt: Date
    /// The staff member who decided (the appeals process picks someone else).
    public var moderatorID: ReelID
    /// When it was reversed, if it was.
    public var reversedAt: Date?
    /// A removed comment, kept here (not in the comments table) so a reversal can restore it.
    public var heldComment: Comment?

    /// Creates a statement.
    public init(id: ReelID, target: ModerationTarget, affectedUserID: ReelID, restriction: ModerationActionKind,
                territorialScope: [String], startsAt: Date, endsAt: Date?, facts: String, automatedDetection: Bool,
                automatedDecision: Bool, ground: Ground, appeal: Appeal, status: Status = .active, createdAt: Date,
                moderatorID: ReelID, reversedAt: Date? = nil, heldComment: Comment? = nil) {
        self.id = id
        self.target = target
        self.affectedUserID = affectedUserID
        self.restriction = restriction
        self.territorialScope = territorialScope
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.facts = facts
        self.automatedDetection = automatedDetection
        self.automatedDecision = automatedDecision
        self.ground = ground
        self.appeal = appeal
        self.status = status
        self.createdAt = createdAt
        self.moderatorID = moderatorID
        self.reversedAt = reversedAt
        self.heldComment = heldComment
    }

    /// The scope of every restriction today: Reel applies each one in every region.
    public static let worldwide = ["worldwide"]

    /// How long an affected user may appeal: six months (DSA Art. 20(1)).
    public static func appealDeadline(after date: Date, calendar: Calendar = Calendar(identifier: .gregorian)) -> Date {
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        return utc.date(byAdding: .month, value: 6, to: date) ?? date.addingTimeInterval(183 * 86_400)
    }

    /// The sentence under ``Appeal/how`` for statement `id`.
    public static func appealInstructions(for id: ReelID) -> String {
        "Appeal within six months with POST /v1/appeals and {\"statementID\": \"\(id)\"} (or from Notifications in the app); "
            + "a different moderator reviews the decision."
    }

    /// `facts` with e-mail addresses replaced by `[email removed]` and @handles by `[handle removed]`,
    /// so a moderator's note cannot carry a reporter's (or anyone's) address or handle into a
    /// statement that is shown and exported.
    public static func redacted(facts: String) -> String {
        facts.replacing(/[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/, with: "[email removed]")
            .replacing(/(^|[^A-Za-z0-9_.])@[A-Za-z0-9_.]{3,24}/) { match in match.output.1 + "[handle removed]" }
    }

    /// The restrictions on a video that its active statements impose, from their action kinds.
    public static func videoRestrictions(from statements: [StatementOfReasons]) -> VideoRestrictions {
        statements.filter { $0.status == .active }.reduce(into: VideoRestrictions()) { result, statement in
            switch statement.restriction {
            case .remove: result.insert(.removed)
            case .restrictAdults: result.insert(.adultsOnly)
            case .labelUnverified: result.insert(.unverified)
            case .demote: result.insert(.demoted)
            case .removeComment, .suspend, .terminate, .dismiss: break
            }
        }
    }
}
