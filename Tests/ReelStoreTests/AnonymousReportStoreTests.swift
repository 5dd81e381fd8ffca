import Foundation
import ReelCore
import ReelSafety
import ReelStore
import Testing

/// Anonymous reports count once per client (a keyed hash of its address and the target) and the
/// hashes are forgotten after their retention, on both engines.
@Suite("Anonymous reports in a region store", .dropsPostgresSchemas)
struct AnonymousReportStoreTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a client hash counts once, also after its case was decided; forgotten hashes count again", arguments: StoreEngine.all)
    func oncePerClient(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let target = ModerationTarget(kind: .account, id: f.euIDs.next())
        func file(_ hash: String, _ category: ReportCategory, at date: Date,
                  forgetBefore: Date = .distantPast) async throws -> (moderationCase: ModerationCase, reporterRef: ReelID) {
            try await f.eu.fileAnonymousCaseReport(CaseReport(reporterRef: f.euIDs.next(), category: category, explanation: "", createdAt: date),
                                                   clientHash: hash, target: target, newCaseID: f.euIDs.next(), reach: 0, at: date,
                                                   forgetBefore: forgetBefore)
        }
        let first = try await file("hash-a", .illegalContent, at: Self.start)
        #expect(first.moderationCase.reportCount == 1)
        let repeated = try await file("hash-a", .childSafety, at: Self.start.addingTimeInterval(60))
        #expect(repeated.reporterRef == first.reporterRef && repeated.moderationCase.id == first.moderationCase.id)
        #expect(repeated.moderationCase.reportCount == 1 && repeated.moderationCase.categories == [.illegalContent],
                "a repeat adds neither a report nor its category")
        let other = try await file("hash-b", .childSafety, at: Self.start.addingTimeInterval(120))
        #expect(other.moderationCase.id == first.moderationCase.id && other.moderationCase.reportCount == 2)
        #expect(try await f.eu.caseReports(caseID: first.moderationCase.id).count == 2)

        #expect(try await f.eu.closeCase(id: first.moderationCase.id, outcome: .dismissed, at: Self.start.addingTimeInterval(180)))
        let afterDecision = try await file("hash-a", .illegalContent, at: Self.start.addingTimeInterval(240))
        #expect(afterDecision.moderationCase.id == first.moderationCase.id && afterDecision.moderationCase.state == .closed,
                "a repeat after the decision is the first report, on the decided case")
        #expect(try await f.eu.moderationCases(state: .open, after: nil, limit: 10).isEmpty)

        let later = Self.start.addingTimeInterval(31 * 86_400)
        let forgotten = try await file("hash-a", .illegalContent, at: later, forgetBefore: later.addingTimeInterval(-30 * 86_400))
        #expect(forgotten.reporterRef != first.reporterRef && forgotten.moderationCase.id != first.moderationCase.id)
        #expect(forgotten.moderationCase.state == .open && forgotten.moderationCase.reportCount == 1)
        let again = try await file("hash-a", .illegalContent, at: later.addingTimeInterval(60), forgetBefore: later.addingTimeInterval(-30 * 86_400))
        #expect(again.reporterRef == forgotten.reporterRef && again.moderationCase.reportCount == 1)
    }
}
