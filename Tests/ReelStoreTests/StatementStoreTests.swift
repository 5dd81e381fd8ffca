import Foundation
import ReelCore
import ReelSafety
import ReelStore
import Testing

@Suite("Statements of reasons and video restrictions in a region store")
struct StatementStoreTests {
    @Test("a statement round-trips with every field, pages newest first, and is reversed once", arguments: StoreEngine.all)
    func statements(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let person = f.account(f.usIDs.next(), handle: "person")
        try await f.us.insertAccount(person)
        let comment = ReelCore.Comment(id: f.usIDs.next(), videoID: f.usIDs.next(), authorID: person.id, authorHandle: "person", body: "Rude",
                              createdAt: f.now)
        func statement(_ action: ModerationActionKind, target: ModerationTarget, held: ReelCore.Comment? = nil) -> StatementOfReasons {
            StatementOfReasons(id: f.usIDs.next(), target: target, affectedUserID: person.id, restriction: action,
                               territorialScope: ["worldwide"], startsAt: f.now, endsAt: action == .suspend ? f.now.addingTimeInterval(86_400) : nil,
                               facts: "Facts.", automatedDetection: true, automatedDecision: false,
                               ground: .init(ruleID: "us-hate-1", guidelinesVersion: "2026-11-01", legalGround: "18 U.S.C. § 875"),
                               appeal: .init(until: f.now.addingTimeInterval(183 * 86_400), how: "Appeal."), createdAt: f.now,
                               moderatorID: f.usIDs.next(), heldComment: held)
        }
        let removed = statement(.removeComment, target: .init(kind: .comment, id: comment.id), held: comment)
        let suspended = statement(.suspend, target: .init(kind: .account, id: person.id))
        try await f.us.insertStatement(removed)
        try await f.us.insertStatement(suspended)
        #expect(try await f.us.statement(id: removed.id) == removed)
        #expect(try await f.us.statements(affecting: person.id, before: nil, limit: 10).map(\.id) == [suspended.id, removed.id])
        #expect(try await f.us.statements(affecting: person.id, before: suspended.id, limit: 10) == [removed])
        #expect(try await f.us.activeStatements(about: suspended.target) == [suspended])
        #expect(try await f.us.statements(after: nil, limit: 10).map(\.id) == [removed.id, suspended.id])
        #expect(try await f.us.statements(after: removed.id, limit: 10) == [suspended])

        let reversed = try #require(try await f.us.reverseStatement(id: suspended.id, at: f.now.addingTimeInterval(60)))
        #expect(reversed.status == .reversed && reversed.reversedAt == f.now.addingTimeInterval(60))
        #expect(try await f.us.reverseStatement(id: suspended.id, at: f.now) == nil)
        #expect(try await f.us.activeStatements(about: suspended.target).isEmpty)
        // Erasure keeps the statements (transparency reporting) without the comment text they held.
        #expect(try await f.us.deleteAccount(id: person.id))
        #expect(try await f.us.statement(id: removed.id)?.heldComment == nil)
        #expect(try await f.us.statement(id: removed.id)?.restriction == .removeComment)
        // Statements live in the affected user's home region only.
        var foreign = statement(.remove, target: .init(kind: .video, id: f.euIDs.next()))
        foreign.affectedUserID = f.euIDs.next()
        await expectReelError("residency_violation") { try await f.us.insertStatement(foreign) }
    }

    @Test("restrictions are stored on the video, and a change of them is a video change for every node's cache", arguments: StoreEngine.all)
    func restrictions(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let person = f.account(f.usIDs.next(), handle: "person")
        try await f.us.insertAccount(person)
        let video = Video(id: f.usIDs.next(), creatorID: person.id, caption: "hi", visibility: .public, createdAt: f.now)
        try await f.us.insertVideoWithJob(video, at: f.now)
        let edit = try #require(try await f.us.setRestrictions(of: video.id, to: [.unverified, .adultsOnly]))
        #expect(edit.before.restrictions == [] && edit.after.restrictions == [.unverified, .adultsOnly])
        #expect(try await f.us.video(id: video.id)?.restrictions == [.unverified, .adultsOnly])
        #expect(try await f.us.changes(after: 0, limit: 10).map(\.id) == [video.id])
        _ = try await f.us.setRestrictions(of: video.id, to: [.unverified, .adultsOnly])
        #expect(try await f.us.changeLogHead() == 1, "an unchanged set logs nothing")
        #expect(try await f.us.setRestrictions(of: f.usIDs.next(), to: [.removed]) == nil)

        let suspended = try await f.us.updateAccount(id: person.id) { $0.suspendedUntil = f.now.addingTimeInterval(3600) }
        #expect(try await f.us.account(id: person.id)?.suspendedUntil == suspended.suspendedUntil)
        #expect(try await f.us.account(id: person.id)?.publicProfile.isHidden(at: f.now) == true)
        #expect(try await f.us.account(id: person.id)?.publicProfile.isHidden(at: f.now.addingTimeInterval(3601)) == false)
    }
}
