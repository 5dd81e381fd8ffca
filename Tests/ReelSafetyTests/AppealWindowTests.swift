import Foundation
import ReelCore
import ReelSafety
import Testing

@Suite("Appeal window")
struct AppealWindowTests {
    @Test("a decision can be appealed for six calendar months (UTC), month ends clamped")
    func sixMonths() throws {
        let decided = try Date("2026-11-30T10:00:00Z", strategy: .iso8601)
        #expect(Appeal.windowCloses(forDecisionAt: decided).ISO8601Format() == "2027-05-30T10:00:00Z")
        let endOfAugust = try Date("2026-08-31T00:00:00Z", strategy: .iso8601)
        #expect(Appeal.windowCloses(forDecisionAt: endOfAugust).ISO8601Format() == "2027-02-28T00:00:00Z")
    }

    @Test("a decision turns an appeal upheld or rejected")
    func decisions() {
        #expect(Appeal.Decision.uphold.status == .upheld)
        #expect(Appeal.Decision.reject.status == .rejected)
    }
}
