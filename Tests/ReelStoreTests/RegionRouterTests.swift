import Foundation
import ReelCore
import ReelStore
import Testing

@Suite("RegionRouter")
struct RegionRouterTests {
    @Test("store(for: id) picks the store of the ID's region", arguments: [1, 2, 3])
    func picksByRegion(_ index: Int) async throws {
        let f = try await StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        let store = try router.store(for: IDGenerator(regionIndex: index).next())
        #expect(store.region.index == index)
        #expect(store === router.allStores.first { $0.region.index == index })
    }

    @Test("an ID of an unconfigured region is not found (404)", arguments: [0, 4, 17, 31])
    func unknownRegion(_ index: Int) async throws {
        let f = try await StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        await expectReelError("not_found", kind: .notFound) { _ = try router.store(for: IDGenerator(regionIndex: index).next()) }
    }

    @Test("stores by code, one file per region under the data directory")
    func storesByCode() async throws {
        let f = try await StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        #expect(router.allStores.map(\.region.code) == ["us", "eu", "global"])
        #expect(router.store(for: "eu") === f.eu)
        #expect(router.store(for: "mars") == nil)
        for store in router.allStores {
            let url = URL(fileURLWithPath: store.location)
            #expect(url.path.hasPrefix(f.directory.path))
            #expect(url.deletingLastPathComponent().lastPathComponent == store.region.code.rawValue)
            #expect(FileManager.default.fileExists(atPath: url.path))
        }
        #expect(Set(router.allStores.map(\.location)).count == 3)
    }

    @Test("data written through the router lands only in the owner's file")
    func routedWrite() async throws {
        let f = try await StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        let euUser = f.euIDs.next()
        try await router.store(for: euUser).insertAccount(f.account(euUser, handle: "eu_person"))
        #expect(try await f.eu.account(id: euUser)?.handle == "eu_person")
        #expect(try await f.rowCount("users", in: f.eu) == 1)
        #expect(try await f.rowCount("users", in: f.us) == 0)
    }

    @Test("a service's one-role directory reaches the same region store as the router, and writes through it stay in the owner's file")
    func roleDirectory() async throws {
        let f = try await StoreFixture(withRouter: true)
        let router = try #require(f.router)
        defer { f.cleanUp() }
        let accounts = router.directory { $0 as any AccountStore }
        #expect(accounts.entries.map(\.region.code) == ["us", "eu", "global"])
        for index in 1...3 {
            let id = IDGenerator(regionIndex: index).next()
            #expect(try accounts.store(for: id) as AnyObject === router.store(for: id))
        }
        await expectReelError("not_found", kind: .notFound) { _ = try accounts.store(for: IDGenerator(regionIndex: 4).next()) }
        let euUser = f.euIDs.next()
        try await accounts.store(for: euUser).insertAccount(f.account(euUser, handle: "eu_role"))
        #expect(try await f.rowCount("users", in: f.eu) == 1)
        #expect(try await f.rowCount("users", in: f.us) == 0)
    }

    @Test("opening stores leaves their schema alone; migrate() creates it, and again changes nothing")
    func migrateIsSeparate() async throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let router = try RegionRouter(map: .standard, dataDirectory: directory)
        let index = try PublicIndex(databaseURL: directory.appendingPathComponent("public/public.sqlite"))
        for store in router.allStores { #expect(try await store.tableNames().isEmpty) }
        #expect(try await index.schema().isEmpty)
        try await router.migrate()
        try await index.migrate()
        let tables = try await router.allStores.first?.tableNames()
        #expect(tables?.contains("users") == true)
        #expect(try await index.schema()["videos"] != nil)
        try await router.migrate()
        try await index.migrate()
        #expect(try await router.allStores.first?.tableNames() == tables)
    }
}
