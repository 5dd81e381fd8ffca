import Foundation
import ReelCore

/// One statement of reasons in the field set of the EU DSA Transparency Database API (DSA Art. 24(5);
/// `POST https://transparency.dsa.ec.europa.eu/api/v1/statement`, field names and rules from
/// https://transparency.dsa.ec.europa.eu/page/api-documentation): what `reel safety export-sor`
/// writes, one JSON object a line.
///
/// It carries no personal data: the `puid` is the statement's own ID (not a person's or their
/// content's), free text goes through a ``PersonalDataRedactor``, the notifier's identity
/// (`source_identity`) is never sent, and dates are days.
public struct TransparencyDatabaseStatement: Sendable, Equatable, Codable {
    public var decisionVisibility: [TransparencyDatabaseVocabulary.DecisionVisibility]?
    public var decisionAccount: TransparencyDatabaseVocabulary.DecisionAccount?
    public var accountType: TransparencyDatabaseVocabulary.AccountType
    public var decisionGround: TransparencyDatabaseVocabulary.DecisionGround
    public var illegalContentLegalGround: String?
    public var illegalContentExplanation: String?
    public var incompatibleContentGround: String?
    public var incompatibleContentExplanation: String?
    public var contentType: [TransparencyDatabaseVocabulary.ContentType]
    public var contentTypeOther: String?
    public var category: TransparencyDatabaseVocabulary.StatementCategory
    public var categorySpecification: [TransparencyDatabaseVocabulary.Keyword]?
    /// EEA country codes, sorted.
    public var territorialScope: [String]
    /// When the content was posted (or the account opened), `YYYY-MM-DD` in UTC.
    public var contentDate: String
    /// When the restriction began, `YYYY-MM-DD` in UTC.
    public var applicationDate: String
    public var endDateVisibilityRestriction: String?
    public var endDateAccountRestriction: String?
    public var decisionFacts: String
    public var sourceType: TransparencyDatabaseVocabulary.SourceType
    /// `"Yes"` or `"No"`.
    public var automatedDetection: String
    public var automatedDecision: TransparencyDatabaseVocabulary.AutomatedDecision
    /// The platform's unique ID of the statement: `reel-` and the statement's ID.
    public var puid: String

    /// The database's names, in its snake_case.
    enum CodingKeys: String, CodingKey {
        case decisionVisibility = "decision_visibility", decisionAccount = "decision_account", accountType = "account_type"
        case decisionGround = "decision_ground", illegalContentLegalGround = "illegal_content_legal_ground"
        case illegalContentExplanation = "illegal_content_explanation", incompatibleContentGround = "incompatible_content_ground"
        case incompatibleContentExplanation = "incompatible_content_explanation", contentType = "content_type"
        case contentTypeOther = "content_type_other", category, categorySpecification = "category_specification"
        case territorialScope = "territorial_scope", contentDate = "content_date", applicationDate = "application_date"
        case endDateVisibilityRestriction = "end_date_visibility_restriction", endDateAccountRestriction = "end_date_account_restriction"
        case decisionFacts = "decision_facts", sourceType = "source_type", automatedDetection = "automated_detection"
        case automatedDecision = "automated_decision", puid
    }

    /// The fields every statement must carry (the API answers 422 without them); with one of
    /// `decision_visibility`, `decision_monetary`, `decision_provision`, `decision_account`.
    public static let requiredFields: [String] = [
        "decision_ground", "content_type", "category", "territorial_scope", "content_date", "application_date", "decision_facts",
        "source_type", "automated_detection", "automated_decision", "puid",
    ]

    /// What a statement of reasons says, as the export needs it.
    public struct Decision: Sendable {
        /// The statement's own ID (becomes the `puid`).
        public var statementID: ReelID
        /// The restriction imposed.
        public var restriction: ModerationActionKind
        /// The kind of content (or the account) restricted.
        public var targetKind: ModerationTarget.Kind
        /// When the content was posted or the account opened.
        public var contentCreatedAt: Date
        /// Country codes, or `worldwide`.
        public var territorialScope: [String]
        public var startsAt: Date
        public var endsAt: Date?
        /// The moderator's facts and circumstances (redacted before export).
        public var facts: String
        public var automatedDetection: Bool
        public var automatedDecision: Bool
        /// The guidelines rule relied on, and the version of the guidelines.
        public var ruleID: String
        public var guidelinesVersion: String
        /// The law relied on, when the content was found illegal (Art. 17(3)(d)).
        public var legalGround: String?
        /// The most severe category the content was reported under.
        public var category: ReportCategory

