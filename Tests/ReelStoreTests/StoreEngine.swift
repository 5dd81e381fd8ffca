import Foundation
import Logging
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

    /// A URL for a fresh, empty schema of `database` on the test server (created by the first migrate()).
    static func freshPostgresURL(database: String) throws -> String {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
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
