import CoreMetrics
import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelStore
import ServiceLifecycle

/// Every store of the deployment, opened from configuration: one region store per region (the
/// engine each region's configuration names), the public index and each region's media store.
///
/// Only the app's assembly (``buildServices(configuration:logger:)``) and the `reel` commands hold
/// it: they migrate the stores, run their connection pools, and hand each service a
/// ``RegionDirectory`` of the one role it uses. Services never see this type or an engine type.
public struct StoreAssembly: Sendable {
    /// Region stores, found by ID.
    public let router: RegionRouter
    /// Worldwide index of public content.
    public let publicIndex: any PublicIndexStore
    /// Each region's media store (disk or S3, as configured).
    public let media: RegionDirectory<any MediaStore>
    /// Engines whose connection pools must run as services (the PostgreSQL ones; empty on SQLite alone).
    public let storeServices: [any Service]

    /// Opens every store without migrating (see ``migrate()``): PostgreSQL where the configuration
    /// gives a `postgres://` URL, SQLite under the data directory otherwise; S3 media where a region
    /// names a bucket, a folder under the data directory otherwise.
    /// - Parameter metrics: where the stores count their errors (`reel_store_errors_total`).
    public init(configuration: ReelConfiguration, logger: Logger, metrics: any MetricsFactory = MetricsSystem.factory) throws {
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
        var mediaStores: [Int: any MediaStore] = [:]
        for region in configuration.regions.regions {
            let root = RegionRouter.regionDirectory(configuration.dataDirectory, region.code).appendingPathComponent("media", isDirectory: true)
            if let s3 = configuration.s3Media[region.code] {
                mediaStores[region.index] = try S3MediaStore(configuration: s3, scratchRoot: root.appendingPathComponent("scratch", isDirectory: true))
                logger.info("media on S3", metadata: ["region": "\(region.code)", "s3": "\(s3)"])
            } else {
                mediaStores[region.index] = try DiskMediaStore(root: root)
            }
        }
        media = RegionDirectory(regions: configuration.regions, stores: mediaStores)
    }

    /// Every region's store seen in one role, e.g. `stores.regions { $0 as any VideoStore }`.
    public func regions<Role: Sendable>(_ role: (any RegionStore) -> Role) -> RegionDirectory<Role> {
        router.directory(role)
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
}
