import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelStore

/// Everything the services share, assembled once at start-up: configuration, the per-region
/// stores, media folders and ID generators, and the public index.
public struct Platform: Sendable {
    /// Resolved configuration.
    public let configuration: ReelConfiguration
    /// Region stores, found by ID.
    public let router: RegionRouter
    /// Worldwide index of public content.
    public let publicIndex: any PublicIndexStore
    let generators: [Int: IDGenerator]
    let mediaStores: [Int: DiskMediaStore]
    let logger: Logger

    /// Opens every store under the configured data directory without migrating (see ``migrate()``).
    public init(configuration: ReelConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        router = try RegionRouter(map: configuration.regions, dataDirectory: configuration.dataDirectory)
        publicIndex = try PublicIndex(databaseURL: configuration.publicIndexURL)
        var generators: [Int: IDGenerator] = [:]
        var mediaStores: [Int: DiskMediaStore] = [:]
        for region in configuration.regions.regions {
            generators[region.index] = IDGenerator(regionIndex: region.index)
            let root = RegionRouter.regionDirectory(configuration.dataDirectory, region.code).appendingPathComponent("media", isDirectory: true)
            mediaStores[region.index] = try DiskMediaStore(root: root)
        }
        self.generators = generators
        self.mediaStores = mediaStores
    }

    /// Creates or upgrades the schema of every region store and of the public index.
    public func migrate() async throws {
        try await router.migrate()
        try await publicIndex.migrate()
    }

    /// A new ID owned by `region`.
    func newID(in region: RegionDefinition) -> ReelID {
        generators[region.index]!.next()
    }

    /// The region definition that owns an ID.
    /// - Throws: ``ReelError`` not found for an ID of no configured region.
    func region(of id: ReelID) throws -> RegionDefinition {
        guard let region = configuration.regions.region(of: id) else { throw ReelError.notFound("resource") }
        return region
    }

    /// The media folder of the region that owns `id`.
    func mediaStore(for id: ReelID) throws -> DiskMediaStore {
        guard let store = mediaStores[id.regionIndex] else { throw ReelError.notFound("video") }
        return store
    }
}
