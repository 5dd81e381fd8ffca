import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Stores a new staff member.
    /// - Throws: ``ReelError`` 409 `staff_handle_taken` on a duplicate handle.
    public func insertStaff(_ staff: StaffMember) async throws {
        try requireResident(staff.id, "staff member")
        do {
            try await database.rows("""
                INSERT INTO staff (id, handle, role, password_hash, totp_secret, data_key_id, last_totp_step, created_at)
                VALUES (\(staff.id.bits), \(staff.handle), \(staff.role.rawValue), \(staff.passwordHash), \(ByteBuffer(bytes: staff.totpSecret)),
                    \(staff.dataKeyID), \(staff.lastTOTPStep), \(staff.createdAt.timeIntervalSince1970))
                """)
        } catch {
            guard PostgresDatabase.uniqueViolation(error) != nil else { throw error }
            throw ReelError.conflict("Region \(region.code) already has a staff member with this handle.", code: "staff_handle_taken")
        }
    }

    /// The staff member with this handle, if any.
    public func staff(handle: String) async throws -> StaffMember? {
        try await database.rows("SELECT * FROM staff WHERE handle = \(handle)").first.map(Self.staffMember)
    }

    /// The staff member with this ID, if any.
    public func staff(id: ReelID) async throws -> StaffMember? {
        try await database.rows("SELECT * FROM staff WHERE id = \(id.bits)").first.map(Self.staffMember)
    }

    /// Records a used TOTP step if it is later than the last one; false otherwise.
    public func claimTOTPStep(staffID: ReelID, step: Int64) async throws -> Bool {
        let claimed = try await database.rows("""
            UPDATE staff SET last_totp_step = \(step)
            WHERE id = \(staffID.bits) AND (last_totp_step IS NULL OR last_totp_step < \(step)) RETURNING id
            """)
        return !claimed.isEmpty
    }

    /// Stores a new staff session.
    public func insertStaffSession(_ session: Session) async throws {
        try requireResident(session.id, "staff session")
        try requireResident(session.userID, "staff member")
        try await database.rows("""
            INSERT INTO staff_sessions (id, staff_id, created_at, expires_at, revoked_at)
            VALUES (\(session.id.bits), \(session.userID.bits), \(session.createdAt.timeIntervalSince1970),
                \(session.expiresAt.timeIntervalSince1970), \(session.revokedAt?.timeIntervalSince1970))
            """)
    }

    /// The staff session with this ID.
    public func staffSession(id: ReelID) async throws -> Session? {
        try await database.rows("SELECT * FROM staff_sessions WHERE id = \(id.bits)").first.map { row in
            let r = row.makeRandomAccess()
            var session = Session(id: try r.id("id"), userID: try r.id("staff_id"), createdAt: try r.date("created_at"),
                                  expiresAt: try r.date("expires_at"))
            session.revokedAt = try r.value("revoked_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
            return session
        }
    }

    /// Marks the staff session revoked (sign-out).
    public func revokeStaffSession(id: ReelID, at date: Date) async throws {
        try await database.rows("UPDATE staff_sessions SET revoked_at = \(date.timeIntervalSince1970) WHERE id = \(id.bits) AND revoked_at IS NULL")
    }

    /// Staff members whose TOTP secret is not sealed yet.
    public func unsealedStaff(limit: Int) async throws -> [StaffMember] {
        try await database.rows("SELECT * FROM staff WHERE data_key_id IS NULL ORDER BY id LIMIT \(limit)").map(Self.staffMember)
    }

    /// Replaces a plaintext TOTP secret with its sealed form (the old row version stays until vacuum; docs/deployment.md).
    public func sealStaffSecret(staffID: ReelID, dataKeyID: String, sealedSecret: [UInt8]) async throws -> Bool {
        let sealed = try await database.rows("""
            UPDATE staff SET totp_secret = \(ByteBuffer(bytes: sealedSecret)), data_key_id = \(dataKeyID)
            WHERE id = \(staffID.bits) AND data_key_id IS NULL RETURNING id
            """)
        return !sealed.isEmpty
    }

    private static func staffMember(_ row: PostgresRow) throws -> StaffMember {
        let r = row.makeRandomAccess()
        guard let role = StaffMember.Role(rawValue: try r.value("role")) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored staff member has an unknown role.")
        }
        let secret = try r.value("totp_secret", as: ByteBuffer.self)
        return StaffMember(id: try r.id("id"), handle: try r.value("handle"), role: role, passwordHash: try r.value("password_hash"),
                           totpSecret: Array(secret.readableBytesView), dataKeyID: try r.value("data_key_id", as: String?.self),
                           lastTOTPStep: try r.value("last_totp_step", as: Int64?.self),
                           createdAt: try r.date("created_at"))
    }
}
