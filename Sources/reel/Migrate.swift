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
        let platform = try Platform(configuration: configuration, logger: common.logger("reel.migrate"))
        try await platform.migrate()
        try await platform.withStoresRunning {
            for store in platform.router.allStores {
                print("region \(store.region.code): \(store.location) migrated (\(try await store.tableNames().count) tables)")
            }
            print("public index: \(platform.publicIndex.location) migrated")
        }
    }
}
