import Foundation
import Logging
import ReelCore
import ReelGuard
import ReelSafety
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
    /// Opens TOTP secrets through the region's custodian.
    let secrets: StaffSecrets
    /// Counts sign-in attempts (``RateLimitAction/staffSignIn``).
    let limiter: RateLimiter
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

    /// Signs a staff member in: password, then a TOTP code of the current step ±1 not used before
    /// (the secret opened through the region's custodian, ``StaffSecrets``). Each attempt first counts
    /// against ``RateLimitAction/staffSignIn`` for the staff member from this client address, and for
    /// the address (``RateLimiter/checkStaffSignIn(staff:address:region:)``). Every
    /// sign-in of a staff member, accepted or refused (wrong password, wrong or reused code), is one
    /// `staffSignIn` entry in the region's audit log (`decision` allowed or denied; never the password
    /// or code); an attempt naming no staff member names nobody to record.
    /// - Throws: ``ReelError`` 401 `invalid_credentials` (unknown staff, wrong password or wrong code),
    ///   401 `totp_reused` for a code already used, 429 `rate_limited`, 503 `custodian_unavailable`
    ///   when the secret can't be opened or the attempt can't be recorded.
    func signIn(_ request: SignIn, clientAddress: String? = nil, now: Date = Date()) async throws -> (StaffIdentity, String, Date) {
        let region = RegionCode(request.region.lowercased())
        let store = stores.store(for: region)
        let staff = try await store?.staff(handle: request.handle.lowercased())
        try await limiter.checkStaffSignIn(staff: staff?.id, address: clientAddress, region: store == nil ? nil : region)
        let refused = ReelError.unauthorized("The region, handle, password or code is wrong.", code: "invalid_credentials")
        let passwordMatches = try await hasher.verify(request.password, hash: staff?.passwordHash ?? decoyHash)
        guard let staff, let store else { throw refused }
        let identity = StaffIdentity(staffID: staff.id, handle: staff.handle, role: staff.role, jurisdiction: region)
        func record(_ decision: AuditEntry.Decision, _ justification: String) async throws {
            try await gate.recordEvent(.staffSignIn, principal: identity.principal, purpose: "staff-sign-in", justification: justification,
                                       region: region, decision: decision, now: now)
        }
        guard passwordMatches else {
            try await record(.denied, "Wrong password.")
            throw refused
        }
        guard let step = TOTP(secret: try await secrets.secret(of: staff, in: region)).matchingStep(of: request.code, at: now) else {
            try await record(.denied, "Wrong sign-in code.")
            throw refused
        }
        guard try await store.claimTOTPStep(staffID: staff.id, step: step) else {
            try await record(.denied, "A sign-in code was used again.")
            throw ReelError.unauthorized("This code has been used already; wait for the next one.", code: "totp_reused")
        }
        try await record(.allowed, "Password and TOTP code accepted.")
        let session = Session(id: ids.newID(in: try ids.region(of: staff.id)), userID: staff.id, createdAt: now,
                              expiresAt: now.addingTimeInterval(tokenLifetime))
        try await store.insertStaffSession(session)
        return (identity, signer.token(for: session), session.expiresAt)
    }

    /// Signs the staff member out: the session of `token` is revoked, so the token (and any copy of
    /// it) answers 401 `session_revoked` from then on.
    /// - Throws: ``ReelError`` 401 as ``authenticate(token:now:)`` for a token that is not valid.
    func signOut(token: String, now: Date = Date()) async throws {
        let claims = try signer.verify(token, now: now)
        _ = try await authenticate(token: token, now: now)
        try await stores.store(for: claims.userID).revokeStaffSession(id: claims.sessionID, at: now)
    }

    /// Seals the TOTP secrets stored before sealing (``StaffSecrets/sealUnsealed(stores:regions:logger:)``).
    /// - Returns: How many were sealed.
    func sealUnsealedSecrets(logger: Logger) async -> Int {
        await secrets.sealUnsealed(stores: stores, regions: ids.regions, logger: logger)
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
