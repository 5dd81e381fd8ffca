import Foundation
import ReelCore

/// One region's staff members and their sessions. Every method is one transaction; staff and session
/// IDs of another region are refused (``ReelError`` `residency_violation`).
public protocol StaffStore: Sendable {
    /// Stores a new staff member.
    /// - Throws: ``ReelError`` 409 `staff_handle_taken` when the region has staff with this handle.
    func insertStaff(_ staff: StaffMember) async throws
    /// The staff member with this (lower-cased) handle, if any.
    func staff(handle: String) async throws -> StaffMember?
    /// The staff member with this ID, if any.
    func staff(id: ReelID) async throws -> StaffMember?
    /// Records that a TOTP code of `step` was used, if `step` is later than the last one used;
    /// returns false (and changes nothing) otherwise, so each code signs in at most once.
    func claimTOTPStep(staffID: ReelID, step: Int64) async throws -> Bool
    /// Stores a new staff session (``Session/userID`` is the staff member's ID).
    func insertStaffSession(_ session: Session) async throws
    /// The staff session with this ID.
    func staffSession(id: ReelID) async throws -> Session?
    /// Marks the staff session revoked at `date` (staff sign-out); a session already revoked keeps its time.
    func revokeStaffSession(id: ReelID, at date: Date) async throws
    /// Up to `limit` staff members whose TOTP secret is not sealed yet (``StaffMember/dataKeyID`` nil).
    func unsealedStaff(limit: Int) async throws -> [StaffMember]
    /// Replaces a plaintext TOTP secret with `sealedSecret`, sealed under `dataKeyID`; returns false
    /// (and changes nothing) when the row was sealed meanwhile.
    func sealStaffSecret(staffID: ReelID, dataKeyID: String, sealedSecret: [UInt8]) async throws -> Bool
}
