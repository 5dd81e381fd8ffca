import Foundation
import ReelCore
import ReelSafety
import Testing

@Suite("Appeal decisions")
struct AppealDecisionTests {
    @Test("a decision turns an appeal upheld or rejected")
    func decisions() {
        #expect(Appeal.Decision.uphold.status == .upheld)
        #expect(Appeal.Decision.reject.status == .rejected)
    }
}
