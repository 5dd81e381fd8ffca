import Foundation
import ReelCore
import ReelGuard

/// The one gate check every moderation route makes, for cases and appeals alike: it asks the
/// ``Gate`` of the region whose data is touched with purpose `moderation`, a `moderation.*`
/// resource and a justification naming the case or appeal, and the gate records the decision,
/// allowed or denied, in that region's audit log (docs/safety.md, "Moderation queues").
struct ModerationGate: Sendable {
    let gate: Gate

    /// The purpose every moderation access is recorded under, as policies name it.
    static let purpose = "moderation"

    /// Asks `region`'s gate to let `staff` reach `resource`.
    /// - Throws: ``ReelError`` 403 `access_denied` (recorded) when the region's policy does not allow it.
    func authorize(_ staff: StaffService.StaffIdentity, resource: String, region: RegionCode, justification: String,
                   now: Date = Date()) async throws {
        let request = AccessRequest(principal: staff.principal, purpose: Self.purpose, resource: resource, justification: justification)
        try await gate.authorize(request, region: region, subject: nil, now: now)
    }

    /// As ``authorize(_:resource:region:justification:now:)``, but a refusal of staff of another
    /// region is 404 naming `what`, as if it did not exist (the refusal is still in `region`'s log).
    /// - Throws: ``ReelError`` 404 `not_found` for another region's staff; 403 `access_denied` for
    ///   staff of `region` whose role the policy does not let moderate.
    func authorizeOrHide(_ staff: StaffService.StaffIdentity, resource: String, region: RegionCode, justification: String,
                         what: String, now: Date = Date()) async throws {
        do {
            try await authorize(staff, resource: resource, region: region, justification: justification, now: now)
        } catch let error as ReelError where error.code == "access_denied" && staff.jurisdiction != region {
            throw ReelError.notFound(what)
        }
    }
}
