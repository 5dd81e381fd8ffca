import Foundation
import ReelCore

/// Picks the store of a region from an ID alone (the region bits of every ``ReelID``).
public struct RegionRouter: Sendable {
    /// The regions and country map.
    public let map: RegionMap
    private let stores: [Int: SQLiteRegionStore]

    /// Opens one store per region under `dataDirectory/<code>/region.sqlite`.
    public init(map: RegionMap, dataDirectory: URL) throws {
        self.map = map
        var stores: [Int: SQLiteRegionStore] = [:]
        for region in map.regions {
            let url = Self.regionDirectory(dataDirectory, region.code).appendingPathComponent("region.sqlite")
            stores[region.index] = try SQLiteRegionStore(region: region, databaseURL: url)
        }
        self.stores = stores
    }

    /// The folder that holds everything of one region.
    public static func regionDirectory(_ dataDirectory: URL, _ code: RegionCode) -> URL {
        dataDirectory.appendingPathComponent(code.rawValue, isDirectory: true)
    }

    /// The store that owns `id`.
    /// - Throws: ``ReelError`` not found when the ID names no configured region (a forged or foreign ID).
    public func store(for id: ReelID) throws -> SQLiteRegionStore {
        guard let store = stores[id.regionIndex] else { throw ReelError.notFound("resource") }
        return store
    }

    /// The store of a region by code.
    public func store(for code: RegionCode) -> SQLiteRegionStore? {
        map.definition(for: code).flatMap { stores[$0.index] }
    }

    /// Every store, ordered by region index.
    public var allStores: [SQLiteRegionStore] { map.regions.compactMap { stores[$0.index] } }
}
