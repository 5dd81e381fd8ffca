import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("RegionRouter")
struct RegionRouterTests {
    @Test("store(for: id) picks the store of the ID's region", arguments: [1, 2, 3])
    func picksByRegion(_ index: Int) throws {
        let f = try StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        let store = try router.store(for: IDGenerator(regionIndex: index).next())
        #expect(store.region.index == index)
        #expect(store === router.allStores.first { $0.region.index == index })
    }

    @Test("an ID of an unconfigured region is not found (404)", arguments: [0, 4, 17, 31])
    func unknownRegion(_ index: Int) async throws {
        let f = try StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        await expectReelError("not_found", kind: .notFound) { _ = try router.store(for: IDGenerator(regionIndex: index).next()) }
    }

    @Test("stores by code, one file per region under the data directory")
    func storesByCode() throws {
        let f = try StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        #expect(router.allStores.map(\.region.code) == ["us", "eu", "global"])
        #expect(router.store(for: "eu") === f.eu)
        #expect(router.store(for: "mars") == nil)
        for store in router.allStores {
            #expect(store.databaseURL.path.hasPrefix(f.directory.path))
            #expect(store.databaseURL.deletingLastPathComponent().lastPathComponent == store.region.code.rawValue)
            #expect(FileManager.default.fileExists(atPath: store.databaseURL.path))
        }
        #expect(Set(router.allStores.map(\.databaseURL)).count == 3)
    }

    @Test("data written through the router lands only in the owner's file")
    func routedWrite() async throws {
        let f = try StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        let euUser = f.euIDs.next()
        try await router.store(for: euUser).insertAccount(f.account(euUser, handle: "eu_person"))
        #expect(try await f.eu.account(id: euUser)?.handle == "eu_person")
        #expect(try f.rowCount("users", in: f.eu) == 1)
        #expect(try f.rowCount("users", in: f.us) == 0)
    }
}
