import CoreMetrics
import Foundation
import Logging
import PostgresNIO
import ReelCore
import ServiceLifecycle

/// The PostgreSQL store of one region: the same behaviour, errors and residency checks as
/// ``SQLiteRegionStore``, on a database of its own (``PostgresRegionMigrations``).
///
/// It is a ServiceLifecycle `Service`: its connection pool lends connections only while ``run()``
/// runs, so the application adds it to its service group. Every SQL value is a bound parameter
/// (`PostgresQuery` interpolation).
public final class PostgresRegionStore: RegionStore, Service {
    /// The region this store serves.
    public let region: RegionDefinition
    let database: PostgresDatabase

    /// Creates the store for a `postgres://` URL (see ``PostgresURL``); nothing connects until ``run()``.
    /// - Throws: when the URL is not a usable PostgreSQL URL.
    /// - Parameter metrics: where failed queries are counted (`reel_store_errors_total`).
    public init(region: RegionDefinition, url: String, logger: Logger, metrics: any MetricsFactory = MetricsSystem.factory) throws {
        self.region = region
        database = try PostgresDatabase(url: url, logger: logger, errors: StoreErrorCounter(region: region.code.rawValue, factory: metrics))
    }

    /// The database URL without its password.
    public var location: String { database.location }

    /// Runs the connection pool until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.database.run() }
    }

    /// Applies every ``PostgresRegionMigrations`` step not yet applied.
    public func migrate() async throws {
        try await database.migrate(PostgresRegionMigrations.all)
    }

    /// Names of the tables in this store, sorted.
    public func tableNames() async throws -> [String] {
        try await database.tableNames()
    }

    /// Refuses an ID that belongs to another region.
    /// - Throws: ``ReelError`` with kind `internal` (`residency_violation`): a caller bug, never client input.
    func requireResident(_ id: ReelID, _ what: String) throws {
        guard id.regionIndex == region.index else {
            throw ReelError(.internal, code: "residency_violation",
                            message: "\(what) \(id) does not belong to region \(region.code)")
        }
    }
}
