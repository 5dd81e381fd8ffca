import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("Accounts and sessions in a region store", .dropsPostgresSchemas)
struct AccountStoreTests {
    @Test("an account is stored and found by ID and by email blind index, with its key ID and age band", arguments: StoreEngine.all)
    func insertAndFind(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        var account = f.account(f.usIDs.next(), handle: "ana")
        (account.emailIndex, account.dataKeyID, account.ageBand) = ("ix-ana", "dk-ana", .from16To17)
        try await f.us.insertAccount(account)
        #expect(try await f.us.account(id: account.id) == account)
        #expect(try await f.us.account(emailIndex: "ix-ana") == account)
        #expect(try await f.us.account(emailIndex: "ix-nobody") == nil)
        #expect(try await f.us.unsealedAccounts(limit: 10).isEmpty)
        #expect(try await f.eu.account(id: account.id) == nil, "only the home store holds it")
    }

    @Test("a duplicate email blind index is email_taken (409) and keeps the first account", arguments: StoreEngine.all)
    func duplicateEmail(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        var first = f.account(f.usIDs.next(), handle: "first")
        first.emailIndex = "ix-first"
        try await f.us.insertAccount(first)
        var second = f.account(f.usIDs.next(), handle: "second", email: "sealed-differently")
        second.emailIndex = "ix-first"
        await expectReelError("email_taken", kind: .conflict) { try await f.us.insertAccount(second) }
        #expect(try await f.us.account(id: second.id) == nil)
        #expect(try await f.us.account(emailIndex: "ix-first")?.id == first.id)
    }

    @Test("a region key ID is recorded once: a second node's key loses", arguments: StoreEngine.all)
    func regionKeys(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        #expect(try await f.us.regionKeyID(named: "email-blind-index") == nil)
        #expect(try await f.us.recordRegionKeyID(named: "email-blind-index", keyID: "dk-first") == "dk-first")
        #expect(try await f.us.recordRegionKeyID(named: "email-blind-index", keyID: "dk-second") == "dk-first")
        #expect(try await f.us.regionKeyID(named: "email-blind-index") == "dk-first")
        #expect(try await f.eu.regionKeyID(named: "email-blind-index") == nil)
    }

    @Test("a duplicate handle is handle_taken (409)", arguments: StoreEngine.all)
    func duplicateHandle(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        try await f.us.insertAccount(f.account(f.usIDs.next(), handle: "first"))
        let clash = f.account(f.usIDs.next(), handle: "first", email: "other@example.com")
        await expectReelError("handle_taken", kind: .conflict) { try await f.us.insertAccount(clash) }
        #expect(try await f.us.account(id: clash.id) == nil)
    }

    @Test("sessions are stored and revoked once", arguments: StoreEngine.all)
    func sessions(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let session = Session(id: f.usIDs.next(), userID: f.usIDs.next(), createdAt: f.now, expiresAt: f.now.addingTimeInterval(3600))
        try await f.us.insertSession(session)
        #expect(try await f.us.session(id: session.id) == session)
        try await f.us.revokeSession(id: session.id, at: f.now.addingTimeInterval(10))
        try await f.us.revokeSession(id: session.id, at: f.now.addingTimeInterval(20))
        #expect(try await f.us.session(id: session.id)?.revokedAt == f.now.addingTimeInterval(10), "the first revocation stands")
    }

    @Test("account counters move by deltas and never below zero", arguments: StoreEngine.all)
    func counters(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let account = f.account(f.usIDs.next(), handle: "counted")
        try await f.us.insertAccount(account)
        _ = try await f.us.adjustAccountCounters(id: account.id, followers: 2, likes: 5)
        let after = try await f.us.adjustAccountCounters(id: account.id, followers: -3, following: 1, likes: -1)
        #expect(after?.followerCount == 0)
        #expect(after?.followingCount == 1)
        #expect(after?.likeCount == 4)
    }
}
