import Foundation
import ReelSafety
import Synchronization

extension RateLimits {
    /// Limits no test reaches (a million attempts a second), so suites that sign up, log in and
    /// post in loops never see 429; ``RateLimitHTTPTests`` checks the real defaults.
    static var raisedForTests: RateLimits {
        RateLimits(Dictionary(uniqueKeysWithValues: RateLimitAction.allCases.map { ($0, RateLimit(count: 1_000_000, seconds: 1)) }))
    }
}

/// A clock a test moves by hand, so rate-limit windows pass without sleeping.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    /// The clock's time now.
    var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
