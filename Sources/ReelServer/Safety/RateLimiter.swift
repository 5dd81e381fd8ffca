import Foundation
import Logging
import ReelCore
import ReelSafety
import ReelStore
import Synchronization

/// Abuse limits on log-in, sign-up, upload, comment, report and follow (docs/safety.md, "Abuse
/// limits"): fixed-window counters per account and per client address, kept in a region's database
/// (``RateLimitStore``) so every node of the region shares them, answering 429 `rate_limited` with
/// `Retry-After`.
///
/// - An account's buckets live in its home region: `<action>:user:<id>`.
/// - A client address is never stored: its bucket is `<action>:addr:<h>` where `h` is the
///   HMAC-SHA-256 of the address under the region's `client-address` key (held by the region's
///   custodian, like the email blind index; ``AccountVault/keyedHash(_:keyName:purpose:in:)``), in
///   the region the request concerns: the signed-in user's home, the declared country's region for a
///   sign-up, the account's region for a log-in, else the default region. Rows are deleted when
///   their window ends (at most a minute later, ``pruneInterval``).
/// - Log-in has exponential back-off per account after repeated failures (``LoginBackoff``),
///   forgotten on success; an identifier that names no account backs off the same way, so the
///   answers do not tell which accounts exist.
final class RateLimiter: Sendable {
    /// The name of the client-address key in each region's `regionKeys`.
    static let addressKeyName = "client-address"
    /// How often each region's ended windows are deleted, in seconds.
    static let pruneInterval: Double = 60

    let stores: RegionDirectory<any RateLimitStore>
    let vault: AccountVault
    let limits: RateLimits
    let regions: RegionMap
    let now: @Sendable () -> Date
    let logger: Logger
    /// When each region's ended windows were last deleted by this process (Unix seconds).
    private let lastPrune = Mutex<[RegionCode: Double]>([:])

    init(stores: RegionDirectory<any RateLimitStore>, vault: AccountVault, limits: RateLimits, regions: RegionMap,
         now: @escaping @Sendable () -> Date, logger: Logger) {
        self.stores = stores
        self.vault = vault
        self.limits = limits
        self.regions = regions
        self.now = now
        self.logger = logger
    }

    /// Counts one attempt of `action` by `user` (when signed in) and from `address` (when known),
    /// and refuses it when either is over its limit. The one call a route makes before it acts:
    /// `try await limiter.check(.report, user: context.identity?.userID, address: context.clientAddress)`.
    /// - Parameter region: the region the request concerns when nobody is signed in (a sign-up's
    ///   declared country's region); nil: the user's home region, else the default region.
    /// - Throws: ``ReelError`` 429 `rate_limited` with ``ReelError/retryAfterSeconds``.
    func check(_ action: RateLimitAction, user: ReelID?, address: String?, region: RegionCode? = nil) async throws {
        let limit = limits[action]
        if let user, action.isPerAccount {
            try await count(action, bucket: Self.userBucket(action, user), in: try home(of: user), limit: limit)
        }
        guard let address else { return }
        let addressRegion = region ?? user.flatMap { regions.region(of: $0)?.code } ?? regions.defaultRegion
        guard let bucket = await addressBucket(action, address, in: addressRegion) else { return }
        let addressLimit = action.isPerAccount
            ? RateLimit(count: limit.count * RateLimitAction.addressAllowanceFactor, seconds: limit.seconds) : limit
        try await count(action, bucket: bucket, in: addressRegion, limit: addressLimit)
    }

    /// Staff sign-in (``RateLimitAction/staffSignIn``): counts one attempt for `staff` (when the handle
    /// names a staff member) from `address`, and one for the address whatever the handle
    /// (``RateLimitAction/addressAllowanceFactor`` times the limit). The staff member's limit is kept
    /// per client address, `staff_sign_in:staff-addr:<h>` with `h` the keyed hash of the pair
    /// (``clientHash(of:scope:in:)``), so attempts from elsewhere cannot lock the member out; without
    /// an address, or while the region's key cannot be had, it is the member's own bucket.
    /// - Parameter region: the staff member's region, or the region the attempt names.
    /// - Throws: ``ReelError`` 429 `rate_limited`.
    func checkStaffSignIn(staff: ReelID?, address: String?, region: RegionCode?) async throws {
        if let staff {
            let home = try home(of: staff)
            let pair: String? = if let address { await clientHash(of: address, scope: "staff:\(staff)", in: home) } else { nil }
            let bucket = pair.map { "\(RateLimitAction.staffSignIn.rawValue):staff-addr:\($0)" } ?? Self.userBucket(.staffSignIn, staff)
            try await count(.staffSignIn, bucket: bucket, in: home, limit: limits[.staffSignIn])
        }
        try await check(.staffSignIn, user: nil, address: address, region: region)
    }

