import Foundation
import PostgresNIO
import ReelCore
@testable import ReelStore
import Testing

/// Nodes starting together all migrate the same databases: the advisory lock must make that safe.
@Suite("Migrations under concurrency")
struct MigrationLockTests {
    static let migrators = 4

    /// The versions recorded in `schema_migrations`, sorted, read through `database`.
    static func versions(_ database: PostgresDatabase) async throws -> [String] {
        try await database.rows("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode(String.self) }
    }

    @Test("several region migrators at once on PostgreSQL all succeed, leaving one schema with each step applied once")
    func concurrentRegionMigrators() async throws {
        let url = try StoreEngine.freshPostgresURL(database: "reel_eu")
        let region = try #require(RegionMap.standard.definition(for: "eu"))
        let stores = try (0..<Self.migrators).map { _ in try PostgresRegionStore(region: region, url: url, logger: StoreEngine.logger) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { try await store.migrate() } }
            try await group.waitForAll()
        }
        let reference = try PostgresRegionStore(region: region, url: url, logger: StoreEngine.logger)
        let pools = PoolRunner([reference.run])
        defer { pools.stop() }
        #expect(try await Self.versions(reference.database) == PostgresRegionMigrations.all.map(\.version).sorted())
        let tables = try await reference.tableNames()
        #expect(tables.contains("transcode_jobs") && tables.contains("users"), "\(tables)")
        // A later start finds nothing left to do.
        try await reference.migrate()
        #expect(try await Self.versions(reference.database) == PostgresRegionMigrations.all.map(\.version).sorted())
    }

    @Test("several public-index migrators at once on PostgreSQL all succeed with one schema")
    func concurrentIndexMigrators() async throws {
        let url = try StoreEngine.freshPostgresURL(database: "reel_public")
        let indexes = try (0..<Self.migrators).map { _ in try PostgresPublicIndex(url: url, logger: StoreEngine.logger) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in indexes { group.addTask { try await index.migrate() } }
            try await group.waitForAll()
        }
        let reference = try PostgresPublicIndex(url: url, logger: StoreEngine.logger)
        let pools = PoolRunner([reference.run])
        defer { pools.stop() }
        #expect(try await Self.versions(reference.database) == PostgresPublicIndexMigrations.all.map(\.version).sorted())
    }
}
