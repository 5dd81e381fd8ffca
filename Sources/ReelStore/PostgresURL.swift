import Foundation
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database` URL turned into a client configuration.
///
/// Query parameters: `sslmode` (`disable`, the default on loopback hosts; `prefer`, the default
/// elsewhere; `require`) and `search_path` (a schema to work in, e.g. one per test).
struct PostgresURL: Sendable {
    /// The client configuration.
    var configuration: PostgresClient.Configuration
    /// The URL without its password (safe to log).
    var redacted: String
    /// The schema to work in (`search_path`), if the URL names one: letters, digits and `_` only.
    var schema: String?

    /// Parses `text`.
    /// - Throws: ``PostgresURLError`` when it is not a usable PostgreSQL URL.
    init(_ text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw PostgresURLError(message: "Expected postgres://user[:password]@host[:port]/database.")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty else { throw PostgresURLError(message: "The PostgreSQL URL names no database.") }
        let items = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let isLoopback = host == "localhost" || host.hasPrefix("127.") || host == "::1"
        let tls: PostgresClient.Configuration.TLS
        switch items["sslmode"] ?? (isLoopback ? "disable" : "prefer") {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        case let other: throw PostgresURLError(message: "Unsupported sslmode \(other): use disable, prefer or require.")
        }
        var configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                         password: components.password, database: database, tls: tls)
        if let schema = items["search_path"], !schema.isEmpty {
            guard schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw PostgresURLError(message: "The search_path \(schema) must be letters, digits and underscores.")
            }
            configuration.options.additionalStartupParameters = [("search_path", schema)]
            self.schema = schema
        }
        self.configuration = configuration
        var shown = components
        shown.password = nil
        redacted = shown.string ?? "postgres://\(host)/\(database)"
    }
}

/// A configured PostgreSQL URL that cannot be used.
struct PostgresURLError: Error, CustomStringConvertible {
    /// What is wrong, as a sentence.
    var message: String
    var description: String { message }
}
