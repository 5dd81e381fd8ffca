import Crypto
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import ReelStore
import Testing

@Suite("Envelope encryption and crypto-shredding", .dropsEngineScratch)
struct EnvelopeEncryptionTests {
    @Test("the store keeps email, birth date and subject nonce sealed under a custodian key; the user reads them in clear", arguments: TestEngine.all)
    func sealedAtRest(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let user = try await reel.test { client in
            let user = try await client.signUp("seal_me", country: "DE", birthDate: "1987-03-14")
            let me = try await client.send(.get, "/v1/me", headers: user.headers).decode(AccountView.self)
            #expect(me.email == "seal_me@example.com")
            #expect(me.birthDate == "1987-03-14")
            return user
        }
        let stored = try #require(try await reel.app.stores.router.store(for: user.id).account(id: user.id))
        #expect(stored.dataKeyID?.hasPrefix("dk-") == true)
        #expect(stored.emailIndex?.count == 64)
        #expect(stored.ageBand == .adult)
        #expect(!stored.email.contains("seal_me"))
        #expect(stored.birthDate != "1987-03-14")
        #expect(stored.subjectNonce.count == 32 + 28)
        if engine == .sqlite {
            #expect(try DataDirectory.filesContaining(["seal_me@example.com", "1987-03-14"], under: reel.directory).isEmpty)
        }
    }

