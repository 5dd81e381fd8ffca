import Foundation
import ReelCore
import ReelGuard

/// Who reads or writes someone's protected data, for what, and why: every decrypting read carries
/// one, and the custodian records it with each key operation. ``Gate`` decides on it for everyone
/// but the user themself.
struct DataAccess: Sendable, Equatable {
    /// Who acts.
    var principal: AuditPrincipal
    /// The declared purpose (`account-creation`, `own-account`, `export`, …).
    var purpose: String
    /// The stated justification (a ticket reference, a request).
    var justification: String

    /// The user reading their own data (GET /v1/me, their export, log-in): not someone else's access.
    static func user(_ userID: ReelID, in region: RegionCode, purpose: String = "own-account", justification: String = "the user's own request") -> DataAccess {
        DataAccess(principal: AuditPrincipal(kind: .user, role: "user", jurisdiction: region), purpose: purpose, justification: justification)
    }

    /// A region service (`accounts`, `export`, `recommender`, …) of `region`.
    static func service(_ name: String, in region: RegionCode, purpose: String, justification: String) -> DataAccess {
        DataAccess(principal: AuditPrincipal(kind: .service, role: name, jurisdiction: region), purpose: purpose, justification: justification)
    }

    /// The request the custodian records, naming the person by `subject` (a ``SubjectCommitment``) when known.
    func keyAccess(subject: String? = nil) -> CustodianAPI.KeyAccess {
        .init(principal: principal, purpose: purpose, justification: justification, subject: subject)
    }
}
