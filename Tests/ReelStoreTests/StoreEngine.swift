import Foundation
import Logging
import PostgresNIO
import Synchronization
import ReelCore
@testable import ReelStore
import Testing

/// A storage engine the store suites run against (`@Test(arguments: StoreEngine.all)`).
///
/// PostgreSQL needs `REEL_TEST_POSTGRES_URL` (set by `make test`, which starts a throw-away cluster
/// with Tests/Postgres/start-postgres.sh). Without it the PostgreSQL cases are skipped, visibly, or
/// fail when `CI=true`, so CI never passes without having run them.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let all = allCases

    var testDescription: String { rawValue }

    /// The server URL (no database) for PostgreSQL cases; cancels (skips) the case or fails it.
    static func postgresServerURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["REEL_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if environment["CI"] == "true" {
            throw StoreEngineUnavailable(message: """
                REEL_TEST_POSTGRES_URL is not set, but CI=true requires the PostgreSQL cases: run `make test`, \
                or start Tests/Postgres/start-postgres.sh and export the URL it prints.
                """)
        }
        _ = skipNotice
        try Test.cancel(skipMessage)
    }

    private static let skipMessage: Testing.Comment = "PostgreSQL cases skipped: REEL_TEST_POSTGRES_URL is not set (make test sets it)."

    /// Printed once per run, because the console output does not list cancelled cases.
    private static let skipNotice: Void = {
        FileHandle.standardError.write(Data("⚠️ \(skipMessage.rawValue)\n".utf8))
    }()

    /// A URL for a fresh, empty schema of `database` on the test server (created by the first migrate()),
    /// dropped when the test case ends if its suite has the ``Trait/dropsPostgresSchemas`` trait.
    static func freshPostgresURL(database: String) throws -> String {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        PostgresScratch.current?.register(database: database, schema: schema)
        return "\(try postgresServerURL())/\(database)?search_path=\(schema)"
    }

    static let logger: Logger = {
        var logger = Logger(label: "reel.store.test")
        // The pools start in a task of their own, so the first query may wait a moment for run(): not worth a warning.
        logger.logLevel = .error
        return logger
    }()
}

/// The PostgreSQL cases cannot run.
struct StoreEngineUnavailable: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs PostgreSQL engines' connection pools for the lifetime of a fixture.
final class PoolRunner: Sendable {
    private let tasks = Mutex<[Task<Void, any Error>]>([])

    init(_ services: [@Sendable () async throws -> Void]) {
        for service in services { add(service) }
    }

    /// Starts running one more pool.
    func add(_ service: @escaping @Sendable () async throws -> Void) {
        let task = Task { try await service() }
        tasks.withLock { $0.append(task) }
    }

    /// Cancels every pool (each closes its connections).
    func stop() { tasks.withLock { for task in $0 { task.cancel() } } }
}

/// The PostgreSQL schemas the fixtures of one test case made; ``Trait/dropsPostgresSchemas`` drops
/// them when the case ends, passed or failed, so a test server used again and again stays clean.
final class PostgresScratch: Sendable {
    /// The scratch of the running test case.
    @TaskLocal static var current: PostgresScratch?

    private let schemas = Mutex<[(database: String, schema: String)]>([])

    func register(database: String, schema: String) { schemas.withLock { $0.append((database, schema)) } }

    /// Drops every registered schema with everything in it, one connection per database.
    func dropAll() async {
        let taken = schemas.withLock { schemas in
            defer { schemas = [] }
            return schemas
        }
        guard !taken.isEmpty, let server = try? StoreEngine.postgresServerURL(), let url = URLComponents(string: server) else { return }
        for database in Set(taken.map(\.database)) {
            let owned = taken.filter { $0.database == database }.map(\.schema)
            // A loaded machine can drop a connection or time it out: try again before giving up.
            var failures: [String] = []
            for attempt in 0 ..< 4 {
                if attempt > 0 { try? await Task.sleep(for: .seconds(1 << attempt)) }
                do {
                    try await Self.drop(owned, in: database, server: url)
                    failures = []
                    break
                } catch {
                    failures.append(String(reflecting: error))
                }
            }
            if !failures.isEmpty {
                Issue.record("Dropping the test's PostgreSQL schemas in \(database) failed 4 times: \(failures.joined(separator: "; "))")
            }
        }
    }

    /// Drops `schemas` (with everything in them) in `database` over one connection, closed whatever happens.
    private static func drop(_ schemas: [String], in database: String, server url: URLComponents) async throws {
        var configuration = PostgresConnection.Configuration(host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: url.user ?? "reel",
                                                             password: url.password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(60)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: StoreEngine.logger)
        do {
            for schema in schemas {
                try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"), logger: StoreEngine.logger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

/// Gives each test case its own ``PostgresScratch`` and drops it when the case ends.
struct PostgresScratchTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> PostgresScratchTrait? {
        testCase == nil ? nil : self
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let scratch = PostgresScratch()
        try await PostgresScratch.$current.withValue(scratch) {
            do {
                try await function()
            } catch {
                await scratch.dropAll()
                throw error
            }
            await scratch.dropAll()
        }
    }
}

extension Trait where Self == PostgresScratchTrait {
    /// The fresh PostgreSQL schemas of each test case are dropped when it ends.
    static var dropsPostgresSchemas: Self { PostgresScratchTrait() }
}
