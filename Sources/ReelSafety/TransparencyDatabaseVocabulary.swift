import ReelCore

/// The enumerated values of the EU DSA Transparency Database API (DSA Art. 24(5)), exactly as its
/// statement endpoint accepts them (`POST /api/v1/statement`; the values are the keys of the constants
/// in the database's `App\Models\Statement`, documented at
/// https://transparency.dsa.ec.europa.eu/page/api-documentation), and how Reel's own vocabulary maps
/// onto them.
public enum TransparencyDatabaseVocabulary {
    /// `decision_visibility`: restrictions of the visibility of an item of content.
    public enum DecisionVisibility: String, Sendable, Codable, CaseIterable {
        case contentRemoved = "DECISION_VISIBILITY_CONTENT_REMOVED"
        case contentDisabled = "DECISION_VISIBILITY_CONTENT_DISABLED"
        case contentDemoted = "DECISION_VISIBILITY_CONTENT_DEMOTED"
        case contentAgeRestricted = "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"
        case contentInteractionRestricted = "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"
        case contentLabelled = "DECISION_VISIBILITY_CONTENT_LABELLED"
        case other = "DECISION_VISIBILITY_OTHER"
    }

    /// `decision_account`: restrictions of the account.
    public enum DecisionAccount: String, Sendable, Codable, CaseIterable {
        case suspended = "DECISION_ACCOUNT_SUSPENDED"
        case terminated = "DECISION_ACCOUNT_TERMINATED"
    }

    /// `decision_ground`: illegal content (Art. 17(3)(d)) or incompatible with the terms (Art. 17(3)(e)).
    public enum DecisionGround: String, Sendable, Codable, CaseIterable {
        case illegalContent = "DECISION_GROUND_ILLEGAL_CONTENT"
        case incompatibleContent = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    }

    /// `content_type`: what kind of content the decision is about.
    public enum ContentType: String, Sendable, Codable, CaseIterable {
        case app = "CONTENT_TYPE_APP"
        case audio = "CONTENT_TYPE_AUDIO"
        case image = "CONTENT_TYPE_IMAGE"
        case product = "CONTENT_TYPE_PRODUCT"
        case syntheticMedia = "CONTENT_TYPE_SYNTHETIC_MEDIA"
        case text = "CONTENT_TYPE_TEXT"
        case video = "CONTENT_TYPE_VIDEO"
        case other = "CONTENT_TYPE_OTHER"
    }

    /// `category` (exactly one) and `category_addition`: the high-level categories of the implementing
    /// regulation on transparency reporting templates.
    public enum StatementCategory: String, Sendable, Codable, CaseIterable {
        case animalWelfare = "STATEMENT_CATEGORY_ANIMAL_WELFARE"
        case consumerInformation = "STATEMENT_CATEGORY_CONSUMER_INFORMATION"
        case cyberViolence = "STATEMENT_CATEGORY_CYBER_VIOLENCE"
        case cyberViolenceAgainstWomen = "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN"
        case dataProtectionAndPrivacyViolations = "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS"
        case illegalOrHarmfulSpeech = "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
        case intellectualPropertyInfringements = "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"
        case negativeEffectsOnCivicDiscourseOrElections = "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"
        case notSpecifiedNotice = "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
        case otherViolationTC = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
        case protectionOfMinors = "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
        case riskForPublicSecurity = "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
        case scamsAndFraud = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"
        case selfHarm = "STATEMENT_CATEGORY_SELF_HARM"
        case unsafeAndProhibitedProducts = "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"
        case violence = "STATEMENT_CATEGORY_VIOLENCE"
    }

