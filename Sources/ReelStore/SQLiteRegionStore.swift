import CoreMetrics
import Foundation
import GRDB
import ReelCore

/// The SQLite store of one region: every protected record of the region's users lives here
/// and nowhere else.
///
/// Each method is one transaction. Methods that write a user's personal data check that the
/// user's ID belongs to this region and refuse otherwise, so residency holds structurally.
public final class SQLiteRegionStore: RegionStore {
    /// The region this store serves.
    public let region: RegionDefinition
    /// The database file.
    public let databaseURL: URL
    let pool: CountingDatabasePool

    /// Opens the region database at `databaseURL` (creating an empty file if needed) without
    /// touching its schema; call ``migrate()`` before use.
    /// - Parameter metrics: where failed reads and writes are counted (`reel_store_errors_total`).
    public init(region: RegionDefinition, databaseURL: URL, metrics: any MetricsFactory = MetricsSystem.factory) throws {
        self.region = region
        self.databaseURL = databaseURL
        pool = CountingDatabasePool(pool: try DatabaseOpener.open(at: databaseURL),
                                    errors: StoreErrorCounter(region: region.code.rawValue, factory: metrics))
    }

    /// The database file's path.
    public var location: String { databaseURL.path }

    /// Applies every ``RegionMigrations`` step not yet applied.
    public func migrate() async throws {
        try RegionMigrations.migrator.migrate(pool.pool)
    }

    /// Refuses an ID that belongs to another region.
    /// - Throws: ``ReelError`` with kind `internal` (`residency_violation`): a caller bug, never client input.
    func requireResident(_ id: ReelID, _ what: String) throws {
        guard id.regionIndex == region.index else {
            throw ReelError(.internal, code: "residency_violation",
                            message: "\(what) \(id) does not belong to region \(region.code)")
        }
    }

    /// Names of the tables in this store (for inspection by tests and `reel migrate`).
    public func tableNames() async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
    }
}
