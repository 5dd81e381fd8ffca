import Foundation
import ReelCore
import ReelGuard
import ReelStore

/// What staff may read about an account, always through the ``Gate``: the account's home region's
/// policy decides, and the decision (allowed or denied) is recorded in that region's audit log
/// under the account's ``SubjectCommitment``. The protected fields are opened (``AccountService/protectedAccount(_:access:)``)
/// under the staff member's access only when the policy allows.
struct SupportLookup: Sendable {
    let accounts: AccountService
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    let gate: Gate

    /// The purpose of a support look-up, as policies name it.
    static let purpose = "support-ticket"
    /// The resource a look-up reads: the account's protected fields (email, birth date, country).
    static let resource = "account.protectedFields"

    /// The account with `handle`, protected fields included, for `staff` working on `justification`.
    /// - Throws: ``ReelError`` 404 when no account has the handle; 403 `access_denied` when the
    ///   account's region's policy refuses (recorded); 503 when the decision can't be recorded.
    func account(handle: String, for staff: StaffService.StaffIdentity, justification: String, now: Date = Date()) async throws -> AccountView {
        guard let profile = try await publicIndex.profile(handle: handle.lowercased()) else { throw ReelError.notFound("account") }
        let region = try ids.region(of: profile.userID).code
        let request = AccessRequest(principal: staff.principal, purpose: Self.purpose, resource: Self.resource, justification: justification)
        let verdict = gate.policies.policy(for: region).evaluate(request)
        // The entry names the person by the commitment of their sealed nonce: opened under the staff
        // member's access when the policy allows, under the gate's own (the nonce only, never returned)
        // to name them in a refusal. Either way the custodian records the key use too.
        let access = verdict.allowed
            ? DataAccess(principal: staff.principal, purpose: Self.purpose, justification: justification)
            : DataAccess.service("gate", in: region, purpose: "audit-subject", justification: "Naming the person in a refused request.")
        let account = try await accounts.protectedAccount(profile.userID, access: access)
        try await gate.authorize(request, region: region, subject: account.subjectCommitment, verdict: verdict, now: now)
        return AccountView(account, region: region)
    }
}
