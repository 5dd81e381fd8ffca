import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the real `reel` binary, kills it with SIGKILL and restarts it: acknowledged writes must survive.
@Suite("Crash durability (real process)", .serialized)
struct DurabilityTests {
    /// The `reel` executable built next to the test bundle.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("reel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/reel")
    }

    struct Server {
        let process: Process
        let base: URL

        static func start(dataDirectory: URL, port: Int) async throws -> Server {
            let process = Process()
            process.executableURL = DurabilityTests.binary
            process.arguments = ["serve", "--data-dir", dataDirectory.path, "--port", "\(port)"]
            var environment = ProcessInfo.processInfo.environment
            environment["REEL_BCRYPT_COST"] = "4"
            environment["LOG_LEVEL"] = "warning"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let server = Server(process: process, base: URL(string: "http://127.0.0.1:\(port)")!)
            // A hang guard, not a speed check: with the whole suite on two cores, CPU-bound tests can
            // hold the cooperative pool for tens of seconds, so waking up to poll may itself be late.
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                if let (_, status) = try? await server.request("GET", "/healthz"), status == 200 { return server }
                try await Task.sleep(for: .milliseconds(100))
            }
            process.terminate()
            throw CancellationError()
        }

        func request(_ method: String, _ path: String, token: String? = nil, json: String? = nil) async throws -> ([String: Any], Int) {
            var request = URLRequest(url: base.appendingPathComponent(path))
            request.httpMethod = method
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let json {
                request.httpBody = Data(json.utf8)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (object, (response as? HTTPURLResponse)?.statusCode ?? 0)
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test("an account, a follow and a setting acknowledged before SIGKILL are there after restart")
    func survivesKill() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Int.random(in: 20_000...40_000)
        let first = try await Server.start(dataDirectory: directory, port: port)
        let (created, status) = try await first.request("POST", "/v1/accounts", json: """
            {"handle":"durable","email":"durable@example.com","password":"correct horse","country":"DE","birthDate":"1990-01-01"}
            """)
        #expect(status == 201)
        let token = try #require(created["token"] as? String)
        _ = try await first.request("POST", "/v1/accounts", json: """
            {"handle":"followed","email":"followed@example.com","password":"correct horse","country":"US","birthDate":"1990-01-01"}
            """)
        #expect(try await first.request("PUT", "/v1/users/followed/follow", token: token).1 == 200)
        #expect(try await first.request("PATCH", "/v1/me", token: token, json: #"{"bio":"written before the crash"}"#).1 == 200)
        first.kill9()

        let second = try await Server.start(dataDirectory: directory, port: port + 1)
        defer { second.kill9() }
        let (me, meStatus) = try await second.request("GET", "/v1/me", token: token)
        #expect(meStatus == 200)
        #expect(me["bio"] as? String == "written before the crash")
        #expect(me["followingCount"] as? Int == 1)
        let (login, loginStatus) = try await second.request("POST", "/v1/sessions", json: #"{"handle":"durable","password":"correct horse"}"#)
        #expect(loginStatus == 200)
        #expect(login["token"] is String)
        let (profile, _) = try await second.request("GET", "/v1/users/followed")
        #expect(profile["followerCount"] as? Int == 1)
    }
}