    /// `category_specification`: the keywords Reel's report categories pin down without guessing
    /// (a category that covers several keywords, such as self-harm, sends none).
    public enum Keyword: String, Sendable, Codable, CaseIterable {
        case adultSexualMaterial = "KEYWORD_ADULT_SEXUAL_MATERIAL"
        case childSexualAbuseMaterial = "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"
        case cyberHarassment = "KEYWORD_CYBER_HARASSMENT"
        case hateSpeech = "KEYWORD_HATE_SPEECH"
        case incitementViolenceHatred = "KEYWORD_INCITEMENT_VIOLENCE_HATRED"
        case misinformationDisinformation = "KEYWORD_MISINFORMATION_DISINFORMATION"
        case terroristContent = "KEYWORD_TERRORIST_CONTENT"
    }

    /// `source_type`: what led to the decision.
    public enum SourceType: String, Sendable, Codable, CaseIterable {
        /// A notice of illegal content (DSA Art. 16).
        case article16 = "SOURCE_ARTICLE_16"
        case trustedFlagger = "SOURCE_TRUSTED_FLAGGER"
        /// A notice that is not an Art. 16 notice, such as a report that content breaks the guidelines.
        case otherNotification = "SOURCE_TYPE_OTHER_NOTIFICATION"
        case voluntary = "SOURCE_VOLUNTARY"
    }

    /// `automated_decision`.
    public enum AutomatedDecision: String, Sendable, Codable, CaseIterable {
        case fully = "AUTOMATED_DECISION_FULLY"
        case partially = "AUTOMATED_DECISION_PARTIALLY"
        case notAutomated = "AUTOMATED_DECISION_NOT_AUTOMATED"
    }

    /// `account_type`: Reel has no business accounts in the sense of Regulation (EU) 2019/1150.
    public enum AccountType: String, Sendable, Codable, CaseIterable {
        case business = "ACCOUNT_TYPE_BUSINESS"
        case `private` = "ACCOUNT_TYPE_PRIVATE"
    }

    /// The countries `territorial_scope` accepts: the EU and EEA members, ISO 3166-1 alpha-2, sorted.
    public static let europeanEconomicAreaCountries: [String] = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU",
        "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    /// The high-level category and keywords for a report category.
    public static func classification(of category: ReportCategory) -> (StatementCategory, [Keyword]) {
        switch category {
        case .illegalContent: (.notSpecifiedNotice, [])
        case .childSafety: (.protectionOfMinors, [.childSexualAbuseMaterial])
        case .violentExtremism: (.riskForPublicSecurity, [.terroristContent])
        case .violence: (.violence, [.incitementViolenceHatred])
        case .hate: (.illegalOrHarmfulSpeech, [.hateSpeech])
        case .harassment: (.cyberViolence, [.cyberHarassment])
        case .selfHarm: (.selfHarm, [])
        case .misinformation: (.negativeEffectsOnCivicDiscourseOrElections, [.misinformationDisinformation])
        case .adultContent: (.otherViolationTC, [.adultSexualMaterial])
        case .spam: (.scamsAndFraud, [])
        case .intellectualProperty: (.intellectualPropertyInfringements, [])
        case .other: (.otherViolationTC, [])
        }
    }

    /// The source of a decision taken on reports of this category: a notice of illegal content is an
    /// Art. 16 notice; a report that content breaks the guidelines is an "other notification" (the
    /// database's documentation, "Information source").
    public static func source(of category: ReportCategory) -> SourceType {
        category.allowsAnonymousReport ? .article16 : .otherNotification
    }

    /// The countries of a statement's territorial scope that the database accepts: `worldwide` (and
    /// `EU` or `EEA`) is every EEA country; other codes are kept only when they are EEA countries
    /// (upper-cased, sorted, unique). Empty when the decision does not apply in the EEA at all.
    public static func territorialScope(_ scope: [String]) -> [String] {
        if scope.contains(where: { ["WORLDWIDE", "EU", "EEA"].contains($0.uppercased()) }) { return europeanEconomicAreaCountries }
        let allowed = Set(europeanEconomicAreaCountries)
        return Array(Set(scope.map { $0.uppercased() }).intersection(allowed)).sorted()
    }
}
