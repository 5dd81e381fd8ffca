import Foundation
import ReelCore
import ReelSafety
import Testing

@Suite("Transparency report")
struct TransparencyReportTests {
    static let november = TransparencyReport.month("2026-11")!
    static func at(_ day: Int, _ hour: Int = 0) -> Date { november.from.addingTimeInterval(Double((day - 1) * 86_400 + hour * 3600)) }
    static func id(_ n: UInt64) -> ReelID { ReelID(unixMilliseconds: 1_790_000_000_000 + n, regionIndex: 1, sequence: 0) }

    static func appeal(_ n: UInt64, filed: Date, decided: Date? = nil, status: Appeal.Status = .pending, statement: Bool = true) -> Appeal {
        var appeal = Appeal(id: id(n), appellantID: id(100), statementID: statement ? id(200 + n) : nil, reportID: statement ? nil : id(300 + n),
                            caseID: id(400), caseRegion: "eu", decidedByModeratorID: id(500), explanation: "I disagree.", createdAt: filed)
        appeal.status = status
        appeal.decidedAt = decided
        return appeal
    }

    @Test("a month is [first day, first day of the next month) in UTC; other text is refused")
    func months() throws {
        let december = try #require(TransparencyReport.month("2026-12"))
        #expect(december.from.ISO8601Format() == "2026-12-01T00:00:00Z")
        #expect(december.to.ISO8601Format() == "2027-01-01T00:00:00Z")
        for bad in ["2026-13", "2026-1", "november", "2026-11-01", ""] { #expect(TransparencyReport.month(bad) == nil) }
    }

    @Test("counts match a scripted month and the median time to action is the middle decision's")
    func scriptedMonth() {
        let reports: [TransparencyReport.ReceivedReport] = [
            .init(category: .hate, createdAt: Self.at(2)), .init(category: .hate, createdAt: Self.at(3)),
            .init(category: .spam, createdAt: Self.at(4)),
            .init(category: .spam, createdAt: Self.at(1).addingTimeInterval(-1)), // October: not counted
        ]
        let actions: [TransparencyReport.TakenAction] = [
            .init(kind: .remove, ruleID: "eu-hate-1", createdAt: Self.at(2, 1), caseFirstReportedAt: Self.at(2)),       // 1 h
            .init(kind: .remove, ruleID: "eu-hate-1", createdAt: Self.at(3, 5), caseFirstReportedAt: Self.at(3)),       // 5 h
            .init(kind: .dismiss, ruleID: "", createdAt: Self.at(5), caseFirstReportedAt: Self.at(4)),                  // 24 h
            .init(kind: .labelUnverified, ruleID: "eu-misinfo-1", createdAt: Self.at(6, 2), caseFirstReportedAt: Self.at(6)), // 2 h
            .init(kind: .remove, ruleID: "eu-hate-1", createdAt: Self.to.addingTimeInterval(1), caseFirstReportedAt: Self.at(30)), // December
        ]
        let appeals = [
            Self.appeal(1, filed: Self.at(7), decided: Self.at(8), status: .upheld),
            Self.appeal(2, filed: Self.at(7), decided: Self.at(9), status: .rejected),
            Self.appeal(3, filed: Self.at(10)),
            Self.appeal(4, filed: Self.at(10), decided: Self.at(11), status: .upheld, statement: false),
        ]
        let report = TransparencyReport(region: "eu", from: Self.november.from, to: Self.november.to, reports: reports, actions: actions,
                                        appeals: appeals)
        #expect(report.reports.total == 3)
        #expect(report.reports.byCategory["hate"] == 2)
        #expect(report.reports.byCategory["spam"] == 1)
        #expect(report.reports.byCategory["child_safety"] == 0)
        #expect(report.actions.byType["remove"] == 2)
        #expect(report.actions.byType["dismiss"] == 1)
        #expect(report.actions.byType["label_unverified"] == 1)
        #expect(report.actions.byType["suspend"] == 0)
        #expect(report.actions.byRule == ["eu-hate-1": 2, "eu-misinfo-1": 1])
        #expect(report.appeals.total == 4)
        #expect(report.appeals.upheld == 2)
        #expect(report.appeals.rejected == 1)
        #expect(report.reversals == 1)
        // 1 h, 2 h, 5 h, 24 h: the mean of 2 h and 5 h.
        #expect(report.medianSecondsToAction == 3.5 * 3600)
    }

    static var to: Date { november.to }

    @Test("the median of an odd count is the middle value; of nothing, nil")
    func median() {
        #expect(TransparencyReport.median([9, 1, 5]) == 5)
        #expect(TransparencyReport.median([]) == nil)
    }
}
