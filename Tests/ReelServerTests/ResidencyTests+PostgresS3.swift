import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresNIO
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// Residency on the scaled-out data plane: every region and the public index on PostgreSQL, media
/// in a bucket per region. The auditor reads every schema of every database of the PostgreSQL
/// cluster and every object of every bucket of the S3 server, not only this app's.
extension ResidencyTests {
    /// One user of the test: where they live and what they wrote.
    struct Resident {
        var handle: String
        var country: String
        var region: RegionCode
        var birthDate: String
        var nonce: String
        var email: String { "\(handle).\(nonce)@example.com" }
        var privateCaption: String { "private \(nonce) \(handle)" }
        var bio: String { "bio \(nonce) \(handle)" }
        var commentBody: String { "comment \(nonce) \(handle)" }
    }

    /// Where a text was found: database, schema and table.
    struct Place: Hashable, CustomStringConvertible {
        var database: String
        var schema: String
        var table: String
        var description: String { "\(database).\(schema).\(table)" }
    }

    @Test("on PostgreSQL + S3, every database and every bucket hold a user's personal data only in their home region; the public index nothing personal")
    func residencyOnPostgresAndS3() async throws {
        let reel = try await TestApp.make(.postgres)
        defer { reel.cleanUp() }
        let nonce = String(UUID().uuidString.prefix(8)).lowercased()
        let residents = [Resident(handle: "us_user", country: "US", region: "us", birthDate: "1981-02-03", nonce: nonce),
                         Resident(handle: "eu_user", country: "DE", region: "eu", birthDate: "1982-04-05", nonce: nonce),
                         Resident(handle: "gl_user", country: "BR", region: "global", birthDate: "1983-06-07", nonce: nonce)]
        // Each resident: a profile, a public and a private video, and likes, comments, shares, watch events,
        // follows and not-interested marks on the others' videos (every pair crosses regions).
        let (users, publicVideos, privateVideos) = try await reel.test { client in
            var users: [TestUser] = [], publicVideos: [ReelID] = [], privateVideos: [ReelID] = []
            for resident in residents {
                let response = try await client.send(.post, "/v1/accounts", json: """
                    {"handle":"\(resident.handle)","email":"\(resident.email)","password":"correct horse battery","country":"\(resident.country)","birthDate":"\(resident.birthDate)"}
                    """)
                #expect(response.status == .created, "sign-up of \(resident.handle): \(response.text)")
                let session = try response.decode(SessionBody.self)
                let user = TestUser(id: session.user.id, handle: resident.handle, token: session.token)
                #expect(try await client.send(.patch, "/v1/me", headers: user.headers, json: "{\"bio\":\"\(resident.bio)\"}").status == .ok)
                publicVideos.append(try await client.publishClip(as: user, caption: "from \(resident.handle) #residency").id)
                privateVideos.append(try await client.publishClip(as: user, caption: resident.privateCaption, visibility: "private").id)
                users.append(user)
            }
            for (index, user) in users.enumerated() {
                for (otherIndex, other) in users.enumerated() where otherIndex != index {
                    let video = publicVideos[otherIndex]
                    #expect(try await client.send(.put, "/v1/users/\(other.handle)/follow", headers: user.headers).status == .ok)
                    #expect(try await client.send(.put, "/v1/videos/\(video)/like", headers: user.headers).status == .ok)
                    #expect(try await client.send(.post, "/v1/videos/\(video)/comments", headers: user.headers,
                                                  json: "{\"body\":\"\(residents[index].commentBody)\"}").status == .created)
                    #expect(try await client.send(.post, "/v1/videos/\(video)/share", headers: user.headers).status == .ok)
                    let event = "{\"events\":[{\"id\":\"\(user.handle)-\(otherIndex)\",\"videoID\":\"\(video)\",\"watchedMs\":800,\"durationMs\":1000,\"completed\":false}]}"
                    #expect(try await client.send(.post, "/v1/events", headers: user.headers, json: event).decode(SocialService.WatchResult.self).accepted == 1)
                    #expect(try await client.send(.post, "/v1/videos/\(video)/not-interested", headers: user.headers).status == .noContent)
                }
            }
            return (users, publicVideos, privateVideos)
        }
        // And an upload still in flight (no worker runs now): its bytes wait in the home bucket.
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        var uploads: [ReelID] = []
        for user in users {
            let video = try await reel.app.videos.upload(creator: user.id, caption: "in flight", visibility: .private) { writer in
                try writer.write(try Data(contentsOf: clip))
            }
            uploads.append(video.id)
        }

        let schema = try #require(reel.configuration.publicDatabaseURL?.components(separatedBy: "search_path=").last)
        do {
            try await Self.auditPostgres(residents: residents, users: users, privateVideos: privateVideos + uploads, ownSchema: schema)
        } catch {
            Issue.record("Reading the PostgreSQL cluster failed: \(String(reflecting: error))")
        }
        try await Self.auditBuckets(reel, residents: residents, users: users, videos: [publicVideos, privateVideos, uploads])
    }

    /// Reads every schema of every database of the cluster and checks each resident's data is only home.
    static func auditPostgres(residents: [Resident], users: [TestUser], privateVideos: [ReelID], ownSchema: String) async throws {
        let databases = try await PostgresTestServer.withConnection(to: "postgres") { connection in
            try await connection.query("SELECT datname::text FROM pg_database WHERE NOT datistemplate ORDER BY datname", logger: PostgresTestServer.logger)
                .collect().map { try $0.decode(String.self) }
        }
        #expect(Set(PostgresTestServer.databases).isSubset(of: databases))
        var rows: [Place: [String]] = [:]
        var publicColumns: [String: [String]] = [:]
        for database in databases {
            try await PostgresTestServer.withConnection(to: database) { connection in
                for schema in try await PostgresTestServer.schemas(of: connection) {
                    for (table, tableRows) in try await PostgresTestServer.dump(schema, on: connection) {
                        rows[Place(database: database, schema: schema, table: table)] = tableRows
                    }
                }
                if database == PostgresTestServer.publicDatabase {
                    publicColumns = try await PostgresTestServer.columns(of: ownSchema, on: connection)
                }
            }
        }
        func places(of text: String) -> Set<String> {
            Set(rows.filter { $0.value.contains { $0.contains(text) } }.map { "\($0.key.database).\($0.key.schema)" })
        }
        /// The tables of `database` (this test's schema) with a row whose `column` is `id`.
        func tables(in database: String, with id: ReelID, in columns: [(table: String, column: String)]) async throws -> Set<String> {
            try await PostgresTestServer.withConnection(to: database) { connection in
                var found: Set<String> = []
                for (table, column) in columns {
                    let query: PostgresQuery = "SELECT COUNT(*) FROM \(unescaped: "\"\(ownSchema)\".\(table)") WHERE \(unescaped: column) = \(Int64(bitPattern: id.rawValue))"
                    let count = try await connection.query(query, logger: PostgresTestServer.logger).collect()
                    if try count.first?.decode(Int64.self) ?? 0 > 0 { found.insert(table) }
                }
                return found
            }
        }
        let personalTables: [(table: String, column: String)] = [
            ("users", "id"), ("sessions", "user_id"), ("watch_events", "user_id"), ("likes", "user_id"), ("follows", "follower_id"),
            ("not_interested", "user_id"), ("shares", "user_id"), ("comments", "author_id"), ("videos", "creator_id"),
        ]
        for (resident, user) in zip(residents, users) {
            let home = "\(PostgresTestServer.database(of: resident.region)).\(ownSchema)"
            // Private to the account: only in the home region's database, nowhere else in the cluster.
            // Sealed under the account's custodian-held data key: nowhere in plaintext, home included.
            #expect(places(of: resident.email) == [], "email of \(resident.handle)")
            #expect(places(of: resident.privateCaption) == [home], "private video caption of \(resident.handle)")
            // Birth dates carry no nonce: only this test's schemas are searched for them.
            #expect(places(of: ",\(resident.birthDate),").filter { $0.hasSuffix(".\(ownSchema)") } == [], "birth date of \(resident.handle)")
            // Public by choice (profile bio, comments on public videos): home, and the public index at most.
            let published = "\(PostgresTestServer.publicDatabase).\(ownSchema)"
            #expect(places(of: resident.bio).subtracting([published]) == [home], "bio of \(resident.handle)")
            #expect(places(of: resident.commentBody).subtracting([published]) == [home], "comments of \(resident.handle)")
            for region in RegionMap.standard.regions {
                let found = try await tables(in: PostgresTestServer.database(of: region.code), with: user.id, in: personalTables)
                if region.code == resident.region {
                    #expect(found == Set(personalTables.map(\.table)), "rows of \(resident.handle) at home in \(region.code)")
                } else {
                    #expect(found.isEmpty, "rows of \(resident.handle) in \(region.code): \(found.sorted())")
                }
            }
        }
        // The public index: exactly the allow-listed columns, no secret, no private or unfinished video.
        #expect(publicColumns.filter { $0.key != "schema_migrations" }.mapValues(Set.init) == PostgresPublicIndex.allowedColumns)
        let publicRows = rows.filter { $0.key.database == PostgresTestServer.publicDatabase && $0.key.schema == ownSchema }.values.joined()
        #expect(!publicRows.isEmpty)
        for resident in residents {
            #expect(!publicRows.contains { $0.contains(resident.birthDate) }, "birth date of \(resident.handle) in the public index")
        }
        #expect(!publicRows.contains { $0.contains("$2") }, "a bcrypt hash in the public index")
        for id in privateVideos {
            #expect(!publicRows.contains { $0.contains("\(Int64(bitPattern: id.rawValue))") }, "private or unfinished video \(id) in the public index")
        }
    }

    /// Lists every object of every bucket and checks each resident's media is in their home bucket only.
    static func auditBuckets(_ reel: TestApp, residents: [Resident], users: [TestUser], videos: [[ReelID]]) async throws {
        let server = try S3TestServer.requireCredentials()
        var keys: [String: [String]] = [:]
        let buckets = Dictionary(uniqueKeysWithValues: reel.configuration.s3Media.map { ($0.key, $0.value.bucket) })
        for bucket in try await S3TestServer.bucketNames(on: server) {
            do {
                keys[bucket] = try await S3TestServer.objectKeys(in: bucket, on: server)
            } catch MediaError.objectStore(_, _, let detail) where detail.contains("NoSuchBucket") && !buckets.values.contains(bucket) {
                // Another case deleted its own bucket between the two listings: it held only that case's data.
                continue
            }
        }
        #expect(Set(buckets.values).isSubset(of: keys.keys), "the app's buckets are listed")
        for (index, resident) in residents.enumerated() {
            let home = try #require(buckets[resident.region])
            let (publicVideo, privateVideo, upload) = (videos[0][index], videos[1][index], videos[2][index])
            for id in [publicVideo, privateVideo, upload] {
                let holding = Set(keys.filter { $0.value.contains { $0.contains("/\(id).") || $0.hasSuffix("/\(id)") } }.keys)
                #expect(holding == [home], "media of \(resident.handle)'s video \(id) is in \(holding.sorted()), not only \(home)")
            }
            let own = keys[home] ?? []
            #expect(own.contains("videos/\(privateVideo).mp4") && own.contains("posters/\(privateVideo).jpg"), "\(own)")
            #expect(own.contains { $0.hasPrefix("uploads/\(upload)") }, "the upload in flight of \(resident.handle): \(own)")
        }
        // Every object of a region's bucket belongs to a video of that region.
        for (region, bucket) in buckets {
            for key in keys[bucket] ?? [] {
                let id = key.split(separator: "/").last.flatMap { $0.split(separator: ".").first }.flatMap { ReelID($0) }
                #expect(id.flatMap { reel.configuration.regions.region(of: $0)?.code } == region, "\(key) in the \(region) bucket")
            }
        }
    }
}
