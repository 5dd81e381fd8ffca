import Foundation
import Logging
import PostgresNIO
import ReelCore
import Testing

/// The throw-away PostgreSQL cluster `make test` starts (Tests/Postgres/start-postgres.sh), read from
/// `REEL_TEST_POSTGRES_URL`: one database per region (`reel_<region>`) and `reel_public`. Test apps
/// work in fresh schemas of those databases; this type also reads them as an auditor would.
enum PostgresTestServer {
    /// The database of region `code` on the test server.
    static func database(of code: RegionCode) -> String { "reel_\(code.rawValue)" }

    /// The public index's database on the test server.
    static let publicDatabase = "reel_public"

    /// Every database a test app may write to.
    static var databases: [String] { RegionMap.standard.regions.map { database(of: $0.code) } + [publicDatabase] }

    /// The server URL without a database (`postgres://user@host:port`); cancels the test when it is
    /// not set, or fails it on CI.
    static func serverURL() throws -> String {
        if let url = ProcessInfo.processInfo.environment["REEL_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        try skipOrFail("REEL_TEST_POSTGRES_URL is not set, so this case did not run on PostgreSQL + S3: run `make test`, or start "
                       + "Tests/Postgres/start-postgres.sh and export the URL it prints (and the S3 variables).")
    }

    static let logger: Logger = {
        var logger = Logger(label: "reel.test.postgres")
        logger.logLevel = .error
        return logger
    }()

    /// Runs `body` on one new connection to `database` of the test server, then closes it.
    static func withConnection<Value: Sendable>(to database: String, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        let url = try #require(URLComponents(string: try serverURL()))
        var configuration = PostgresConnection.Configuration(host: url.host ?? "127.0.0.1", port: url.port ?? 5432,
                                                             username: url.user ?? "reel", password: url.password,
                                                             database: database, tls: .disable)
        // The suite runs many cases at once on two cores: the default 10 s can pass before the server answers.
        configuration.options.connectTimeout = .seconds(60)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Drops `schemas` (with everything in them) from every test database.
    static func dropSchemas(_ schemas: [String]) async throws {
        for database in databases {
            try await withConnection(to: database) { connection in
                for schema in schemas {
                    try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"), logger: logger)
                }
            }
        }
    }

    /// The user schemas of `database` (everything but PostgreSQL's own).
    static func schemas(of connection: PostgresConnection) async throws -> [String] {
        try await connection.query("""
            SELECT nspname::text FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'
            ORDER BY nspname
            """, logger: logger).collect().map { try $0.decode(String.self) }
    }

    /// Every row of every table of `schema`, each as PostgreSQL's text form of the whole row
    /// (`row::text`, every column's value), by table name. A table that another test case drops
    /// while it is read (its schema is dropped at the end of that case) is left out: it held only
    /// that case's data.
    static func dump(_ schema: String, on connection: PostgresConnection) async throws -> [String: [String]] {
        let tables = try await connection.query("""
            SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(schema) AND table_type = 'BASE TABLE'
            """, logger: logger).collect().map { try $0.decode(String.self) }
        var rows: [String: [String]] = [:]
        for table in tables {
            do {
                rows[table] = try await connection.query(PostgresQuery(unsafeSQL: "SELECT t::text FROM \"\(schema)\".\"\(table)\" t"),
                                                         logger: logger).collect().map { try $0.decode(String.self) }
            } catch let error as PSQLError where ["42P01", "3F000"].contains(error.serverInfo?[.sqlState]) {
                continue  // undefined_table, invalid_schema_name: dropped meanwhile
            }
        }
        return rows
    }

    /// The names of the columns of every table of `schema`, by table.
    static func columns(of schema: String, on connection: PostgresConnection) async throws -> [String: [String]] {
        let rows = try await connection.query("""
            SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = \(schema) ORDER BY ordinal_position
            """, logger: logger).collect()
        var columns: [String: [String]] = [:]
        for row in rows {
            let (table, column) = try row.decode((String, String).self)
            columns[table, default: []].append(column)
        }
        return columns
    }

    /// Whether `row` (a ``dump(_:on:)`` row) has `id` as one of its values.
    static func row(_ row: String, mentions id: ReelID) -> Bool {
        let value = "\(Int64(bitPattern: id.rawValue))"
        return ["(\(value),", ",\(value),", ",\(value))", "(\(value))"].contains { row.contains($0) }
    }

    /// Every row of `schema` in every test database, by database and table.
    static func dumpEverywhere(_ schema: String) async throws -> [String: [String: [String]]] {
        var rows: [String: [String: [String]]] = [:]
        for database in databases {
            rows[database] = try await withConnection(to: database) { connection in try await dump(schema, on: connection) }
        }
        return rows
    }
}
