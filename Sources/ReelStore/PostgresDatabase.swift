import Foundation
import Logging
import PostgresNIO
import ReelCore

/// One PostgreSQL database (or one schema of it) reached through a connection pool, with the
/// transaction and migration plumbing shared by ``PostgresRegionStore`` and ``PostgresPublicIndex``.
///
/// The pool (`PostgresClient`) lends connections only while ``run()`` runs: the engines are
/// ServiceLifecycle services that call it, so the application's service group owns its lifetime.
/// ``migrate(_:)`` brings a short-lived client of its own, so migrating works before that group
/// starts (a client runs only once).
final class PostgresDatabase: Sendable {
    let client: PostgresClient
    private let configuration: PostgresClient.Configuration
    let logger: Logger
    /// The URL without its password, for operators.
    let location: String
    /// Counts failed queries and transactions by the store method that ran them.
    let errors: StoreErrorCounter

    /// Creates the pool for `url` (see ``PostgresURL``); nothing connects until ``run()``.
    init(url: String, logger: Logger, errors: StoreErrorCounter) throws {
        self.errors = errors
        let parsed = try PostgresURL(url)
        configuration = parsed.configuration
        client = PostgresClient(configuration: parsed.configuration, backgroundLogger: logger)
        self.logger = logger
        location = parsed.redacted
        schema = parsed.schema
    }

    /// The schema named by the URL's `search_path`, created by ``migrate(_:)`` when missing.
    let schema: String?

    /// Runs the pool until the task is cancelled (graceful shutdown).
    func run() async {
        await client.run()
    }

    /// Runs `body` in one transaction (BEGIN … COMMIT, ROLLBACK on error) and rethrows the body's own
    /// error, not postgres-nio's wrapper, so ``ReelError`` values reach the caller unchanged.
    /// A failure is counted against `operation`, the calling store method.
    func transaction<Result: Sendable>(operation: String = #function,
                                       _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do { return try await transaction(on: client, body) } catch {
            errors.record(error, operation: operation)
            throw error
        }
    }

    private func transaction<Result: Sendable>(on client: PostgresClient, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    /// Runs one statement and returns every row (for small results). A failure is counted against
    /// `operation`, the calling store method.
    @discardableResult
    func rows(_ query: PostgresQuery, operation: String = #function) async throws -> [PostgresRow] {
        do { return try await client.query(query, logger: logger).collect() } catch {
            errors.record(error, operation: operation)
            throw error
        }
    }

    /// Applies, in order, every migration whose version is not yet in `schema_migrations`, each in
    /// its own transaction, holding an advisory lock so processes starting together do not race.
    /// Runs on a client of its own, started and stopped here.
    func migrate(_ migrations: [PostgresMigration]) async throws {
        // Its first query may race its run() by a moment, which postgres-nio reports as a warning: not worth one.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            do {
                try await migrate(migrations, on: client)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    private func migrate(_ migrations: [PostgresMigration], on client: PostgresClient) async throws {
        for migration in migrations {
            try await transaction(on: client) { connection in
                // Everything below runs under the lock, even IF NOT EXISTS, which is not safe concurrently. The lock is
                // per schema (hashtext of its name as the second key): stores in other schemas of the database
                // migrate at the same time instead of queueing behind one another.
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock), hashtext(\(schema ?? "")))", logger: logger)
                if let schema {
                    // The name was checked to be a plain identifier (PostgresURL), so quoting it is enough.
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: logger)
                }
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)
                    """, logger: logger)
                let applied = try await connection.query("SELECT 1 FROM schema_migrations WHERE version = \(migration.version)",
                                                         logger: logger).collect()
                guard applied.isEmpty else { return }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("""
                    INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(Date().timeIntervalSince1970))
                    """, logger: logger)
            }
        }
    }

    /// Names of the tables in the current schema, sorted (without `schema_migrations`).
    func tableNames() async throws -> [String] {
        try await rows("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
            ORDER BY table_name
            """).map { try $0.decode(String.self) }
    }

    /// First key of the advisory lock taken while migrating (any constant shared by every Reel process); the
    /// second is the schema's `hashtext` (PostgreSQL's two-key form, `pg_advisory_xact_lock(int4, int4)`).
    private static let migrationLock: Int32 = 0x5245_454C

    /// Whether `error` is a unique violation (SQLSTATE 23505); returns the violated constraint's name.
    static func uniqueViolation(_ error: any Error) -> String? {
        guard let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" else { return nil }
        return error.serverInfo?[.constraintName] ?? ""
    }
}

/// One versioned schema step of a PostgreSQL engine. Shipped steps are never edited, only followed.
struct PostgresMigration: Sendable {
    /// The version recorded in `schema_migrations`.
    var version: String
    /// Constant SQL statements, run in order in one transaction.
    var statements: [String]
}

extension ReelID {
    /// The ID as PostgreSQL stores it: a BIGINT with the same 64 bits.
    var bits: Int64 { Int64(bitPattern: rawValue) }

    /// The ID stored as `bits`.
    init(bits: Int64) { self.init(rawValue: UInt64(bitPattern: bits)) }
}

extension PostgresRandomAccessRow {
    /// The column `name` decoded as `T` (an optional `T` for nullable columns).
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }

    /// The column `name` (a BIGINT) as an ID.
    func id(_ name: String) throws -> ReelID {
        ReelID(bits: try value(name, as: Int64.self))
    }

    /// The column `name` (Unix seconds) as a date.
    func date(_ name: String) throws -> Date {
        Date(timeIntervalSince1970: try value(name, as: Double.self))
    }
}
