import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Stores a new staff member.
    /// - Throws: ``ReelError`` 409 `staff_handle_taken` on a duplicate handle.
    public func insertStaff(_ staff: StaffMember) async throws {
        try requireResident(staff.id, "staff member")
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO staff (id, handle, role, passwordHash, totpSecret, dataKeyID, lastTOTPStep, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [staff.id, staff.handle, staff.role.rawValue, staff.passwordHash, Data(staff.totpSecret),
                                     staff.dataKeyID, staff.lastTOTPStep, staff.createdAt.timeIntervalSince1970])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw ReelError.conflict("Region \(region.code) already has a staff member with this handle.", code: "staff_handle_taken")
        }
    }

    /// The staff member with this handle, if any.
    public func staff(handle: String) async throws -> StaffMember? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE handle = ?", arguments: [handle]).map(Self.staffMember) }
    }

    /// The staff member with this ID, if any.
    public func staff(id: ReelID) async throws -> StaffMember? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id]).map(Self.staffMember) }
    }

    /// Records a used TOTP step if it is later than the last one; false otherwise.
    public func claimTOTPStep(staffID: ReelID, step: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE staff SET lastTOTPStep = ? WHERE id = ? AND (lastTOTPStep IS NULL OR lastTOTPStep < ?)",
                           arguments: [step, staffID, step])
            return db.changesCount == 1
        }
    }

    /// Stores a new staff session.
    public func insertStaffSession(_ session: Session) async throws {
        try requireResident(session.id, "staff session")
        try requireResident(session.userID, "staff member")
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO staffSessions (id, staffID, createdAt, expiresAt, revokedAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [session.id, session.userID, session.createdAt.timeIntervalSince1970,
                                       session.expiresAt.timeIntervalSince1970, session.revokedAt?.timeIntervalSince1970])
        }
    }

    /// The staff session with this ID.
    public func staffSession(id: ReelID) async throws -> Session? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staffSessions WHERE id = ?", arguments: [id]).map { row in
                var session = Session(id: row["id"], userID: row["staffID"], createdAt: Date(timeIntervalSince1970: row["createdAt"]),
                                      expiresAt: Date(timeIntervalSince1970: row["expiresAt"]))
                session.revokedAt = (row["revokedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
                return session
            }
        }
    }

    /// Marks the staff session revoked (sign-out).
    public func revokeStaffSession(id: ReelID, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE staffSessions SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL",
                           arguments: [date.timeIntervalSince1970, id])
        }
    }

    /// Staff members whose TOTP secret is not sealed yet.
    public func unsealedStaff(limit: Int) async throws -> [StaffMember] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff WHERE dataKeyID IS NULL ORDER BY id LIMIT ?", arguments: [limit]).map(Self.staffMember)
        }
    }

    /// Replaces a plaintext TOTP secret with its sealed form (overwritten in place: the store runs with `secure_delete`).
    public func sealStaffSecret(staffID: ReelID, dataKeyID: String, sealedSecret: [UInt8]) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE staff SET totpSecret = ?, dataKeyID = ? WHERE id = ? AND dataKeyID IS NULL",
                           arguments: [Data(sealedSecret), dataKeyID, staffID])
            return db.changesCount == 1
        }
    }

    private static func staffMember(_ row: Row) throws -> StaffMember {
        guard let role = StaffMember.Role(rawValue: row["role"]) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored staff member has an unknown role.")
        }
        return StaffMember(id: row["id"], handle: row["handle"], role: role, passwordHash: row["passwordHash"],
                           totpSecret: [UInt8](row["totpSecret"] as Data), dataKeyID: row["dataKeyID"], lastTOTPStep: row["lastTOTPStep"],
                           createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    }
}
