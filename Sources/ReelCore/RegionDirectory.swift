import Foundation

/// One store per region for one role (accounts, videos, media, …), found from an ID alone (the
/// region bits of every ``ReelID``) or from a region code.
///
/// Services hold a directory of exactly the role they use — `RegionDirectory<any VideoStore>`,
/// `RegionDirectory<any MediaStore>` — never the engine or the region's whole store, so what a
/// service may touch is written in its type. The app's assembly builds every directory from the
/// same opened stores.
public struct RegionDirectory<Store: Sendable>: Sendable {
    /// The regions and country map.
    public let regions: RegionMap
    private let stores: [Int: Store]

    /// A directory of `stores`, one per region of `regions`, keyed by region index.
    public init(regions: RegionMap, stores: [Int: Store]) {
        self.regions = regions
        self.stores = stores
    }

    /// The store of the region that owns `id`.
    /// - Throws: ``ReelError`` not found when the ID names no configured region (a forged or foreign ID).
    public func store(for id: ReelID) throws -> Store {
        guard let store = stores[id.regionIndex] else { throw ReelError.notFound("resource") }
        return store
    }

    /// The store of a region by code, or nil for an unknown code.
    public func store(for code: RegionCode) -> Store? {
        regions.definition(for: code).flatMap { stores[$0.index] }
    }

    /// Every region with its store, in region index order.
    public var entries: [(region: RegionDefinition, store: Store)] {
        regions.regions.compactMap { region in stores[region.index].map { (region, $0) } }
    }

    /// Every store, in region index order.
    public var all: [Store] { entries.map(\.store) }

    /// The same regions with each store seen through `role` (typically an upcast to a narrower protocol).
    public func mapStores<Role: Sendable>(_ role: (Store) throws -> Role) rethrows -> RegionDirectory<Role> {
        RegionDirectory<Role>(regions: regions, stores: try stores.mapValues(role))
    }
}
