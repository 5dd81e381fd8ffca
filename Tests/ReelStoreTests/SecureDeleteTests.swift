import Foundation
import GRDB
import ReelCore
@testable import ReelStore
import Testing

/// SQLite runs with `secure_delete`, and `scrubDeletedRows()` empties the write-ahead log, so a
/// deleted row's bytes are in neither file afterwards.
@Suite("SQLite secure delete")
struct SecureDeleteTests {
    /// Whether `text` occurs in the bytes of the file at `url` (a missing file holds nothing).
    static func file(_ url: URL, contains text: String) -> Bool {
        (try? Data(contentsOf: url))?.range(of: Data(text.utf8)) != nil
    }

    static func walURL(_ url: URL) -> URL { URL(fileURLWithPath: url.path + "-wal") }

    @Test("every connection of a region store and of the public index runs with secure_delete on")
    func everyConnection() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try #require(fixture.us as? SQLiteRegionStore)
        let index = try PublicIndex(databaseURL: fixture.directory.appendingPathComponent("public.sqlite"))
        for pool in [store.pool.pool, index.pool.pool] {
            #expect(try await pool.read { try Int.fetchOne($0, sql: "PRAGMA secure_delete") } == 1)
            #expect(try await pool.write { try Int.fetchOne($0, sql: "PRAGMA secure_delete") } == 1)
        }
    }

    @Test("a deleted account's email leaves the database file and its write-ahead log")
    func deletedAccountLeavesTheFiles() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try #require(fixture.us as? SQLiteRegionStore)
        let leaver = fixture.usIDs.next(), stayer = fixture.usIDs.next()
        try await store.insertAccount(fixture.account(leaver, handle: "leaver", email: "vanishing.quetzal@example.com"))
        try await store.insertAccount(fixture.account(stayer, handle: "stayer", email: "staying.axolotl@example.com"))
        let files = [store.databaseURL, Self.walURL(store.databaseURL)]
        // So that the test can fail: the row is in the files first.
        #expect(files.contains { Self.file($0, contains: "vanishing.quetzal") })

        #expect(try await store.deleteAccount(id: leaver))
        try await store.scrubDeletedRows()
        for file in files {
            #expect(!Self.file(file, contains: "vanishing.quetzal"), "the deleted email is still in \(file.lastPathComponent)")
        }
        #expect(((try? FileManager.default.attributesOfItem(atPath: Self.walURL(store.databaseURL).path)[.size] as? Int) ?? 0) == 0)
        #expect(Self.file(store.databaseURL, contains: "staying.axolotl"), "another account's row must stay")
        #expect(try await store.account(id: stayer)?.email == "staying.axolotl@example.com")
    }
}
