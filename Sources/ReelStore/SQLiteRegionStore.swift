import Foundation
import GRDB
import ReelCore

/// The SQLite store of one region: every protected record of the region's users lives here
/// and nowhere else.
///
/// Each method is one transaction. Methods that write a user's personal data check that the
/// user's ID belongs to this region and refuse otherwise, so residency holds structurally.
public final class SQLiteRegionStore: Sendable {
    /// The region this store serves.
    public let region: RegionDefinition
    /// The database file.
    public let databaseURL: URL
    let pool: DatabasePool

    /// Opens (and migrates) the region database at `databaseURL`.
    public init(region: RegionDefinition, databaseURL: URL) throws {
        self.region = region
        self.databaseURL = databaseURL
        pool = try DatabaseOpener.open(at: databaseURL, migrator: RegionMigrations.migrator)
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
