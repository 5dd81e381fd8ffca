import Foundation
import ReelCore
import ReelGuard
import ReelStore

/// What staff may read about an account, always through the ``Gate``: the account's home region's
/// policy decides, and the decision (allowed or denied) is recorded in that region's audit log
/// under the account's ``SubjectCommitment``.
struct SupportLookup: Sendable {
    let accountStores: RegionDirectory<any AccountStore>
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
        guard let profile = try await publicIndex.profile(handle: handle.lowercased()),
              let account = try await accountStores.store(for: profile.userID).account(id: profile.userID) else {
            throw ReelError.notFound("account")
        }
        let region = try ids.region(of: account.id).code
        let request = AccessRequest(principal: staff.principal, purpose: Self.purpose, resource: Self.resource, justification: justification)
        try await gate.authorize(request, region: region, subject: account.subjectCommitment, now: now)
        // The gate stands in front of this read of the protected fields.
        return AccountView(account, region: region)
    }
}
