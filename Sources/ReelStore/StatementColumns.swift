import Foundation
import ReelCore
import ReelSafety

/// The flat column values of a stored statement of reasons, shared by both engines: JSON text for
/// the scope and the held comment, Unix seconds for times, raw strings for the enumerations.
struct StatementColumns: Sendable {
    var id: ReelID
    var targetType: String
    var targetID: ReelID
    var affectedUserID: ReelID
    var restriction: String
    var territorialScope: String
    var startsAt: Double
    var endsAt: Double?
    var facts: String
    var automatedDetection: Bool
    var automatedDecision: Bool
    var ruleID: String
    var guidelinesVersion: String
    var legalGround: String?
    var appealUntil: Double
    var appealHow: String
    var status: String
    var createdAt: Double
    var moderatorID: ReelID
    var reversedAt: Double?
    var heldComment: String?

    /// The columns of `statement`.
    init(_ statement: StatementOfReasons) throws {
        id = statement.id
        targetType = statement.target.kind.rawValue
        targetID = statement.target.id
        affectedUserID = statement.affectedUserID
        restriction = statement.restriction.rawValue
        territorialScope = String(decoding: try JSONEncoder().encode(statement.territorialScope), as: UTF8.self)
        startsAt = statement.startsAt.timeIntervalSince1970
        endsAt = statement.endsAt?.timeIntervalSince1970
        facts = statement.facts
        automatedDetection = statement.automatedDetection
        automatedDecision = statement.automatedDecision
        ruleID = statement.ground.ruleID
        guidelinesVersion = statement.ground.guidelinesVersion
        legalGround = statement.ground.legalGround
        appealUntil = statement.appeal.until.timeIntervalSince1970
        appealHow = statement.appeal.how
        status = statement.status.rawValue
        createdAt = statement.createdAt.timeIntervalSince1970
        moderatorID = statement.moderatorID
        reversedAt = statement.reversedAt?.timeIntervalSince1970
        heldComment = try statement.heldComment.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    /// Columns as read from a row.
    init(id: ReelID, targetType: String, targetID: ReelID, affectedUserID: ReelID, restriction: String, territorialScope: String,
         startsAt: Double, endsAt: Double?, facts: String, automatedDetection: Bool, automatedDecision: Bool, ruleID: String,
         guidelinesVersion: String, legalGround: String?, appealUntil: Double, appealHow: String, status: String, createdAt: Double,
         moderatorID: ReelID, reversedAt: Double?, heldComment: String?) {
        (self.id, self.targetType, self.targetID, self.affectedUserID, self.restriction) = (id, targetType, targetID, affectedUserID, restriction)
        (self.territorialScope, self.startsAt, self.endsAt, self.facts) = (territorialScope, startsAt, endsAt, facts)
        (self.automatedDetection, self.automatedDecision, self.ruleID) = (automatedDetection, automatedDecision, ruleID)
        (self.guidelinesVersion, self.legalGround, self.appealUntil, self.appealHow) = (guidelinesVersion, legalGround, appealUntil, appealHow)
        (self.status, self.createdAt, self.moderatorID, self.reversedAt, self.heldComment) = (status, createdAt, moderatorID, reversedAt, heldComment)
    }

    /// The statement these columns hold.
    /// - Throws: ``ReelError`` `corrupt_row` for an unknown enumeration value.
    func statement() throws -> StatementOfReasons {
        guard let kind = ModerationTarget.Kind(rawValue: targetType), let action = ModerationActionKind(rawValue: restriction),
              let status = StatementOfReasons.Status(rawValue: status) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored statement of reasons has an unknown target, action or status.")
        }
        return StatementOfReasons(
            id: id, target: ModerationTarget(kind: kind, id: targetID), affectedUserID: affectedUserID, restriction: action,
            territorialScope: try JSONDecoder().decode([String].self, from: Data(territorialScope.utf8)),
            startsAt: Date(timeIntervalSince1970: startsAt), endsAt: endsAt.map(Date.init(timeIntervalSince1970:)), facts: facts,
            automatedDetection: automatedDetection, automatedDecision: automatedDecision,
            ground: .init(ruleID: ruleID, guidelinesVersion: guidelinesVersion, legalGround: legalGround),
            appeal: .init(until: Date(timeIntervalSince1970: appealUntil), how: appealHow), status: status,
            createdAt: Date(timeIntervalSince1970: createdAt), moderatorID: moderatorID,
            reversedAt: reversedAt.map(Date.init(timeIntervalSince1970:)),
            heldComment: try heldComment.map { try JSONDecoder().decode(Comment.self, from: Data($0.utf8)) })
    }
}
