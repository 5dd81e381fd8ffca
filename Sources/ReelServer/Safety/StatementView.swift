import Foundation
import Hummingbird
import ReelCore
import ReelSafety

/// A statement of reasons as the API returns it (`GET /v1/me/statements`): every field of DSA
/// Art. 17(3) and nothing personal — no moderator, no reporter, no held content.
struct StatementView: Codable, Sendable, Equatable, ResponseEncodable {
    var id: ReelID
    /// `video`, `comment` or `account`.
    var targetType: String
    var targetID: ReelID
    /// The action kind, e.g. `remove`, `suspend`.
    var restriction: String
    /// ISO 3166-1 alpha-2 codes, or `["worldwide"]`.
    var territorialScope: [String]
    var startsAt: Date
    var endsAt: Date?
    var facts: String
    var automatedDetection: Bool
    var automatedDecision: Bool
    var ground: StatementOfReasons.Ground
    var appeal: StatementOfReasons.Appeal
    /// `active` or `reversed`.
    var status: String
    var createdAt: Date

    init(_ statement: StatementOfReasons) {
        id = statement.id
        targetType = statement.target.kind.rawValue
        targetID = statement.target.id
        restriction = statement.restriction.rawValue
        territorialScope = statement.territorialScope
        startsAt = statement.startsAt
        endsAt = statement.endsAt
        facts = statement.facts
        automatedDetection = statement.automatedDetection
        automatedDecision = statement.automatedDecision
        ground = statement.ground
        appeal = statement.appeal
        status = statement.status.rawValue
        createdAt = statement.createdAt
    }
}
