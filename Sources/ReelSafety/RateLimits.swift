import ReelCore

/// The limit of every ``RateLimitAction``: the defaults unless configured (file key `rateLimits`,
/// `{"comment": "30/300", …}`; env `REEL_RATE_LIMIT_<ACTION>="count/seconds"`).
public struct RateLimits: Sendable, Equatable {
    /// Configured limits; an action not listed has its ``RateLimitAction/defaultLimit``.
    public var configured: [RateLimitAction: RateLimit]

    /// The production defaults, with `configured` overriding some.
    public init(_ configured: [RateLimitAction: RateLimit] = [:]) {
        self.configured = configured
    }

    /// Equal when every action has the same limit in force (a default spelt out equals the default).
    public static func == (left: RateLimits, right: RateLimits) -> Bool {
        RateLimitAction.allCases.allSatisfy { left[$0] == right[$0] }
    }

    /// The limit in force for `action`.
    public subscript(action: RateLimitAction) -> RateLimit {
        get { configured[action] ?? action.defaultLimit }
        set { configured[action] = newValue }
    }
}
