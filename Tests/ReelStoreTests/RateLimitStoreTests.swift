import Foundation
import ReelCore
import ReelStore
import Testing

/// The abuse-limit tables of both engines: fixed windows counted atomically, ended windows pruned,
/// once-a-day counting per user, video and kind, and both gone with the account.
@Suite("Rate-limit and daily-count storage", .dropsPostgresSchemas)
struct RateLimitStoreTests {
    @Test("a window counts attempts, restarts once it has ended, and is pruned after its end", arguments: StoreEngine.all)
    func windows(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let t = f.now.timeIntervalSince1970
        #expect(try await f.us.countAttempt(bucket: "comment:user:1", window: 60, now: t).hits == 1)
        #expect(try await f.us.countAttempt(bucket: "comment:user:1", window: 60, now: t + 10) == RateLimitCounter(hits: 2, windowStart: t, lastAt: t + 10))
        #expect(try await f.us.countAttempt(bucket: "follow:user:1", window: 5, now: t + 10).hits == 1)
        #expect(try await f.us.rateLimitCounter(bucket: "comment:user:1", now: t + 59)?.hits == 2)
        #expect(try await f.us.rateLimitCounter(bucket: "comment:user:1", now: t + 60) == nil)
        // Concurrent attempts (as from several nodes) all count.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await f.us.countAttempt(bucket: "upload:user:2", window: 60, now: t) } }
            try await group.waitForAll()
        }
        #expect(try await f.us.rateLimitCounter(bucket: "upload:user:2", now: t)?.hits == 20)
        // After its window a bucket starts again at one.
        #expect(try await f.us.countAttempt(bucket: "comment:user:1", window: 60, now: t + 61) == RateLimitCounter(hits: 1, windowStart: t + 61, lastAt: t + 61))
        #expect(try await f.us.pruneRateLimits(now: t + 62) == 2)
        #expect(try await f.us.rateLimitBuckets() == ["comment:user:1"])
        try await f.us.clearRateLimit(bucket: "comment:user:1")
        #expect(try await f.us.rateLimitBuckets().isEmpty)
    }

    @Test("a view or share counts once per user, video, kind and day; old days are pruned; erasure removes them", arguments: StoreEngine.all)
    func dailyCounts(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next(), other = f.usIDs.next(), video = f.euIDs.next()
        #expect(try await f.us.countOncePerDay(user: user, video: video, kind: .view, day: 100))
        #expect(try await !f.us.countOncePerDay(user: user, video: video, kind: .view, day: 100))
        #expect(try await f.us.countOncePerDay(user: user, video: video, kind: .share, day: 100))
        #expect(try await f.us.countOncePerDay(user: other, video: video, kind: .view, day: 100))
        #expect(try await f.us.countOncePerDay(user: user, video: video, kind: .view, day: 101))
        #expect(try await f.us.pruneDailyCounts(before: 101) == 3)
        #expect(try await !f.us.countOncePerDay(user: user, video: video, kind: .view, day: 101))
        _ = try await f.us.countAttempt(bucket: "comment:user:\(user)", window: 60, now: f.now.timeIntervalSince1970)
        _ = try await f.us.countAttempt(bucket: "comment:user:\(other)", window: 60, now: f.now.timeIntervalSince1970)
        _ = try await f.us.deleteAccount(id: user)
        #expect(try await f.us.countOncePerDay(user: user, video: video, kind: .view, day: 101), "the erased user's daily count is gone")
        #expect(try await f.us.rateLimitBuckets() == ["comment:user:\(other)"])
    }
}
