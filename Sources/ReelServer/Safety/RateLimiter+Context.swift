import ReelCore
import ReelSafety

extension RateLimiter {
    /// Counts an attempt of `action` by the signed-in user and their client address, refusing it
    /// over the limit: `try await limiter.check(.comment, context)`.
    /// - Throws: ``ReelError`` 429 `rate_limited`.
    func check(_ action: RateLimitAction, _ context: AuthenticatedContext) async throws {
        try await check(action, user: context.identity.userID, address: context.clientAddress)
    }

    /// Counts an attempt of `action` by the caller, signed in or not (an anonymous report, a
    /// sign-up), refusing it over the limit: `try await limiter.check(.report, context)`.
    /// - Parameter region: the region the request concerns when nobody is signed in (default region when nil).
    /// - Throws: ``ReelError`` 429 `rate_limited`.
    func check(_ action: RateLimitAction, _ context: AppRequestContext, region: RegionCode? = nil) async throws {
        try await check(action, user: context.identity?.userID, address: context.clientAddress, region: region)
    }
}