    @Test("accounts written before envelope encryption are sealed at the next start, and still log in by email", arguments: TestEngine.all)
    func sealsExistingRows(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        // A row as the previous release wrote it: fields in plaintext, no data key, no blind index.
        let region = try #require(reel.configuration.regions.definition(for: "us"))
        let legacy = Account(id: reel.app.ids.newID(in: region), handle: "legacy_user", email: "legacy@example.com",
                             passwordHash: try await reel.app.accounts.hasher.hash("correct horse battery"), country: "US",
                             birthDate: "1979-11-02", displayName: "Legacy", isPrivate: false, createdAt: Date())
        try await reel.app.stores.publicIndex.claimHandle(legacy.publicProfile)
        try await reel.app.stores.router.store(for: legacy.id).insertAccount(legacy)
        let restarted = try await reel.reopened()
        try await restarted.test { client in
            let login = try await client.send(.post, "/v1/sessions", json: #"{"email":"legacy@example.com","password":"correct horse battery"}"#)
            #expect(login.status == .ok)
            #expect(try login.decode(SessionBody.self).user.birthDate == "1979-11-02")
        }
        let stored = try #require(try await reel.app.stores.router.store(for: legacy.id).account(id: legacy.id))
        #expect(stored.dataKeyID != nil)
        #expect(!stored.email.contains("legacy"))
        #expect(stored.birthDate != "1979-11-02")
        #expect(try await reel.app.stores.router.store(for: legacy.id).unsealedAccounts(limit: 10).isEmpty)
    }

    @Test("concurrent sign-ups with one email in one region: exactly one 201, the others 409 email_taken", arguments: TestEngine.all)
    func sameRegionRace(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let statuses = try await reel.test { client in
            try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for number in 0..<6 {
                    group.addTask {
                        let response = try await client.send(.post, "/v1/accounts", json: """
                            {"handle":"racer_\(number)","email":"race@example.com","password":"correct horse battery","country":"FR","birthDate":"1990-01-01"}
                            """)
                        return (response.status, response.errorCode)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses.filter { $0.0 == .created }.count == 1)
        #expect(statuses.filter { $0.0 == .conflict && $0.1 == "email_taken" }.count == 5)
    }

    @Test("one email in two regions: log-in asks which region (409 choose_region), then opens the one picked", arguments: TestEngine.all)
    func severalRegions(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            for (handle, country) in [("twin_us", "US"), ("twin_eu", "DE")] {
                let response = try await client.send(.post, "/v1/accounts", json: """
                    {"handle":"\(handle)","email":"twin@example.com","password":"correct horse battery","country":"\(country)","birthDate":"1990-01-01"}
                    """)
                #expect(response.status == .created, "the same email is allowed once per region")
            }
            let ask = try await client.send(.post, "/v1/sessions", json: #"{"email":"twin@example.com","password":"correct horse battery"}"#)
            #expect(ask.status == .conflict)
            #expect(ask.errorCode == "choose_region")
            let message = try ask.decode(ErrorEnvelope.self).error.message
            #expect(message.contains("eu") && message.contains("us"))
            for region in ["eu", "us"] {
                let picked = try await client.send(.post, "/v1/sessions", json: """
                    {"email":"twin@example.com","password":"correct horse battery","region":"\(region)"}
                    """)
                #expect(picked.status == .ok)
                let session = try picked.decode(SessionBody.self)
                #expect(session.user.region == region)
                #expect(session.user.handle == "twin_\(region)")
                #expect(session.user.email == "twin@example.com")
            }
            let wrong = try await client.send(.post, "/v1/sessions", json: #"{"email":"twin@example.com","password":"not the password"}"#)
            #expect(wrong.status == .unauthorized, "no region list without the password")
        }
    }

    @Test("a key-encryption key rotation while the server serves keeps every account readable")
    func rotationWithoutDowntime() async throws {
        let reel = try await TestApp.make { $0.dataKeyCacheSeconds = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            var signedUp: [TestUser] = []
            for number in 0..<8 { signedUp.append(try await client.signUp("rot_\(number)")) }
            let users = signedUp
            let custodian = try reel.app.custodians.client(for: "us")
            let operatorAccess = CustodianAPI.KeyAccess(principal: AuditPrincipal(kind: .custodian, role: "custodian", jurisdiction: "us"),
                                                        purpose: "key-rotation", justification: "scheduled rotation test")
            let before = try await custodian.keyEncryptionKeys().currentVersion
            let failures = try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask { _ = try await custodian.rotateKeyEncryptionKey(operatorAccess); return [] }
                group.addTask {
                    var failures: [String] = []
                    for round in 0..<5 {
                        for user in users {
                            let me = try await client.send(.get, "/v1/me", headers: user.headers)
                            if me.status != .ok { failures.append("round \(round) \(user.handle): \(me.status) \(me.text)") }
                        }
                    }
                    return failures
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(failures.isEmpty)
            #expect(try await custodian.keyEncryptionKeys().currentVersion == before + 1)
            for user in users {
                let me = try await client.send(.get, "/v1/me", headers: user.headers)
                #expect(me.status == .ok)
                #expect(try me.decode(AccountView.self).email == "\(user.handle)@example.com")
            }
        }
    }

    @Test("after erasure no principal can unwrap the key of a copied row; another user's copied fields still open", arguments: TestEngine.all)
    func cryptoShredding(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let (gone, kept) = try await reel.test { client in (try await client.signUp("gone_user"), try await client.signUp("kept_user")) }
        let copy = try await RegionCopy.take(of: reel, users: [gone.id, kept.id])
        try await reel.test { client in
            let erased = try await client.send(.delete, "/v1/me", headers: gone.headers, json: #"{"password":"correct horse battery"}"#)
            #expect(erased.status == .noContent)
        }
        let custodian = try reel.app.custodians.client(for: "us")
        let goneRow = try #require(try copy.row(gone.id))
        let keptRow = try #require(try copy.row(kept.id))
        let principals: [AuditPrincipal] = [
            .init(kind: .service, role: "accounts", jurisdiction: "us"), .init(kind: .service, role: "export", jurisdiction: "us"),
            .init(kind: .service, role: "recommender", jurisdiction: "us"), .init(kind: .staff, role: "support", jurisdiction: "us"),
            .init(kind: .staff, role: "engineer", jurisdiction: "us"), .init(kind: .auditor, role: "auditor", jurisdiction: "us"),
            .init(kind: .custodian, role: "custodian", jurisdiction: "us"), .init(kind: .user, role: "user", jurisdiction: "us"),
        ]
        for principal in principals {
            let access = CustodianAPI.KeyAccess(principal: principal, purpose: "restore-from-copy", justification: "crypto-shredding test")
            let refused = await #expect(throws: CustodianClientError.self) { try await custodian.unwrapDataKey(id: goneRow.keyID, access) }
            #expect(refused?.code == "key_destroyed")
            let key = SymmetricKey(data: try await custodian.unwrapDataKey(id: keptRow.keyID, access).key)
            #expect(try FieldCipher.openText(keptRow.email, field: "email", userID: kept.id, key: key) == "kept_user@example.com")
        }
    }

    @Test("a custodian holds only its region's keys, and refuses a wrong app credential with 401")
    func regionBoundKeys() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let access = CustodianAPI.KeyAccess(principal: AuditPrincipal(kind: .service, role: "accounts", jurisdiction: "us"),
                                            purpose: "account-creation", justification: "region test")
        let usKey = try await reel.app.custodians.client(for: "us").createDataKey(access)
        let eu = try reel.app.custodians.client(for: "eu")
        let refused = await #expect(throws: CustodianClientError.self) { try await eu.unwrapDataKey(id: usKey.keyID, access) }
        #expect(refused?.status == 404)
        let stranger = CustodianClient(address: eu.address, credential: "0123456789abcdef-not-the-credential")
        let unauthorized = await #expect(throws: CustodianClientError.self) { try await stranger.createDataKey(access) }
        #expect(unauthorized?.status == 401)
    }
}

/// A copy of a region's account rows taken before an erasure: the SQLite file itself (an online
/// backup), or on PostgreSQL the rows as stored.
struct RegionCopy {
    struct Row {
        var keyID: String
        var email: String
    }
    private var rows: [ReelID: Row]

    func row(_ id: ReelID) throws -> Row? { rows[id] }

    static func take(of reel: TestApp, users: [ReelID]) async throws -> RegionCopy {
        var rows: [ReelID: Row] = [:]
        if reel.engine == .sqlite {
            let file = RegionRouter.sqliteURL(reel.directory, "us")
            let copyURL = reel.directory.appendingPathComponent("us-copy.sqlite")
            let copy = try DatabaseQueue(path: copyURL.path)
            try DatabaseQueue(path: file.path).backup(to: copy)
            for id in users {
                if let row = try copy.read({ try GRDB.Row.fetchOne($0, sql: "SELECT dataKeyID, email FROM users WHERE id = ?", arguments: [id]) }) {
                    rows[id] = Row(keyID: row["dataKeyID"], email: row["email"])
                }
            }
        } else {
            for id in users {
                if let account = try await reel.app.stores.router.store(for: id).account(id: id), let keyID = account.dataKeyID {
                    rows[id] = Row(keyID: keyID, email: account.email)
                }
            }
        }
        return RegionCopy(rows: rows)
    }
}

/// Looks through every file of a data directory.
enum DataDirectory {
    /// The files under `directory` whose bytes contain any of `needles`.
    static func filesContaining(_ needles: [String], under directory: URL) throws -> [String] {
        var found: [String] = []
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = files?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url) else { continue }
            for needle in needles where data.range(of: Data(needle.utf8)) != nil { found.append("\(url.path): \(needle)") }
        }
        return found
    }
}