    /// Before a password is checked: counts the attempt from `address` (``RateLimitAction/loginIP``)
    /// and refuses it while any of `accounts` (or, when none, the unknown `identifier`) is backing off.
    /// - Throws: ``ReelError`` 429 `rate_limited`.
    func checkLogIn(accounts: [ReelID], identifier: String, region: RegionCode?, address: String?) async throws {
        let at = now().timeIntervalSince1970
        let limit = limits[.login]
        for (bucket, bucketRegion) in try await loginBuckets(accounts: accounts, identifier: identifier, region: region) {
            guard let store = stores.store(for: bucketRegion),
                  let failures = try await store.rateLimitCounter(bucket: bucket, now: at),
                  let wait = LoginBackoff.retryAfter(failures: failures.hits, lastFailure: failures.lastAt, limit: limit, now: at) else { continue }
            throw Self.refusal(.login, retryAfter: wait)
        }
        try await check(.loginIP, user: nil, address: address, region: accounts.first.flatMap { regions.region(of: $0)?.code } ?? region)
    }

    /// A wrong password for `accounts` (or the unknown `identifier`): one more failure each.
    func logInFailed(accounts: [ReelID], identifier: String, region: RegionCode?) async throws {
        let at = now().timeIntervalSince1970
        for (bucket, bucketRegion) in try await loginBuckets(accounts: accounts, identifier: identifier, region: region) {
            _ = try await stores.store(for: bucketRegion)?.countAttempt(bucket: bucket, window: LoginBackoff.memory, now: at)
        }
    }

    /// A successful log-in: the account's failures are forgotten.
    func logInSucceeded(account: ReelID) async throws {
        try await stores.store(for: account).clearRateLimit(bucket: Self.userBucket(.login, account))
    }

    /// `<action>:user:<id>`.
    static func userBucket(_ action: RateLimitAction, _ user: ReelID) -> String { "\(action.rawValue):user:\(user)" }

    /// The back-off buckets of a log-in: each account's, or the keyed hash of an identifier that
    /// names none (in `region`, else the default region).
    private func loginBuckets(accounts: [ReelID], identifier: String, region: RegionCode?) async throws -> [(String, RegionCode)] {
        if !accounts.isEmpty { return try accounts.map { (Self.userBucket(.login, $0), try home(of: $0)) } }
        let unknownRegion = region.flatMap { regions.definition(for: $0)?.code } ?? regions.defaultRegion
        let name = identifier.trimmingCharacters(in: .whitespaces).lowercased()
        guard let hash = await hashed(name, in: unknownRegion) else { return [] }
        return [("\(RateLimitAction.login.rawValue):name:\(hash)", unknownRegion)]
    }

    /// Counts one attempt on `bucket` and throws when it is over `limit`.
    private func count(_ action: RateLimitAction, bucket: String, in region: RegionCode, limit: RateLimit) async throws {
        guard let store = stores.store(for: region) else { return }
        let at = now().timeIntervalSince1970
        let counter = try await store.countAttempt(bucket: bucket, window: limit.seconds, now: at)
        await pruneIfDue(store, region: region, at: at)
        if let wait = limit.retryAfter(hits: counter.hits, windowStart: counter.windowStart, now: at) {
            throw Self.refusal(action, retryAfter: wait)
        }
    }

    /// The bucket of a client address, or nil (the address is then not limited, logged) when the
    /// region's key cannot be had: the account limits still hold.
    private func addressBucket(_ action: RateLimitAction, _ address: String, in region: RegionCode) async -> String? {
        guard let hash = await hashed(address, in: region) else { return nil }
        return "\(action.rawValue):addr:\(hash)"
    }

    /// A keyed hash that names the client at `address` within one `scope` only (such as one reported
    /// target), under the same region key as the address buckets: HMAC-SHA-256 of `<scope>|<address>`,
    /// so hashes of one address in two scopes cannot be linked and the address cannot be read back.
    /// Nil (logged) while the region's key cannot be had.
    func clientHash(of address: String, scope: String, in region: RegionCode) async -> String? {
        await hashed("\(scope)|\(address)", in: region)
    }

    private func hashed(_ text: String, in region: RegionCode) async -> String? {
        do {
            return try await vault.keyedHash(text, keyName: Self.addressKeyName, purpose: "rate-limits", in: region)
        } catch {
            logger.warning("rate limits by client address are off until the region's key can be had",
                           metadata: ["region": "\(region)", "error": "\(error)"])
            return nil
        }
    }

    private func pruneIfDue(_ store: any RateLimitStore, region: RegionCode, at: Double) async {
        let isDue = lastPrune.withLock { last in
            guard at - (last[region] ?? 0) >= Self.pruneInterval else { return false }
            last[region] = at
            return true
        }
        guard isDue else { return }
        do { try await store.pruneRateLimits(now: at) } catch {
            logger.warning("could not delete ended rate-limit windows", metadata: ["region": "\(region)", "error": "\(error)"])
        }
    }

    private func home(of user: ReelID) throws -> RegionCode {
        guard let region = regions.region(of: user) else { throw ReelError.notFound("account") }
        return region.code
    }

    private static func refusal(_ action: RateLimitAction, retryAfter seconds: Double) -> ReelError {
        let wait = max(1, Int(seconds.rounded(.up)))
        return .rateLimited("Too many \(action.activity) in a short time; try again in \(wait) second\(wait == 1 ? "" : "s").",
                            retryAfter: seconds)
    }
}
