import Foundation
import GRDB
import MetricsTestKit
import PostgresNIO
import ReelCore
@testable import ReelStore
import Testing

/// `reel_store_errors_total{region, operation}`: what an operator's alert on failing databases sees.
@Suite("Store error counts")
struct StoreErrorCountTests {
    @Test("a failing query is counted under its region and store method; a 409 duplicate is not", arguments: StoreEngine.all)
    func countsEngineFaults(_ engine: StoreEngine) async throws {
        let metrics = TestMetrics()
        let region = try #require(RegionMap.standard.definition(for: "eu"))
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store: any RegionStore
        let pools: PoolRunner
        switch engine {
        case .sqlite:
            store = try SQLiteRegionStore(region: region, databaseURL: RegionRouter.sqliteURL(directory, "eu"), metrics: metrics)
            pools = PoolRunner([])
        case .postgres:
            let postgres = try PostgresRegionStore(region: region, url: try StoreEngine.freshPostgresURL(database: "reel_eu"),
                                                   logger: StoreEngine.logger, metrics: metrics)
            store = postgres
            pools = PoolRunner([postgres.run])
        }
        defer { pools.stop() }
        try await store.migrate()

        let ids = IDGenerator(regionIndex: region.index)
        func account(_ handle: String) -> Account {
            Account(id: ids.next(), handle: handle, email: "\(handle)@example.com", passwordHash: "$2b$04$notarealhash", country: "DE",
                    birthDate: "1990-01-01", displayName: handle, isPrivate: false, createdAt: Date())
        }
        try await store.insertAccount(account("taken"))
        await #expect(throws: ReelError.self) { try await store.insertAccount(account("taken")) }
        #expect(metrics.counters(label: StoreErrorCounter.metricName).isEmpty, "a duplicate is the caller's conflict, not a fault")

        // The job table disappears, as a botched manual change would make it.
        switch store {
        case let sqlite as SQLiteRegionStore:
            try await DatabaseQueue(path: sqlite.databaseURL.path).write { try $0.execute(sql: "DROP TABLE transcodeJobs") }
        case let postgres as PostgresRegionStore:
            try await postgres.database.rows("DROP TABLE transcode_jobs")
        default:
            Issue.record("unknown engine")
        }
        await #expect(throws: (any Error).self) { try await store.pendingJobs() }
        await #expect(throws: (any Error).self) { try await store.pendingJobs() }
        let failures = try metrics.expectCounter(StoreErrorCounter.metricName, [("region", "eu"), ("operation", "pendingJobs")])
        #expect(failures.totalValue == 2)
        #expect(metrics.counters(label: StoreErrorCounter.metricName).count == 1)
    }
}
