import Foundation
import GRDB
import PostgresNIO
import ReelCore
@testable import ReelStore
import Testing

/// Fresh US and EU region stores on the given engine: real SQLite files in a new temporary
/// directory, or fresh schemas of the test PostgreSQL server's `reel_us` and `reel_eu` databases.
/// Every test makes its own, so no state is shared. The router (SQLite, all three regions) is
/// opened only for the tests that ask for it.
struct StoreFixture {
    let engine: StoreEngine
    let directory = makeTemporaryDirectory()
    let router: RegionRouter?
    let us: any RegionStore
    let eu: any RegionStore
    let usIDs = IDGenerator(regionIndex: 1)
    let euIDs = IDGenerator(regionIndex: 2)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let pools: PoolRunner

    init(_ engine: StoreEngine = .sqlite, withRouter: Bool = false) async throws {
        self.engine = engine
        let map = RegionMap.standard
        if withRouter {
            let router = try RegionRouter(map: map, dataDirectory: directory)
            try await router.migrate()
            self.router = router
            us = try #require(router.store(for: "us"))
            eu = try #require(router.store(for: "eu"))
            pools = PoolRunner([])
            return
        }
        router = nil
        let usRegion = try #require(map.definition(for: "us")), euRegion = try #require(map.definition(for: "eu"))
        switch engine {
        case .sqlite:
            us = try SQLiteRegionStore(region: usRegion, databaseURL: RegionRouter.sqliteURL(directory, "us"))
            eu = try SQLiteRegionStore(region: euRegion, databaseURL: RegionRouter.sqliteURL(directory, "eu"))
            pools = PoolRunner([])
        case .postgres:
            let us = try PostgresRegionStore(region: usRegion, url: try StoreEngine.freshPostgresURL(database: "reel_us"), logger: StoreEngine.logger)
            let eu = try PostgresRegionStore(region: euRegion, url: try StoreEngine.freshPostgresURL(database: "reel_eu"), logger: StoreEngine.logger)
            pools = PoolRunner([us.run, eu.run])
            self.us = us
            self.eu = eu
        }
        try await us.migrate()
        try await eu.migrate()
    }

    /// The same store opened again, as a restarted server would (its pool runs until cleanUp()).
    func reopened(_ store: any RegionStore) async throws -> any RegionStore {
        if let sqlite = store as? SQLiteRegionStore {
            let reopened = try SQLiteRegionStore(region: sqlite.region, databaseURL: sqlite.databaseURL)
            try await reopened.migrate()
            return reopened
        }
        let postgres = try #require(store as? PostgresRegionStore)
        let url = try StoreEngine.postgresServerURL() + "/" + (postgres.database.location.split(separator: "/").last.map(String.init) ?? "")
        let reopened = try PostgresRegionStore(region: postgres.region, url: url, logger: StoreEngine.logger)
        pools.add(reopened.run)
        try await reopened.migrate()
        return reopened
    }

    func account(_ id: ReelID, handle: String, email: String? = nil) -> Account {
        Account(id: id, handle: handle, email: email ?? "\(handle)@example.com", passwordHash: "$2b$04$notarealhash", country: "US",
                birthDate: "1990-01-01", displayName: handle, isPrivate: false, createdAt: now)
    }

    func watch(_ key: String, user: ReelID, video: ReelID, completed: Bool = true, at: Date? = nil) -> WatchEvent {
        WatchEvent(clientEventID: key, userID: user, videoID: video, watchedMs: completed ? 10_000 : 2_000, durationMs: 10_000,
                   completed: completed, replayed: false, at: at ?? now)
    }

    /// Rows in `table` (named as in SQLite) of a store, read as an auditor would: through a separate
    /// connection to the SQLite file, or by SQL on the PostgreSQL schema (snake_case names).
    func rowCount(_ table: String, in store: any RegionStore) async throws -> Int {
        if let sqlite = store as? SQLiteRegionStore {
            let queue = try DatabaseQueue(path: sqlite.databaseURL.path)
            return try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
        }
        let postgres = try #require(store as? PostgresRegionStore)
        let name = Self.postgresTableNames[table] ?? table
        let rows = try await postgres.database.rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(name)"))
        return Int(try #require(rows.first).decode(Int64.self))
    }

    static let postgresTableNames = ["watchEvents": "watch_events", "notInterested": "not_interested", "transcodeJobs": "transcode_jobs"]

    func cleanUp() {
        pools.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A fresh public index on the given engine: a real SQLite file in a new temporary directory, or a
/// fresh schema of the test PostgreSQL server's `reel_public` database.
struct IndexFixture {
    let directory = makeTemporaryDirectory()
    let index: any PublicIndexStore
    private let pools: PoolRunner
    let usIDs = IDGenerator(regionIndex: 1)
    let euIDs = IDGenerator(regionIndex: 2)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init(_ engine: StoreEngine = .sqlite) async throws {
        switch engine {
        case .sqlite:
            index = try PublicIndex(databaseURL: directory.appendingPathComponent("public/public.sqlite"))
            pools = PoolRunner([])
        case .postgres:
            let index = try PostgresPublicIndex(url: try StoreEngine.freshPostgresURL(database: "reel_public"), logger: StoreEngine.logger)
            pools = PoolRunner([index.run])
            self.index = index
        }
        try await index.migrate()
    }

    func cleanUp() {
        pools.stop()
        try? FileManager.default.removeItem(at: directory)
    }
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
