import Foundation
import ReelCore
import ReelSafety
import Testing

@Suite("Statements of reasons")
struct StatementOfReasonsTests {
    @Test("facts lose e-mail addresses and @handles, and keep the rest")
    func redaction() {
        let facts = "Reported by @kind_reporter (kind.reporter@example.com); the video shows a scam. Contact: a@b.io"
        let redacted = StatementOfReasons.redacted(facts: facts)
        #expect(!redacted.contains("kind_reporter"))
        #expect(!redacted.contains("@example.com"))
        #expect(!redacted.contains("a@b.io"))
        #expect(redacted.contains("the video shows a scam"))
        #expect(redacted.contains("[email removed]") && redacted.contains("[handle removed]"))
    }

    @Test("an appeal is open for six calendar months")
    func appealDeadline() throws {
        let start = try Date("2026-08-31T12:00:00Z", strategy: .iso8601)
        #expect(StatementOfReasons.appealDeadline(after: start) == (try Date("2027-02-28T12:00:00Z", strategy: .iso8601)))
    }

    @Test("a video's restrictions are the union of its active statements")
    func restrictionsFromStatements() {
        func statement(_ action: ModerationActionKind, _ status: StatementOfReasons.Status) -> StatementOfReasons {
            let id = ReelID(unixMilliseconds: 1_800_000_000_000, regionIndex: 1, sequence: 1)
            return StatementOfReasons(id: id, target: .init(kind: .video, id: id), affectedUserID: id, restriction: action,
                                      territorialScope: StatementOfReasons.worldwide, startsAt: Date(), endsAt: nil, facts: "x",
                                      automatedDetection: false, automatedDecision: false, ground: .init(ruleID: "r", guidelinesVersion: "v"),
                                      appeal: .init(until: Date(), how: "x"), status: status, createdAt: Date(), moderatorID: id)
        }
        #expect(StatementOfReasons.videoRestrictions(from: [statement(.labelUnverified, .active), statement(.restrictAdults, .active),
                                                             statement(.remove, .reversed)]) == [.unverified, .adultsOnly])
        #expect(StatementOfReasons.videoRestrictions(from: [statement(.demote, .reversed)]) == [])
    }
}
