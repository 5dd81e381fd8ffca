import CoreMetrics
import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelStore
import ServiceLifecycle

/// Everything the services share, assembled once at start-up: configuration, the per-region
/// stores, media folders and ID generators, and the public index.
public struct Platform: Sendable {
    /// Resolved configuration.
    public let configuration: ReelConfiguration
    /// Region stores, found by ID.
    public let router: RegionRouter
    /// Worldwide index of public content.
    public let publicIndex: any PublicIndexStore
    /// Engines whose connection pools must run as services (the PostgreSQL ones; empty on SQLite alone).
    public let storeServices: [any Service]
    let generators: [Int: IDGenerator]
    /// Each region's media store (disk or S3, as configured), by region index.
    let mediaStores: [Int: any MediaStore]
    let logger: Logger

    /// Opens every store without migrating (see ``migrate()``): PostgreSQL where the configuration
    /// gives a `postgres://` URL, SQLite under the data directory otherwise.
    /// - Parameter metrics: where the stores count their errors (`reel_store_errors_total`).
    public init(configuration: ReelConfiguration, logger: Logger, metrics: any MetricsFactory = MetricsSystem.factory) throws {
        self.configuration = configuration
        self.logger = logger
        var stores: [Int: any RegionStore] = [:]
        var services: [any Service] = []
        for region in configuration.regions.regions {
            if let url = configuration.databaseURLs[region.code] {
                let store = try PostgresRegionStore(region: region, url: url, logger: logger, metrics: metrics)
                stores[region.index] = store
                services.append(store)
            } else {
                stores[region.index] = try SQLiteRegionStore(region: region,
                                                             databaseURL: RegionRouter.sqliteURL(configuration.dataDirectory, region.code),
                                                             metrics: metrics)
            }
        }
        router = RegionRouter(map: configuration.regions, stores: stores)
        if let url = configuration.publicDatabaseURL {
            let index = try PostgresPublicIndex(url: url, logger: logger, metrics: metrics)
            publicIndex = index
            services.append(index)
        } else {
            publicIndex = try PublicIndex(databaseURL: configuration.publicIndexURL, metrics: metrics)
        }
        storeServices = services
        var generators: [Int: IDGenerator] = [:]
        var mediaStores: [Int: any MediaStore] = [:]
        for region in configuration.regions.regions {
            generators[region.index] = IDGenerator(regionIndex: region.index)
            let root = RegionRouter.regionDirectory(configuration.dataDirectory, region.code).appendingPathComponent("media", isDirectory: true)
            if let s3 = configuration.s3Media[region.code] {
                mediaStores[region.index] = try S3MediaStore(configuration: s3, scratchRoot: root.appendingPathComponent("scratch", isDirectory: true))
                logger.info("media on S3", metadata: ["region": "\(region.code)", "s3": "\(s3)"])
            } else {
                mediaStores[region.index] = try DiskMediaStore(root: root)
            }
        }
        self.generators = generators
        self.mediaStores = mediaStores
    }

    /// Creates or upgrades the schema of every region store and of the public index.
    public func migrate() async throws {
        try await router.migrate()
        try await publicIndex.migrate()
    }

    /// Runs `body` with the stores' connection pools running (for commands that use the stores
    /// outside the server's service group: `reel migrate`, `reel seed`), then stops the pools.
    public func withStoresRunning<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in storeServices { group.addTask { try await service.run() } }
            do {
                let result = try await body()
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
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

    /// The media store of the region that owns `id`.
    func mediaStore(for id: ReelID) throws -> any MediaStore {
        guard let store = mediaStores[id.regionIndex] else { throw ReelError.notFound("video") }
        return store
    }
}
