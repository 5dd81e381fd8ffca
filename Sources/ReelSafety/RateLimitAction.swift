import ReelCore

/// The actions whose rate is limited, each with its production default. A limit keyed by account
/// applies to the signed-in account; the same limit applies, ``addressAllowanceFactor`` times
/// larger, to the client address (many people can share one address behind a NAT), except for the
/// actions that have only an address (``signup``, ``loginIP``).
public enum RateLimitAction: String, Sendable, Codable, CaseIterable {
    /// Failed log-ins of one account: `count` free, then exponential back-off (``LoginBackoff``).
    case login
    /// Log-in attempts from one client address, whatever the account.
    case loginIP = "login_ip"
    /// Sign-ups from one client address.
    case signup
    /// Video uploads.
    case upload
    /// Comments written.
    case comment
    /// Reports (notices) filed, signed in or anonymous.
    case report
    /// Follow requests (`PUT /v1/users/{handle}/follow`).
    case follow
    /// Staff sign-in attempts (`POST /v1/staff/sessions`), per staff member and per client address.
    case staffSignIn = "staff_sign_in"

    /// How many times more attempts a client address gets than one account for the same action.
    public static let addressAllowanceFactor = 5

    /// The production default: generous for a person, tight for a script.
    public var defaultLimit: RateLimit {
        switch self {
        case .login: RateLimit(count: 5, seconds: 30)
        case .loginIP: RateLimit(count: 30, seconds: 300)
        case .signup: RateLimit(count: 5, seconds: 3600)
        case .upload: RateLimit(count: 20, seconds: 3600)
        case .comment: RateLimit(count: 30, seconds: 300)
        case .report: RateLimit(count: 20, seconds: 3600)
        case .follow: RateLimit(count: 100, seconds: 3600)
        case .staffSignIn: RateLimit(count: 5, seconds: 900)
        }
    }

    /// Whether the action is limited per account (besides per address).
    public var isPerAccount: Bool { self != .signup && self != .loginIP }

    /// The environment variable that sets it: `REEL_RATE_LIMIT_LOGIN_IP`, ….
    public var environmentKey: String { "REEL_RATE_LIMIT_\(rawValue.uppercased())" }

    /// What the client was doing, for the 429's sentence.
    public var activity: String {
        switch self {
        case .login, .loginIP: "log-in attempts"
        case .signup: "sign-ups"
        case .upload: "uploads"
        case .comment: "comments"
        case .report: "reports"
        case .follow: "follows"
        case .staffSignIn: "staff sign-in attempts"
        }
    }
}
