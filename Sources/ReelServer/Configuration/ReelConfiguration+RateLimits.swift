import Foundation
import ReelCore
import ReelSafety

extension ReelConfiguration {
    /// Reads `REEL_RATE_LIMIT_<ACTION>="count/seconds"` for every ``RateLimitAction`` and
    /// `REEL_TRUSTED_PROXIES` (comma-separated addresses; empty for none).
    /// - Throws: ``ReelError`` `invalid_config` naming the variable.
    mutating func applyRateLimitEnvironment(_ environment: [String: String]) throws {
        for action in RateLimitAction.allCases {
            guard let text = environment[action.environmentKey] else { continue }
            try setRateLimit(name: action.rawValue, text: text, source: action.environmentKey)
        }
        if let proxies = environment["REEL_TRUSTED_PROXIES"] {
            trustedProxies = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// Sets the limit of the action named `name` from `count/seconds` text read from `source`.
    /// - Throws: ``ReelError`` `invalid_config` for an unknown action or malformed text.
    mutating func setRateLimit(name: String, text: String, source: String) throws {
        guard let action = RateLimitAction(rawValue: name) else {
            let known = RateLimitAction.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReelError.invalidConfig("\(source) names no rate-limited action; the actions are \(known)")
        }
        guard let limit = RateLimit(parsing: text) else {
            throw ReelError.invalidConfig("\(source)=\(text) must be count/seconds with a count of at least 1, such as 30/300")
        }
        rateLimits[action] = limit
    }
}
