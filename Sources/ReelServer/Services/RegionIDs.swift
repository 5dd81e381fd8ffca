import Foundation
import ReelCore

/// New IDs for each region, and the region that owns an ID: what every service that creates rows
/// needs from the region layout, without any store.
struct RegionIDs: Sendable {
    /// The regions and country map.
    let regions: RegionMap
    private let generators: [Int: IDGenerator]

    /// One ID generator per region of `regions`.
    init(regions: RegionMap) {
        self.regions = regions
        generators = Dictionary(uniqueKeysWithValues: regions.regions.map { ($0.index, IDGenerator(regionIndex: $0.index)) })
    }

    /// A new ID owned by `region`.
    func newID(in region: RegionDefinition) -> ReelID {
        generators[region.index]!.next()
    }

    /// The region definition that owns an ID.
    /// - Throws: ``ReelError`` not found for an ID of no configured region.
    func region(of id: ReelID) throws -> RegionDefinition {
        guard let region = regions.region(of: id) else { throw ReelError.notFound("resource") }
        return region
    }
}