        /// Creates a decision.
        public init(statementID: ReelID, restriction: ModerationActionKind, targetKind: ModerationTarget.Kind, contentCreatedAt: Date,
                    territorialScope: [String], startsAt: Date, endsAt: Date?, facts: String, automatedDetection: Bool,
                    automatedDecision: Bool, ruleID: String, guidelinesVersion: String, legalGround: String?, category: ReportCategory) {
            self.statementID = statementID
            self.restriction = restriction
            self.targetKind = targetKind
            self.contentCreatedAt = contentCreatedAt
            self.territorialScope = territorialScope
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.facts = facts
            self.automatedDetection = automatedDetection
            self.automatedDecision = automatedDecision
            self.ruleID = ruleID
            self.guidelinesVersion = guidelinesVersion
            self.legalGround = legalGround
            self.category = category
        }

        /// What `statement` says, with the category of the case it was decided on. The content's
        /// creation date is read from the target's time-sortable ID (made when it was posted).
        public init(statement: StatementOfReasons, category: ReportCategory) {
            self.init(statementID: statement.id, restriction: statement.restriction, targetKind: statement.target.kind,
                      contentCreatedAt: Date(timeIntervalSince1970: Double(statement.target.id.unixMilliseconds) / 1000),
                      territorialScope: statement.territorialScope, startsAt: statement.startsAt, endsAt: statement.endsAt,
                      facts: statement.facts, automatedDetection: statement.automatedDetection,
                      automatedDecision: statement.automatedDecision, ruleID: statement.ground.ruleID,
                      guidelinesVersion: statement.ground.guidelinesVersion, legalGround: statement.ground.legalGround, category: category)
        }
    }

    /// The database statement for a decision, or nil when there is nothing to submit: a dismissal
    /// restricts nobody, and a decision that applies in no EEA country is outside the DSA.
    /// Free text is redacted by `redactor` and cut to the database's limits (5000 characters of
    /// facts, 2000 of explanation, 500 of ground).
    public init?(_ decision: Decision, redactor: PersonalDataRedactor) {
        typealias V = TransparencyDatabaseVocabulary
        let scope = V.territorialScope(decision.territorialScope)
        guard decision.restriction.isRestriction, !scope.isEmpty else { return nil }
        let facts = redactor.redact(decision.facts).trimmingCharacters(in: .whitespacesAndNewlines)
        let endDate = decision.endsAt.map(Self.day)
        switch decision.restriction {
        case .remove, .removeComment: decisionVisibility = [.contentRemoved]
        case .restrictAdults: decisionVisibility = [.contentAgeRestricted]
        // Labelled, and out of every For You and Popular.
        case .labelUnverified: decisionVisibility = [.contentLabelled, .contentDemoted]
        case .demote: decisionVisibility = [.contentDemoted]
        case .suspend: decisionAccount = .suspended
        case .terminate: decisionAccount = .terminated
        case .dismiss: return nil
        }
        if decisionVisibility != nil { endDateVisibilityRestriction = endDate } else { endDateAccountRestriction = endDate }
        accountType = .private
        let ground = Self.cut("Rule \(decision.ruleID) of the community guidelines, version \(decision.guidelinesVersion)", 500)
        let explanation = Self.cut(facts.isEmpty ? "The content breaks this rule." : facts, 2000)
        if let legalGround = decision.legalGround.map(redactor.redact), !legalGround.isEmpty {
            decisionGround = .illegalContent
            illegalContentLegalGround = Self.cut(legalGround, 500)
            illegalContentExplanation = explanation
        } else {
            decisionGround = .incompatibleContent
            incompatibleContentGround = ground
            incompatibleContentExplanation = explanation
        }
        switch decision.targetKind {
        case .video: contentType = [.video]
        case .comment: contentType = [.text]
        case .account:
            contentType = [.other]
            contentTypeOther = "User account"
        }
        let (category, keywords) = V.classification(of: decision.category)
        self.category = category
        categorySpecification = keywords.isEmpty ? nil : keywords
        territorialScope = scope
        contentDate = Self.day(decision.contentCreatedAt)
        applicationDate = Self.day(decision.startsAt)
        decisionFacts = Self.cut(facts.isEmpty ? ground : facts, 5000)
        sourceType = V.source(of: decision.category)
        automatedDetection = decision.automatedDetection ? "Yes" : "No"
        automatedDecision = decision.automatedDecision ? .fully : .notAutomated
        puid = "reel-\(decision.statementID)"
    }

    /// `YYYY-MM-DD` in UTC.
    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }

    private static func cut(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit))
    }
}
