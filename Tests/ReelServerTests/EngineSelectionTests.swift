import Foundation
import Logging
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// Which engine each store runs on is configuration: a `postgres://` URL per region and for the
/// public index (file or environment), SQLite when unset.
@Suite("Engine selection from configuration")
struct EngineSelectionTests {
    static let logger = Logger(label: "reel.test.engines")

    func directory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reel-engines-\(UUID().uuidString)", isDirectory: true)
    }

    @Test("REEL_<REGION>_DATABASE_URL and REEL_PUBLIC_DATABASE_URL put those stores on PostgreSQL; the rest stay SQLite")
    func environment() throws {
        let data = directory()
        defer { try? FileManager.default.removeItem(at: data) }
        let configuration = try ReelConfiguration.load(file: nil, environment: [
            "REEL_DATA_DIR": data.path, "REEL_WEB_DIR": "",
            "REEL_EU_DATABASE_URL": "postgres://reel:secret@db.example.com:5433/reel_eu",
            "REEL_PUBLIC_DATABASE_URL": "postgresql://reel@127.0.0.1/reel_public",
            "REEL_US_DATABASE_URL": "",
        ])
        #expect(configuration.databaseURLs == ["eu": "postgres://reel:secret@db.example.com:5433/reel_eu"])
        let stores = try StoreAssembly(configuration: configuration, logger: Self.logger)
        #expect(stores.router.store(for: "eu") is PostgresRegionStore)
        #expect(stores.router.store(for: "us") is SQLiteRegionStore)
        #expect(stores.router.store(for: "global") is SQLiteRegionStore)
        #expect(stores.publicIndex is PostgresPublicIndex)
        #expect(stores.storeServices.count == 2, "the PostgreSQL pools run as services")
        let location = try #require(stores.router.store(for: "eu")?.location)
        #expect(!location.contains("secret"), "the password never shows: \(location)")
    }

    @Test("nothing configured means SQLite everywhere and no pools to run")
    func defaults() throws {
        let data = directory()
        defer { try? FileManager.default.removeItem(at: data) }
        let configuration = try ReelConfiguration.load(file: nil, environment: ["REEL_DATA_DIR": data.path, "REEL_WEB_DIR": ""])
        let stores = try StoreAssembly(configuration: configuration, logger: Self.logger)
        #expect(stores.router.allStores.allSatisfy { $0 is SQLiteRegionStore })
        #expect(stores.publicIndex is PublicIndex)
        #expect(stores.storeServices.isEmpty)
    }

    @Test("the JSON file takes databaseURLs by region code and publicDatabaseURL; the environment overrides it")
    func file() throws {
        let data = directory()
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }
        let file = data.appendingPathComponent("reel.json")
        try Data("""
            {"databaseURLs": {"us": "postgres://reel@us-db/reel", "global": "postgres://reel@global-db/reel"},
             "publicDatabaseURL": "postgres://reel@public-db/reel"}
            """.utf8).write(to: file)
        let configuration = try ReelConfiguration.load(file: file.path, environment: [
            "REEL_DATA_DIR": data.path, "REEL_WEB_DIR": "", "REEL_GLOBAL_DATABASE_URL": "",
        ])
        #expect(configuration.databaseURLs == ["us": "postgres://reel@us-db/reel"])
        #expect(configuration.publicDatabaseURL == "postgres://reel@public-db/reel")
    }

    @Test("a database URL that is not postgres:// is invalid_config", arguments: [
        ["REEL_EU_DATABASE_URL": "mysql://reel@db/reel"],
        ["REEL_PUBLIC_DATABASE_URL": "/var/lib/reel/public.sqlite"],
    ])
    func invalid(_ environment: [String: String]) {
        #expect(throws: ReelError.self) {
            try ReelConfiguration.load(file: nil, environment: environment.merging(["REEL_WEB_DIR": ""]) { first, _ in first })
        }
        do {
            _ = try ReelConfiguration.load(file: nil, environment: environment.merging(["REEL_WEB_DIR": ""]) { first, _ in first })
        } catch let error as ReelError {
            #expect(error.code == "invalid_config")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
