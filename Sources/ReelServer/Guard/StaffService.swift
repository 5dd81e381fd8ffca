import Foundation
import Logging
import ReelCore
import ReelGuard
import ReelStore

/// Staff members (added by `reel staff add`, ``StaffEnrolment``): sign-in with a password and a TOTP code
/// (RFC 6238, ``TOTP``), staff tokens, and the support look-up of an account through the ``Gate``.
struct StaffService: Sendable {
    /// Each region's staff and their sessions.
    let stores: RegionDirectory<any StaffStore>
    let ids: RegionIDs
    let hasher: PasswordHasher
    /// Signs staff tokens (prefix `rs1`, ``TokenSigner/staff``).
    let signer: TokenSigner
    /// How long a staff token stays valid, in seconds (8 hours: one shift).
    let tokenLifetime: TimeInterval = 8 * 3600
    /// A real hash of a random password, checked when a sign-in names nobody (same timing).
    let decoyHash: String
    let gate: Gate
    let logger: Logger

    /// A signed-in staff member, as their token says.
    struct StaffIdentity: Sendable, Equatable {
        var staffID: ReelID
        var handle: String
        var role: StaffMember.Role
        /// The region they belong to and whose rules they work under.
        var jurisdiction: RegionCode

        /// The principal the gate and the audit log name.
        var principal: AuditPrincipal { AuditPrincipal(kind: .staff, role: role.rawValue, jurisdiction: jurisdiction) }
    }

    /// What staff sign-in asks for.
    struct SignIn: Decodable {
        var region: String
        var handle: String
        var password: String
        /// The current 6-digit TOTP code.
        var code: String
    }

    /// Signs a staff member in: password, then a TOTP code of the current step ±1 not used before.
    /// Each sign-in is recorded in the region's audit log (`staffSignIn`).
    /// - Throws: ``ReelError`` 401 `invalid_credentials` (unknown staff, wrong password or wrong code),
    ///   401 `totp_reused` for a code already used.
    func signIn(_ request: SignIn, now: Date = Date()) async throws -> (StaffIdentity, String, Date) {
        let region = RegionCode(request.region.lowercased())
        let store = stores.store(for: region)
        let staff = try await store?.staff(handle: request.handle.lowercased())
        let refused = ReelError.unauthorized("The region, handle, password or code is wrong.", code: "invalid_credentials")
        guard try await hasher.verify(request.password, hash: staff?.passwordHash ?? decoyHash), let staff, let store else { throw refused }
        guard let step = TOTP(secret: staff.totpSecret).matchingStep(of: request.code, at: now) else { throw refused }
        guard try await store.claimTOTPStep(staffID: staff.id, step: step) else {
            throw ReelError.unauthorized("This code has been used already; wait for the next one.", code: "totp_reused")
        }
        let identity = StaffIdentity(staffID: staff.id, handle: staff.handle, role: staff.role, jurisdiction: region)
        try await gate.recordEvent(.staffSignIn, principal: identity.principal, purpose: "staff-sign-in",
                                   justification: "Password and TOTP code accepted.", region: region, now: now)
        let session = Session(id: ids.newID(in: try ids.region(of: staff.id)), userID: staff.id, createdAt: now,
                              expiresAt: now.addingTimeInterval(tokenLifetime))
        try await store.insertStaffSession(session)
        return (identity, signer.token(for: session), session.expiresAt)
    }

    /// Checks a staff token against its signature, expiry and session.
    /// - Throws: ``ReelError`` 401 `invalid_token`, `token_expired` or `session_revoked`.
    func authenticate(token: String, now: Date = Date()) async throws -> StaffIdentity {
        let claims = try signer.verify(token, now: now)
        let invalid = ReelError.unauthorized("The staff token is not valid; sign in again.", code: "invalid_token")
        guard let store = try? stores.store(for: claims.userID), let session = try await store.staffSession(id: claims.sessionID),
              session.userID == claims.userID, let staff = try await store.staff(id: claims.userID) else { throw invalid }
        guard session.revokedAt == nil else { throw ReelError.unauthorized("This staff session has been signed out.", code: "session_revoked") }
        return StaffIdentity(staffID: staff.id, handle: staff.handle, role: staff.role, jurisdiction: try ids.region(of: staff.id).code)
    }
}
