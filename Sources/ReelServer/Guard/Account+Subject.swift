import ReelCore
import ReelGuard

extension Account {
    /// How audit entries name this account's person: ``SubjectCommitment`` of the ID (as its
    /// `description`) under the account's own nonce, which only the person is given.
    var subjectCommitment: String {
        SubjectCommitment.commitment(userID: id.description, nonce: Array(subjectNonce))
    }
}
