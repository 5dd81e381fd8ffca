import Crypto
import Foundation
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

@Suite("Custodian wiring", .dropsEngineScratch)
struct CustodianWiringTests {
    @Test("custodians come from the file and the environment (mutual-TLS files too); a region's env overrides its file entry; bad entries are refused")
    func configuration() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("custodians-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
            {"custodians": {"us": {"url": "http://127.0.0.1:21700", "credentialFile": "/etc/reel/us"},
                            "eu": {"socket": "/run/reel/eu.sock", "credentialFile": "/etc/reel/eu"}},
             "dataKeyCacheSeconds": 60, "webDirectory": ""}
            """.utf8).write(to: file)
        let loaded = try ReelConfiguration.load(file: file.path, environment: [
            "REEL_EU_CUSTODIAN_URL": "http://10.0.0.7:21700", "REEL_EU_CUSTODIAN_CREDENTIAL_FILE": "/secrets/eu",
        ])
        #expect(loaded.custodians["us"] == CustodianEndpoint(address: .url(URL(string: "http://127.0.0.1:21700")!),
                                                              credentialFile: URL(fileURLWithPath: "/etc/reel/us")))
        #expect(loaded.custodians["eu"] == CustodianEndpoint(address: .url(URL(string: "http://10.0.0.7:21700")!),
                                                              credentialFile: URL(fileURLWithPath: "/secrets/eu")))
        #expect(loaded.dataKeyCacheSeconds == 60)
        #expect(loaded.regionsWithoutCustodian.map(\.code) == loaded.regions.regions.map(\.code).filter { $0 != "us" && $0 != "eu" })
        // An empty URL removes the region's custodian: `reel serve` then starts its own.
        let removed = try ReelConfiguration.load(file: file.path, environment: ["REEL_US_CUSTODIAN_URL": ""])
        #expect(removed.custodians["us"] == nil)

        // Across machines: an https URL with this server's client certificate and key and the custodian's CA (mutual TLS).
        let tls = try ReelConfiguration.load(file: file.path, environment: [
            "REEL_US_CUSTODIAN_URL": "https://custodian-us.example:21700", "REEL_US_CUSTODIAN_CLIENT_CERT": "/etc/reel/app-us.pem",
            "REEL_US_CUSTODIAN_CLIENT_KEY": "/etc/reel/app-us-key.pem", "REEL_US_CUSTODIAN_CA": "/etc/reel/custodian-ca.pem",
        ])
        #expect(tls.custodians["us"]?.tls == CustodianTLSFiles(certificateFile: "/etc/reel/app-us.pem", keyFile: "/etc/reel/app-us-key.pem",
                                                               caFile: "/etc/reel/custodian-ca.pem"))
        #expect(tls.custodians["us"]?.credentialFile.path == "/etc/reel/us")

        let bad: [[String: String]] = [
            ["REEL_US_CUSTODIAN_URL": "ftp://host/x", "REEL_US_CUSTODIAN_CREDENTIAL_FILE": "/c"],
            // Client certificate files need an https URL, and all three of them.
            ["REEL_US_CUSTODIAN_URL": "http://host:1", "REEL_US_CUSTODIAN_CREDENTIAL_FILE": "/c", "REEL_US_CUSTODIAN_CLIENT_CERT": "/a",
             "REEL_US_CUSTODIAN_CLIENT_KEY": "/b", "REEL_US_CUSTODIAN_CA": "/d"],
            ["REEL_US_CUSTODIAN_URL": "https://host:1", "REEL_US_CUSTODIAN_CREDENTIAL_FILE": "/c", "REEL_US_CUSTODIAN_CLIENT_CERT": "/a"],
            ["REEL_US_CUSTODIAN_SOCKET": "/run/us.sock"],
            ["REEL_DATA_KEY_CACHE_SECONDS": "-1"],
        ]
        for environment in bad {
            let error = #expect(throws: ReelError.self) { try ReelConfiguration.load(file: nil, environment: environment.merging(["REEL_WEB_DIR": ""]) { $1 }) }
            #expect(error?.code == "invalid_config")
        }
    }

    @Test("the test app's regions each reach a real custodian; an unreachable one and a refused credential are 503 custodian_unavailable")
    func reachability() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let access = CustodianAPI.KeyAccess(principal: AuditPrincipal(kind: .service, role: "accounts", jurisdiction: "eu"),
                                            purpose: "account-creation", justification: "wiring test")
        let key = try await reel.app.custodians.perform(in: "eu") { try await $0.createDataKey(access) }
        #expect(key.key.count == 32)
        #expect(reel.configuration.regionsWithoutCustodian.isEmpty)

        let silent = FileManager.default.temporaryDirectory.appendingPathComponent("credential-\(UUID().uuidString)")
        try Data("not-the-custodians-credential".utf8).write(to: silent)
        defer { try? FileManager.default.removeItem(at: silent) }
        var configuration = reel.configuration
        configuration.custodians["eu"] = CustodianEndpoint(address: .unixSocket("/tmp/no-such-custodian-\(UUID().uuidString.prefix(8)).sock"),
                                                           credentialFile: silent)
        configuration.custodians["us"]?.credentialFile = silent
        let broken = try Custodians(configuration: configuration)
        for region: RegionCode in ["eu", "us"] {
            let error = await #expect(throws: ReelError.self) { try await broken.perform(in: region) { try await $0.createDataKey(access) } }
            #expect(error?.kind == .unavailable)
            #expect(error?.code == "custodian_unavailable")
            #expect(error?.message.hasSuffix(".") == true)
        }
    }

    @Test("each account gets its own 32-byte subject nonce at sign-up, kept in its home store", arguments: TestEngine.all)
    func subjectNonce(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let (ana, ben) = try await reel.test { client in (try await client.signUp("ana_nonce", country: "DE"), try await client.signUp("ben_nonce")) }
        let first = try await reel.app.accounts.protectedAccount(ana.id, access: .user(ana.id, in: "eu"))
        let second = try await reel.app.accounts.protectedAccount(ben.id, access: .user(ben.id, in: "us"))
        #expect(first.subjectNonce.count == 32)
        #expect(second.subjectNonce.count == 32)
        #expect(first.subjectNonce != second.subjectNonce)
        #expect(try await reel.app.accounts.account(ana.id).subjectNonce.count == 32 + 28, "stored sealed, with the other protected fields")
        let reopened = try await reel.reopened()
        #expect(try await reopened.app.accounts.protectedAccount(ana.id, access: .user(ana.id, in: "eu")).subjectNonce == first.subjectNonce)
    }
}

@Suite("Data key cache")
struct DataKeyCacheTests {
    @Test("a key unwrapped once is served from memory until removed; a zero lifetime keeps nothing")
    func cache() {
        let key = SymmetricKey(size: .bits256)
        let cache = DataKeyCache(lifetime: .seconds(300))
        #expect(cache.key("dk-1") == nil)
        cache.insert(key, for: "dk-1")
        #expect(cache.key("dk-1") == key)
        cache.remove("dk-1")
        #expect(cache.key("dk-1") == nil, "an erased account's key is dropped at once")
        let off = DataKeyCache(lifetime: .zero)
        off.insert(key, for: "dk-2")
        #expect(off.key("dk-2") == nil, "dataKeyCacheSeconds 0 asks the custodian every time")
        let small = DataKeyCache(lifetime: .seconds(300), capacity: 2)
        for id in ["a", "b", "c"] { small.insert(key, for: id) }
        #expect(small.key("c") == key)
        #expect(small.key("a") == nil, "a full cache is emptied, then refilled on demand")
    }
}
