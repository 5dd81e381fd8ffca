import Foundation
import GRDB
import ReelCore
@testable import ReelStore
import Testing

/// Upgrading a region store that already holds behaviour: the log migration copies it into the
/// log in time order, and writes after it (by any code, old or new) are logged by the database.
@Suite("Behaviour log migration")
struct LogMigrationTests {
    @Test("behaviour stored before the log exists is in the log after the upgrade, oldest first, then new rows follow",
          arguments: StoreEngine.all)
    func backfill(_ engine: StoreEngine) async throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let region = try #require(RegionMap.standard.definition(for: "us"))
        let ids = IDGenerator(regionIndex: 1)
        let user = ids.next(), first = ids.next(), second = ids.next(), creator = ids.next()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let store: any RegionStore
        var pools: PoolRunner?
        switch engine {
        case .sqlite:
            let sqlite = try SQLiteRegionStore(region: region, databaseURL: RegionRouter.sqliteURL(directory, "us"))
            try RegionMigrations.migrator.migrate(sqlite.pool.pool, upTo: "v2-hashtag-objects")
            store = sqlite
        case .postgres:
            let postgres = try PostgresRegionStore(region: region, url: try StoreEngine.freshPostgresURL(database: "reel_us"), logger: StoreEngine.logger)
            try await postgres.database.migrate(Array(PostgresRegionMigrations.all.prefix(1)))
            pools = PoolRunner([postgres.run])
            store = postgres
        }
        defer { pools?.stop() }
        // Written on the old schema (no log yet), out of time order.
        _ = try await store.like(user: user, video: second, at: now.addingTimeInterval(20))
        _ = try await store.follow(follower: user, followee: creator, at: now.addingTimeInterval(5))
        _ = try await store.recordWatchEvents([WatchEvent(clientEventID: "w", userID: user, videoID: first, watchedMs: 1000,
                                                          durationMs: 1000, completed: true, replayed: false, at: now.addingTimeInterval(10))])
        try await store.migrate()
        let copied = try await store.behaviour(after: 0, limit: 100)
        #expect(copied.map(\.kind) == [.follow, .watch, .like], "oldest first")
        #expect(copied.map(\.sequence) == [1, 2, 3])
        #expect(try await store.behaviourLogHead() == 3)
        _ = try await store.unlike(user: user, video: second)
        #expect(try await store.behaviour(after: 3, limit: 100).map(\.kind) == [.unlike])
        #expect(try await store.behaviourLogHead() == 4)
    }
}
