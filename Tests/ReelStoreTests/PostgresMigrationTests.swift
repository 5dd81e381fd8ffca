import Foundation
import PostgresNIO
import ReelCore
@testable import ReelStore
import Testing

@Suite("PostgreSQL migrations", .dropsPostgresSchemas)
struct PostgresMigrationTests {
    @Test("stores migrating the same database at once apply each version exactly once")
    func concurrentMigrations() async throws {
        let url = try StoreEngine.freshPostgresURL(database: "reel_us")
        let region = try #require(RegionMap.standard.definition(for: "us"))
        let stores = try (0..<4).map { _ in try PostgresRegionStore(region: region, url: url, logger: StoreEngine.logger) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { try await store.migrate() } }
            try await group.waitForAll()
        }
        let pools = PoolRunner([stores[0].run])
        defer { pools.stop() }
        let versions = try await stores[0].database.rows("SELECT version FROM schema_migrations ORDER BY version")
            .map { try $0.decode(String.self) }
        // Sorted: migration names are helper-prefixed since round 4 ("limits-v1"), so text order is not list order.
        #expect(versions == PostgresRegionMigrations.all.map(\.version).sorted())
        #expect(try await stores[0].tableNames().contains("watch_events"))
        // A node started later finds nothing left to do.
        try await stores[1].migrate()
        #expect(try await stores[0].database.rows("SELECT version FROM schema_migrations").count == versions.count)
    }

    @Test("public indexes migrating the same database at once (nodes starting together) all succeed with one schema")
    func concurrentIndexMigrations() async throws {
        let url = try StoreEngine.freshPostgresURL(database: "reel_public")
        let indexes = try (0..<4).map { _ in try PostgresPublicIndex(url: url, logger: StoreEngine.logger) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in indexes { group.addTask { try await index.migrate() } }
            try await group.waitForAll()
        }
        let pools = PoolRunner([indexes[0].run])
        defer { pools.stop() }
        let versions = try await indexes[0].database.rows("SELECT version FROM schema_migrations ORDER BY version")
            .map { try $0.decode(String.self) }
        #expect(versions == PostgresPublicIndexMigrations.all.map(\.version).sorted())
    }
}
