import Foundation
import PostgresNIO
@testable import ReelStore
import Testing

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test("a URL gives host, port, user, password and database; the shown form drops the password")
    func parts() throws {
        let url = try PostgresURL("postgres://reel:s3cret@db.example.com:5433/reel_eu?sslmode=require")
        #expect(url.configuration.host == "db.example.com")
        #expect(url.configuration.port == 5433)
        #expect(url.configuration.username == "reel")
        #expect(url.configuration.password == "s3cret")
        #expect(url.configuration.database == "reel_eu")
        #expect(url.redacted == "postgres://reel@db.example.com:5433/reel_eu?sslmode=require")
        #expect(url.schema == nil)
    }

    @Test("defaults: port 5432, no password; search_path selects a schema")
    func defaults() throws {
        let url = try PostgresURL("postgresql://reel@127.0.0.1/reel_public?search_path=tenant_1")
        #expect(url.configuration.port == 5432)
        #expect(url.configuration.password == nil)
        #expect(url.schema == "tenant_1")
    }

    @Test("unusable URLs are refused with a sentence", arguments: [
        "mysql://reel@db/reel", "postgres://db/reel", "postgres://reel@db", "postgres://reel@db/reel?sslmode=verify-full",
        "postgres://reel@db/reel?search_path=a;DROP", "not a url",
    ])
    func invalid(_ text: String) {
        #expect(throws: PostgresURLError.self) { try PostgresURL(text) }
    }
}
