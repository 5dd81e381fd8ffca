import ArgumentParser
import Foundation
import ReelCore
import ReelServer
import ReelStore

/// `reel migrate`: creates or upgrades every region database and the public index.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade every store's schema, then exit.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try common.configuration()
        let stores = try StoreAssembly(configuration: configuration, logger: common.logger("reel.migrate"))
        try await stores.migrate()
        try await stores.withStoresRunning {
            for store in stores.router.allStores {
                print("region \(store.region.code): \(store.location) migrated (\(try await store.tableNames().count) tables)")
            }
            print("public index: \(stores.publicIndex.location) migrated")
        }
    }
}
