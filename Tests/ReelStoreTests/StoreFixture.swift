import Foundation
import GRDB
import ReelCore
import ReelStore
import Testing

/// Fresh US and EU region stores on real SQLite files in a new temporary directory; every test
/// makes its own, so no state is shared. Opening a database costs a few fsyncs, so the router
/// (all three regions) is opened only for the tests that ask for it.
struct StoreFixture {
    let directory = makeTemporaryDirectory()
    let router: RegionRouter?
    let us: SQLiteRegionStore
    let eu: SQLiteRegionStore
    let usIDs = IDGenerator(regionIndex: 1)
    let euIDs = IDGenerator(regionIndex: 2)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init(withRouter: Bool = false) async throws {
        if withRouter {
            let router = try RegionRouter(map: .standard, dataDirectory: directory)
            try await router.migrate()
            self.router = router
            us = try #require(router.store(for: "us") as? SQLiteRegionStore)
            eu = try #require(router.store(for: "eu") as? SQLiteRegionStore)
        } else {
            router = nil
            let map = RegionMap.standard
            let directory = directory
            func open(_ code: RegionCode) throws -> SQLiteRegionStore {
                try SQLiteRegionStore(region: try #require(map.definition(for: code)),
                                      databaseURL: RegionRouter.regionDirectory(directory, code).appendingPathComponent("region.sqlite"))
            }
            us = try open("us")
            eu = try open("eu")
            try await us.migrate()
            try await eu.migrate()
        }
    }

    func account(_ id: ReelID, handle: String, email: String? = nil) -> Account {
        Account(id: id, handle: handle, email: email ?? "\(handle)@example.com", passwordHash: "$2b$04$notarealhash", country: "US",
                birthDate: "1990-01-01", displayName: handle, isPrivate: false, createdAt: now)
    }

    func watch(_ key: String, user: ReelID, video: ReelID, completed: Bool = true, at: Date? = nil) -> WatchEvent {
        WatchEvent(clientEventID: key, userID: user, videoID: video, watchedMs: completed ? 10_000 : 2_000, durationMs: 10_000,
                   completed: completed, replayed: false, at: at ?? now)
    }

    /// Rows in `table` of a store's file, read through a separate connection as an auditor would.
    func rowCount(_ table: String, in store: SQLiteRegionStore) throws -> Int {
        let queue = try DatabaseQueue(path: store.databaseURL.path)
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

/// A fresh public index on a real SQLite file in a new temporary directory.
struct IndexFixture {
    let directory = makeTemporaryDirectory()
    let index: PublicIndex
    let usIDs = IDGenerator(regionIndex: 1)
    let euIDs = IDGenerator(regionIndex: 2)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        index = try PublicIndex(databaseURL: directory.appendingPathComponent("public/public.sqlite"))
        try await index.migrate()
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

func makeTemporaryDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("reel-store-tests-\(UUID().uuidString)", isDirectory: true)
}

/// Runs `body` and checks it throws a ``ReelError`` with `code` (and `kind`, when given).
func expectReelError(_ code: String, kind: ReelError.Kind? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () async throws -> Void) async {
    do {
        try await body()
        Issue.record("expected \(code), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as ReelError {
        #expect(error.code == code, sourceLocation: sourceLocation)
        if let kind { #expect(error.kind == kind, sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected ReelError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}
