import Foundation
import ReelCore

/// Picks the store of a region from an ID alone (the region bits of every ``ReelID``).
///
/// Each region's store may be a different engine (``SQLiteRegionStore`` or ``PostgresRegionStore``);
/// callers see only ``RegionStore``. Only the app's assembly and the CLI hold a router; services get
/// a ``RegionDirectory`` of the one role they use (``directory(_:)``).
public struct RegionRouter: Sendable {
    /// The regions and country map.
    public let map: RegionMap
    private let stores: RegionDirectory<any RegionStore>

    /// Routes to the given stores, one per region of `map` (keyed by region index).
    public init(map: RegionMap, stores: [Int: any RegionStore]) {
        self.map = map
        self.stores = RegionDirectory(regions: map, stores: stores)
    }

    /// Opens one SQLite store per region under `dataDirectory/<code>/region.sqlite` (not migrated).
    public init(map: RegionMap, dataDirectory: URL) throws {
        var stores: [Int: any RegionStore] = [:]
        for region in map.regions {
            stores[region.index] = try SQLiteRegionStore(region: region, databaseURL: Self.sqliteURL(dataDirectory, region.code))
        }
        self.init(map: map, stores: stores)
    }

    /// The folder that holds everything of one region.
    public static func regionDirectory(_ dataDirectory: URL, _ code: RegionCode) -> URL {
        dataDirectory.appendingPathComponent(code.rawValue, isDirectory: true)
    }

    /// The SQLite file of a region under `dataDirectory`.
    public static func sqliteURL(_ dataDirectory: URL, _ code: RegionCode) -> URL {
        regionDirectory(dataDirectory, code).appendingPathComponent("region.sqlite")
    }

    /// The store that owns `id`.
    /// - Throws: ``ReelError`` not found when the ID names no configured region (a forged or foreign ID).
    public func store(for id: ReelID) throws -> any RegionStore {
        try stores.store(for: id)
    }

    /// The store of a region by code.
    public func store(for code: RegionCode) -> (any RegionStore)? {
        stores.store(for: code)
    }

    /// Every store, ordered by region index.
    public var allStores: [any RegionStore] { stores.all }

    /// Every region's store seen in one role, e.g. `router.directory { $0 as any VideoStore }`.
    public func directory<Role: Sendable>(_ role: (any RegionStore) -> Role) -> RegionDirectory<Role> {
        stores.mapStores(role)
    }

    /// Migrates every store, in region order.
    public func migrate() async throws {
        for store in allStores { try await store.migrate() }
    }
}
