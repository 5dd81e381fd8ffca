import ReelCore
import ReelSafety
import Testing

/// The pure rules of abuse limits: `count/seconds` parsing, fixed windows and log-in back-off.
@Suite("Rate-limit rules")
struct RateLimitRulesTests {
    @Test("count/seconds parses; malformed, zero or negative values do not")
    func parsing() {
        #expect(RateLimit(parsing: "30/300") == RateLimit(count: 30, seconds: 300))
        #expect(RateLimit(parsing: " 5 / 0.5 ") == RateLimit(count: 5, seconds: 0.5))
        for bad in ["", "5", "5/", "/5", "0/10", "-1/10", "5/0", "5/-3", "a/b", "5/10/2", "5/inf"] {
            #expect(RateLimit(parsing: bad) == nil, "\(bad) parsed")
        }
        #expect(RateLimit(count: 30, seconds: 300).description == "30/300")
    }

    @Test("a fixed window admits count attempts and names the seconds left after that")
    func window() {
        let limit = RateLimit(count: 3, seconds: 60)
        #expect(limit.retryAfter(hits: 3, windowStart: 1000, now: 1010) == nil)
        #expect(limit.retryAfter(hits: 4, windowStart: 1000, now: 1010) == 50)
        #expect(limit.retryAfter(hits: 9, windowStart: 1000, now: 1060) == nil)
    }

    @Test("log-in back-off: free failures, then the window doubling up to an hour")
    func backoff() {
        let limit = RateLimitAction.login.defaultLimit
        #expect((1...4).map { LoginBackoff.delay(afterFailures: $0, limit: limit) } == [0, 0, 0, 0])
        #expect((5...8).map { LoginBackoff.delay(afterFailures: $0, limit: limit) } == [30, 60, 120, 240])
        #expect(LoginBackoff.delay(afterFailures: 20, limit: limit) == LoginBackoff.maximumDelay)
        #expect(LoginBackoff.delay(afterFailures: 10_000, limit: limit) == LoginBackoff.maximumDelay)
        #expect(LoginBackoff.retryAfter(failures: 6, lastFailure: 100, limit: limit, now: 130) == 30)
        #expect(LoginBackoff.retryAfter(failures: 6, lastFailure: 100, limit: limit, now: 160) == nil)
    }

    @Test("every action has a default and an environment variable")
    func actions() {
        #expect(RateLimitAction.allCases.map(\.rawValue) == ["login", "login_ip", "signup", "upload", "comment", "report", "follow",
                                                             "staff_sign_in"])
        #expect(RateLimitAction.loginIP.environmentKey == "REEL_RATE_LIMIT_LOGIN_IP")
        #expect(RateLimitAction.staffSignIn.environmentKey == "REEL_RATE_LIMIT_STAFF_SIGN_IN")
        #expect(RateLimits()[.staffSignIn] == RateLimit(count: 5, seconds: 900) && RateLimitAction.staffSignIn.isPerAccount)
        #expect(RateLimits()[.signup] == RateLimit(count: 5, seconds: 3600))
        var limits = RateLimits()
        limits[.signup] = RateLimit(count: 1, seconds: 1)
        #expect(limits[.signup] == RateLimit(count: 1, seconds: 1))
        #expect(!RateLimitAction.signup.isPerAccount && !RateLimitAction.loginIP.isPerAccount && RateLimitAction.report.isPerAccount)
    }
}
