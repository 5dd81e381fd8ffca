import Foundation
import ReelCore
import ReelSafety
import ReelStore
import Testing

@Suite("Appeals and notifications in a region store", .dropsPostgresSchemas)
struct AppealStoreTests {
    static let filed = Date(timeIntervalSince1970: 1_790_000_000)

    func appeal(_ f: StoreFixture, appellant: ReelID, statementID: ReelID? = nil, reportID: ReelID? = nil,
                at: Date = filed) -> Appeal {
        Appeal(id: f.euIDs.next(), appellantID: appellant, statementID: statementID, reportID: reportID, caseID: f.euIDs.next(),
               caseRegion: "eu", decidedByModeratorID: f.euIDs.next(), explanation: "The video is satire.", createdAt: at)
    }

    @Test("one pending appeal per statement and per report; a decided one makes room for another", arguments: StoreEngine.all)
    func onePendingAppeal(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let (user, statement, report) = (f.euIDs.next(), f.euIDs.next(), f.euIDs.next())
        let first = appeal(f, appellant: user, statementID: statement)
        try await f.eu.insertAppeal(first)
        #expect(try await f.eu.appeal(id: first.id) == first)
        await expectReelError("appeal_exists", kind: .conflict) { try await f.eu.insertAppeal(appeal(f, appellant: user, statementID: statement)) }
        try await f.eu.insertAppeal(appeal(f, appellant: user, reportID: report))
        await expectReelError("appeal_exists", kind: .conflict) { try await f.eu.insertAppeal(appeal(f, appellant: user, reportID: report)) }
        let decided = try await f.eu.decideAppeal(id: first.id, decision: .reject, explanation: "The rule applies.", reviewerID: f.euIDs.next(),
                                                  at: Self.filed.addingTimeInterval(60))
        #expect(decided?.status == .rejected)
        #expect(decided?.decisionExplanation == "The rule applies.")
        #expect(decided?.decidedAt == Self.filed.addingTimeInterval(60))
        #expect(try await f.eu.decideAppeal(id: first.id, decision: .uphold, explanation: "Again.", reviewerID: f.euIDs.next(),
                                            at: Self.filed) == nil, "a decided appeal is not decided twice")
        try await f.eu.insertAppeal(appeal(f, appellant: user, statementID: statement))
    }

    @Test("appeals are listed per appellant newest first, per case region oldest first, and per period", arguments: StoreEngine.all)
    func listings(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let (user, other) = (f.euIDs.next(), f.euIDs.next())
        let appeals = [appeal(f, appellant: user, statementID: f.euIDs.next()), appeal(f, appellant: other, statementID: f.euIDs.next()),
                       appeal(f, appellant: user, statementID: f.euIDs.next(), at: Self.filed.addingTimeInterval(86_400 * 40))]
        for appeal in appeals { try await f.eu.insertAppeal(appeal) }
        #expect(try await f.eu.appeals(appellantID: user, before: nil, limit: 10).map(\.id) == [appeals[2].id, appeals[0].id])
        #expect(try await f.eu.appeals(appellantID: user, before: appeals[2].id, limit: 10).map(\.id) == [appeals[0].id])
        #expect(try await f.eu.pendingAppeals(caseRegion: "eu", after: nil, limit: 2).map(\.id) == [appeals[0].id, appeals[1].id])
        #expect(try await f.eu.pendingAppeals(caseRegion: "eu", after: appeals[1].id, limit: 2).map(\.id) == [appeals[2].id])
        #expect(try await f.eu.pendingAppeals(caseRegion: "us", after: nil, limit: 10).isEmpty)
        _ = try await f.eu.decideAppeal(id: appeals[0].id, decision: .uphold, explanation: "Satire.", reviewerID: f.euIDs.next(),
                                        at: Self.filed.addingTimeInterval(86_400 * 35))
        #expect(try await f.eu.pendingAppeals(caseRegion: "eu", after: nil, limit: 10).map(\.id) == [appeals[1].id, appeals[2].id])
        let window = try await f.eu.appeals(caseRegion: "eu", activeFrom: Self.filed.addingTimeInterval(86_400 * 30),
                                            to: Self.filed.addingTimeInterval(86_400 * 60))
        #expect(Set(window.map(\.id)) == [appeals[0].id, appeals[2].id], "decided in the period, or filed in it")
    }

    @Test("notifications are listed newest first per user, and refused outside the user's region", arguments: StoreEngine.all)
    func notifications(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.euIDs.next()
        let first = UserNotification(id: f.euIDs.next(), userID: user, kind: .statement, text: "Your video was removed.",
                                     createdAt: Self.filed, statementID: f.euIDs.next())
        let second = UserNotification(id: f.euIDs.next(), userID: user, kind: .appealDecided, text: "Your appeal was upheld.",
                                      createdAt: Self.filed.addingTimeInterval(1), appealID: f.euIDs.next())
        try await f.eu.insertNotification(first)
        try await f.eu.insertNotification(second)
        try await f.eu.insertNotification(UserNotification(id: f.euIDs.next(), userID: f.euIDs.next(), kind: .reportDecided,
                                                           text: "Someone else's.", createdAt: Self.filed, reportID: f.euIDs.next()))
        #expect(try await f.eu.notifications(userID: user, before: nil, limit: 10) == [second, first])
        #expect(try await f.eu.notifications(userID: user, before: second.id, limit: 10) == [first])
        await expectReelError("residency_violation", kind: .internal) {
            try await f.us.insertNotification(UserNotification(id: f.euIDs.next(), userID: user, kind: .statement, text: "x", createdAt: Self.filed))
        }
    }
}
