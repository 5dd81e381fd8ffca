import Foundation
import ReelCore
import ReelSafety
import Testing

@Suite("Transparency database statements")
struct TransparencyDatabaseStatementTests {
    /// Every field name the database's statement endpoint documents (api-documentation, "Statement Attributes").
    static let documentedFields: Set<String> = [
        "decision_visibility", "decision_visibility_other", "decision_monetary", "decision_monetary_other", "decision_provision",
        "decision_account", "account_type", "decision_facts", "decision_ground", "decision_ground_reference_url",
        "illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground", "incompatible_content_explanation",
        "incompatible_content_illegal", "content_type", "content_type_other", "category", "category_addition", "category_specification",
        "category_specification_other", "content_id", "territorial_scope", "content_language", "content_date", "application_date",
        "end_date_account_restriction", "end_date_monetary_restriction", "end_date_service_restriction",
        "end_date_visibility_restriction", "source_type", "source_identity", "automated_detection", "automated_decision", "puid",
    ]

    static let userID = ReelID(unixMilliseconds: 1_780_000_000_000, regionIndex: 1, sequence: 7)
    static let statementID = ReelID(unixMilliseconds: 1_790_000_000_000, regionIndex: 1, sequence: 3)

    static func decision(_ restriction: ModerationActionKind, target: ModerationTarget.Kind = .video, scope: [String] = ["worldwide"],
                         legalGround: String? = nil, facts: String = "The video shows a slur.") -> TransparencyDatabaseStatement.Decision {
        .init(statementID: statementID, restriction: restriction, targetKind: target,
              contentCreatedAt: Date(timeIntervalSince1970: 1_780_000_000), territorialScope: scope,
              startsAt: Date(timeIntervalSince1970: 1_790_000_000), endsAt: restriction == .suspend ? Date(timeIntervalSince1970: 1_790_604_800) : nil,
              facts: facts, automatedDetection: false, automatedDecision: false, ruleID: "eu-hate-1", guidelinesVersion: "2026-11-01",
              legalGround: legalGround, category: .hate)
    }

    static func json(_ statement: TransparencyDatabaseStatement) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(statement)) as? [String: Any])
    }

    @Test("a removal carries every required field under its documented name, with documented values")
    func removalHasEveryRequiredField() throws {
        let statement = try #require(TransparencyDatabaseStatement(Self.decision(.remove), redactor: PersonalDataRedactor()))
        let object = try Self.json(statement)
        #expect(Set(object.keys).isSubset(of: Self.documentedFields), "undocumented: \(Set(object.keys).subtracting(Self.documentedFields))")
        for field in TransparencyDatabaseStatement.requiredFields { #expect(object[field] != nil, "missing \(field)") }
        #expect(object["decision_visibility"] as? [String] == ["DECISION_VISIBILITY_CONTENT_REMOVED"])
        #expect(object["decision_ground"] as? String == "DECISION_GROUND_INCOMPATIBLE_CONTENT")
        #expect(object["incompatible_content_ground"] as? String == "Rule eu-hate-1 of the community guidelines, version 2026-11-01")
        #expect(object["incompatible_content_explanation"] as? String == "The video shows a slur.")
        #expect(object["category"] as? String == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH")
        #expect(object["category_specification"] as? [String] == ["KEYWORD_HATE_SPEECH"])
        #expect(object["content_type"] as? [String] == ["CONTENT_TYPE_VIDEO"])
        #expect((object["territorial_scope"] as? [String])?.count == 30)
        #expect(object["content_date"] as? String == "2026-05-28")
        #expect(object["application_date"] as? String == "2026-09-21")
        #expect(object["source_type"] as? String == "SOURCE_TYPE_OTHER_NOTIFICATION")
        #expect(object["automated_detection"] as? String == "No")
        #expect(object["automated_decision"] as? String == "AUTOMATED_DECISION_NOT_AUTOMATED")
        let puid = try #require(object["puid"] as? String)
        #expect(puid.wholeMatch(of: /[a-zA-Z0-9\-_]{1,500}/) != nil)
    }

    @Test("a suspension is an account decision with its end date; an illegal-content ground names the law")
    func suspensionAndLegalGround() throws {
        let statement = try #require(TransparencyDatabaseStatement(Self.decision(.suspend, target: .account, legalGround: "§130 StGB"),
                                                                   redactor: PersonalDataRedactor()))
        let object = try Self.json(statement)
        #expect(object["decision_visibility"] == nil)
        #expect(object["decision_account"] as? String == "DECISION_ACCOUNT_SUSPENDED")
        #expect(object["end_date_account_restriction"] as? String == "2026-09-28")
        #expect(object["decision_ground"] as? String == "DECISION_GROUND_ILLEGAL_CONTENT")
        #expect(object["illegal_content_legal_ground"] as? String == "§130 StGB")
        #expect(object["incompatible_content_ground"] == nil)
        #expect(object["content_type"] as? [String] == ["CONTENT_TYPE_OTHER"])
        #expect(object["content_type_other"] as? String == "User account")
    }

    @Test("every action and category maps onto the database's vocabulary; dismissals and non-EEA decisions are not exported")
    func vocabularyIsTotal() throws {
        for action in ModerationActionKind.allCases where action.isRestriction {
            let target = try #require(action.appliesTo.first)
            let statement = try #require(TransparencyDatabaseStatement(Self.decision(action, target: target), redactor: .init()))
            #expect(statement.decisionVisibility != nil || statement.decisionAccount != nil)
        }
        for category in ReportCategory.allCases {
            _ = TransparencyDatabaseVocabulary.classification(of: category)
        }
        #expect(TransparencyDatabaseVocabulary.source(of: .childSafety) == .article16)
        #expect(TransparencyDatabaseStatement(Self.decision(.dismiss), redactor: .init()) == nil)
        #expect(TransparencyDatabaseStatement(Self.decision(.remove, scope: ["US"]), redactor: .init()) == nil)
        #expect(TransparencyDatabaseStatement(Self.decision(.remove, scope: ["de", "US", "FR"]), redactor: .init())?.territorialScope == ["DE", "FR"])
    }

    @Test("free text loses handles, names, e-mail addresses, mentions, links, phone numbers and IDs")
    func noPersonalData() throws {
        let facts = """
            Posted by Mallory Example (mallory_x, mallory@example.org, @mallory_x, +49 30 1234567, \(Self.userID)); \
            see https://reel.example/v/\(Self.userID). The international audience saw a slur.
            """
        let redactor = PersonalDataRedactor(knownNames: ["mallory_x", "Mallory Example"])
        let statement = try #require(TransparencyDatabaseStatement(Self.decision(.remove, facts: facts), redactor: redactor))
        let line = try #require(String(data: JSONEncoder().encode(statement), encoding: .utf8))
        for personal in ["mallory", "Mallory", "example.org", "1234567", Self.userID.description, "reel.example"] {
            #expect(!line.contains(personal), "\(personal) leaked: \(line)")
        }
        #expect(line.contains("The international audience saw a slur."))
        #expect(statement.puid == "reel-\(Self.statementID)")
    }
}
