import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("Staff members and their sessions in a region store", .dropsPostgresSchemas)
struct StaffStoreTests {
    func member(_ f: StoreFixture, handle: String = "sam") -> StaffMember {
        StaffMember(id: f.usIDs.next(), handle: handle, role: .support, passwordHash: "hash", totpSecret: Array(0..<20),
                    createdAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("a staff member is stored and found by handle and ID in their region only", arguments: StoreEngine.all)
    func insertAndFind(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let staff = member(f)
        try await f.us.insertStaff(staff)
        #expect(try await f.us.staff(handle: "sam") == staff)
        #expect(try await f.us.staff(id: staff.id) == staff)
        #expect(try await f.eu.staff(handle: "sam") == nil)
        await expectReelError("staff_handle_taken", kind: .conflict) { try await f.us.insertStaff(member(f)) }
    }

    @Test("a TOTP step is claimed once, and never an earlier one", arguments: StoreEngine.all)
    func totpSteps(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let staff = member(f)
        try await f.us.insertStaff(staff)
        #expect(try await f.us.claimTOTPStep(staffID: staff.id, step: 100))
        #expect(try await !f.us.claimTOTPStep(staffID: staff.id, step: 100), "a reused code is refused")
        #expect(try await !f.us.claimTOTPStep(staffID: staff.id, step: 99), "an earlier code is refused")
        #expect(try await f.us.claimTOTPStep(staffID: staff.id, step: 101))
        #expect(try await f.us.staff(id: staff.id)?.lastTOTPStep == 101)
    }

    @Test("a staff session is stored and read back", arguments: StoreEngine.all)
    func sessions(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let staff = member(f)
        try await f.us.insertStaff(staff)
        let session = Session(id: f.usIDs.next(), userID: staff.id, createdAt: Date(timeIntervalSince1970: 1_700_000_000),
                              expiresAt: Date(timeIntervalSince1970: 1_700_003_600))
        try await f.us.insertStaffSession(session)
        #expect(try await f.us.staffSession(id: session.id) == session)
        #expect(try await f.us.session(id: session.id) == nil, "a staff session is not a user session")
    }

    @Test("a revoked staff session keeps its first revocation time", arguments: StoreEngine.all)
    func revoke(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let staff = member(f)
        try await f.us.insertStaff(staff)
        let session = Session(id: f.usIDs.next(), userID: staff.id, createdAt: Date(timeIntervalSince1970: 1_700_000_000),
                              expiresAt: Date(timeIntervalSince1970: 1_700_003_600))
        try await f.us.insertStaffSession(session)
        try await f.us.revokeStaffSession(id: session.id, at: Date(timeIntervalSince1970: 1_700_000_100))
        try await f.us.revokeStaffSession(id: session.id, at: Date(timeIntervalSince1970: 1_700_000_200))
        #expect(try await f.us.staffSession(id: session.id)?.revokedAt == Date(timeIntervalSince1970: 1_700_000_100))
    }

    @Test("a plaintext TOTP secret is listed as unsealed until it is sealed, once", arguments: StoreEngine.all)
    func sealing(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let plain = member(f)
        var sealed = member(f, handle: "sue")
        sealed.dataKeyID = "dk-sealed"
        try await f.us.insertStaff(plain)
        try await f.us.insertStaff(sealed)
        #expect(try await f.us.staff(handle: "sue") == sealed)
        #expect(try await f.us.unsealedStaff(limit: 10).map(\.id) == [plain.id])
        #expect(try await f.us.sealStaffSecret(staffID: plain.id, dataKeyID: "dk-new", sealedSecret: Array(repeating: 7, count: 48)))
        #expect(try await !f.us.sealStaffSecret(staffID: plain.id, dataKeyID: "dk-other", sealedSecret: [1]), "sealed rows stay as they are")
        let stored = try #require(try await f.us.staff(id: plain.id))
        #expect(stored.dataKeyID == "dk-new" && stored.totpSecret == Array(repeating: 7, count: 48))
        #expect(try await f.us.unsealedStaff(limit: 10).isEmpty)
    }
}
