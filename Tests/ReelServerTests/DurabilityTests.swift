import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Subprocess
import Testing

/// Runs the real `reel` binary, kills it with SIGKILL and restarts it: acknowledged writes must survive.
@Suite("Crash durability (real process)", .serialized)
struct DurabilityTests {
    @Test("an account, a follow and a setting acknowledged before SIGKILL are there after restart")
    func survivesKill() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Int.random(in: 20_000...40_000)
        // The first server is killed with SIGKILL as soon as the last write is acknowledged.
        let (token, firstEnd) = try await ReelServeProcess.run(dataDirectory: directory, port: port) { first in
            try await first.waitUntilHealthy()
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
            return token
        }
        #expect(firstEnd == .signaled(SIGKILL), "the first server must die by SIGKILL, not exit on its own")

        _ = try await ReelServeProcess.run(dataDirectory: directory, port: port + 1) { second in
            try await second.waitUntilHealthy()
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
}
