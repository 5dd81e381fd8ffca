import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// Residency: after users of every region act across regions, every store is opened directly
/// and searched for personal data and behaviour rows that do not belong there.
@Suite("Data residency", .dropsEngineScratch)
struct ResidencyTests {
    /// Every text and integer value of every table of a SQLite file, by table.
    static func dump(_ url: URL) throws -> [String: [Row]] {
        let queue = try DatabaseQueue(path: url.path)
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
            var rows: [String: [Row]] = [:]
            for table in tables { rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)") }
            return rows
        }
    }

    static func contains(_ rows: [String: [Row]], text: String) -> Bool {
        rows.values.joined().contains { row in row.databaseValues.contains { ($0.storage.value as? String)?.contains(text) == true } }
    }

    static func contains(_ rows: [String: [Row]], id: ReelID) -> Bool {
        rows.values.joined().contains { row in row.databaseValues.contains { Int64.fromDatabaseValue($0) == id.databaseValue } }
    }

    @Test("personal data and behaviour live only in the home region; the public index holds only allow-listed columns")
    func residency() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let users: [(handle: String, country: String, region: RegionCode, birthDate: String)] = [
            ("us_user", "US", "us", "1981-02-03"), ("eu_user", "DE", "eu", "1982-04-05"), ("gl_user", "BR", "global", "1983-06-07"),
        ]
        let signedUp = try await reel.test { client in
            var signedUp: [TestUser] = []
            for user in users { signedUp.append(try await client.signUp(user.handle, country: user.country, birthDate: user.birthDate)) }
            var videos: [VideoView] = []
            for user in signedUp { videos.append(try await client.publishClip(as: user, caption: "from \(user.handle) #residency")) }
            for (index, user) in signedUp.enumerated() {
                for (otherIndex, other) in signedUp.enumerated() where otherIndex != index {
                    let video = videos[otherIndex]
                    #expect(try await client.send(.put, "/v1/users/\(other.handle)/follow", headers: user.headers).status == .ok)
                    #expect(try await client.send(.put, "/v1/videos/\(video.id)/like", headers: user.headers).status == .ok)
                    #expect(try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: user.headers,
                                                  json: #"{"body":"nice one"}"#).status == .created)
                    #expect(try await client.send(.post, "/v1/videos/\(video.id)/share", headers: user.headers).status == .ok)
                    let event = "{\"events\":[{\"id\":\"\(user.handle)-\(otherIndex)\",\"videoID\":\"\(video.id)\",\"watchedMs\":800,\"durationMs\":1000,\"completed\":false}]}"
                    #expect(try await client.send(.post, "/v1/events", headers: user.headers, json: event).decode(SocialService.WatchResult.self).accepted == 1)
                    #expect(try await client.send(.post, "/v1/videos/\(video.id)/not-interested", headers: user.headers).status == .noContent)
                }
            }
            return signedUp
        }

        let map = reel.configuration.regions
        var regionRows: [RegionCode: [String: [Row]]] = [:]
        for region in map.regions {
            regionRows[region.code] = try Self.dump(RegionRouter.regionDirectory(reel.directory, region.code).appendingPathComponent("region.sqlite"))
        }
        let behaviourTables: [(table: String, userColumn: String)] = [
            ("watchEvents", "userID"), ("likes", "userID"), ("follows", "followerID"), ("notInterested", "userID"),
            ("shares", "userID"), ("sessions", "userID"), ("comments", "authorID"),
        ]
        for (user, spec) in zip(signedUp, users) {
            let email = "\(user.handle)@example.com"
            for (code, rows) in regionRows {
                let isHome = code == spec.region
                // Sealed under the account's custodian-held data key: in no region in plaintext, home included.
                #expect(!Self.contains(rows, text: email), "email of \(user.handle) in \(code)")
                #expect(!Self.contains(rows, text: spec.birthDate), "birth date of \(user.handle) in \(code)")
                let hashes = rows["users"]?.filter { ($0["id"] as Int64?) == user.id.databaseValue }.compactMap { $0["passwordHash"] as String? } ?? []
                #expect(hashes.count == (isHome ? 1 : 0), "password hash of \(user.handle) in \(code)")
                for (table, column) in behaviourTables {
                    let owned = rows[table]?.filter { ($0[column] as Int64?) == user.id.databaseValue } ?? []
                    if isHome {
                        #expect(!owned.isEmpty, "\(table) of \(user.handle) missing from home region \(code)")
                    } else {
                        #expect(owned.isEmpty, "\(table) of \(user.handle) found in \(code)")
                    }
                }
            }
        }

        let publicRows = try Self.dump(reel.configuration.publicIndexURL)
        let schema = try await reel.app.stores.publicIndex.schema()
        #expect(Set(schema.keys) == Set(PublicIndex.allowedColumns.keys))
        for (table, columns) in schema { #expect(Set(columns) == PublicIndex.allowedColumns[table], "columns of public table \(table)") }
        for (user, spec) in zip(signedUp, users) {
            #expect(!Self.contains(publicRows, text: "\(user.handle)@example.com"))
            #expect(!Self.contains(publicRows, text: spec.birthDate))
            #expect(!Self.contains(publicRows, text: "$2"), "a bcrypt hash in the public index")
        }
        let forbidden = ["email", "birthDate", "passwordHash", "country", "watchedMs", "followerID"]
        for (table, columns) in schema { #expect(columns.allSatisfy { !forbidden.contains($0) }, "\(table)") }
    }

    @Test("a store refuses to write a user's data outside their home region")
    func storesRefuseForeignUsers() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let (euAccount, _) = try await reel.app.accounts.signUp(.init(handle: "resident", email: "r@example.com", password: "correct horse",
                                                                      country: "FR", birthDate: "1990-01-01", displayName: nil))
        let usStore = try #require(reel.app.stores.router.store(for: "us"))
        await #expect(throws: ReelError.self) { _ = try await usStore.like(user: euAccount.id, video: euAccount.id, at: Date()) }
        await #expect(throws: ReelError.self) { try await usStore.insertAccount(euAccount) }
        await #expect(throws: ReelError.self) {
            _ = try await usStore.recordWatchEvents([WatchEvent(clientEventID: "x", userID: euAccount.id, videoID: euAccount.id,
                                                                watchedMs: 1, durationMs: 1, completed: true, replayed: false, at: Date())])
        }
    }
}
