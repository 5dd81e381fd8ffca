import Foundation
import ReelCore
@testable import ReelServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Keys stay with the custodians (real reel serve)")
struct CustodianServeTests {
    @Test("reel serve starts one custodian per region, never maps the PKCS#11 module, and its custodians end with it even on SIGKILL")
    func childCustodians() async throws {
        try SoftHSM.require()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-cust-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = TestPorts.free()
        _ = try await ReelServeProcess.run(dataDirectory: directory, port: port) { server in
            try await server.waitUntilHealthy()
            let maps = String(decoding: FileHandle(forReadingAtPath: "/proc/\(server.processIdentifier)/maps")?.readDataToEndOfFile() ?? Data(),
                              as: UTF8.self)
            #expect(!maps.isEmpty)
            #expect(!maps.contains("softhsm"), "the server process must not load the PKCS#11 module")
            #expect(Self.custodianProcesses(under: directory).count == 3, "one custodian per region (us, eu, global)")
            let sockets = directory.appendingPathComponent("custodians/sockets")
            let mode = try FileManager.default.attributesOfItem(atPath: sockets.path)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            let (_, status) = try await server.request("POST", "/v1/accounts", json: """
                {"handle":"child_user","email":"child@example.com","password":"correct horse battery","country":"DE","birthDate":"1990-01-01"}
                """)
            #expect(status == 201)
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while !Self.custodianProcesses(under: directory).isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(Self.custodianProcesses(under: directory).isEmpty, "the custodians must end with the server that started them")
    }

    @Test("with the eu custodian stopped and the server restarted: eu's protected requests are 503, public content is served, no file holds the email or birth date")
    func custodianStopped() async throws {
        try SoftHSM.require()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-stop-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let email = "stopped-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let port = TestPorts.free()
        let (euToken, usToken, videoID) = try await ReelServeProcess.run(dataDirectory: directory, port: port) { server in
            try await server.waitUntilHealthy()
            let (eu, euStatus) = try await server.request("POST", "/v1/accounts", json: """
                {"handle":"stopped_eu","email":"\(email)","password":"correct horse battery","country":"DE","birthDate":"1983-07-09"}
                """)
            #expect(euStatus == 201)
            let (us, _) = try await server.request("POST", "/v1/accounts", json: """
                {"handle":"running_us","email":"running@example.com","password":"correct horse battery","country":"US","birthDate":"1990-01-01"}
                """)
            let euToken = try #require(eu["token"] as? String)
            let (video, uploaded) = try await server.request("POST", "/v1/videos?caption=public%20clip&visibility=public", token: euToken,
                                                             body: try Data(contentsOf: clip), contentType: "video/mp4")
            #expect(uploaded == 202)
            let videoID = try #require(video["id"] as? String)
            let deadline = ContinuousClock.now + TestDeadline.transcode
            while ContinuousClock.now < deadline, try await server.request("GET", "/v1/videos/\(videoID)").0["status"] as? String != "ready" {
                try await Task.sleep(for: .milliseconds(200))
            }
            return (euToken, try #require(us["token"] as? String), videoID)
        }.value
        let environment = [
            "REEL_EU_CUSTODIAN_URL": "http://127.0.0.1:\(port + 7)",  // nothing listens there: the eu custodian is down
            "REEL_EU_CUSTODIAN_CREDENTIAL_FILE": directory.appendingPathComponent("custodians/eu/app-credential").path,
        ]
        _ = try await ReelServeProcess.run(dataDirectory: directory, port: port + 1, environment: environment) { server in
            try await server.waitUntilHealthy()
            let (body, status) = try await server.request("GET", "/v1/me", token: euToken)
            #expect(status == 503)
            #expect((body["error"] as? [String: Any])?["code"] as? String == "custodian_unavailable")
            #expect(try await server.request("POST", "/v1/sessions", json: #"{"handle":"stopped_eu","password":"correct horse battery"}"#).1 == 503)
            #expect(try await server.request("GET", "/v1/me", token: usToken).1 == 200, "other regions keep working")
            #expect(try await server.request("GET", "/v1/users/stopped_eu").1 == 200)
            #expect(try await server.request("GET", "/v1/videos/\(videoID)").1 == 200)
            let (popular, popularStatus) = try await server.request("GET", "/v1/feed?kind=popular", token: euToken)
            #expect(popularStatus == 200)
            #expect(((popular["items"] as? [[String: Any]]) ?? []).contains { ($0["video"] as? [String: Any])?["id"] as? String == videoID })
        }
        #expect(try DataDirectory.filesContaining([email, "1983-07-09"], under: directory).isEmpty)
    }

    /// The `reel custodian serve` processes whose command line names a folder under `directory`.
    static func custodianProcesses(under directory: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains("custodian serve") && line.contains(directory.path) ? line : nil
        }
    }
}
