import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ReelCore
import ReelMedia
@testable import ReelServer
import Subprocess
import Testing

/// Runs the real `reel` binary, kills it with SIGKILL and restarts it: acknowledged writes must survive,
/// on SQLite and disk and on PostgreSQL and S3.
@Suite("Crash durability (real process)", .serialized, .dropsEngineScratch)
struct DurabilityTests {
    /// The environment that puts `reel serve` on the stores of `configuration` (PostgreSQL URLs, S3 buckets).
    static func environment(for configuration: ReelConfiguration) -> [String: String] {
        var environment: [String: String] = [:]
        for (region, url) in configuration.databaseURLs { environment["REEL_\(region.rawValue.uppercased())_DATABASE_URL"] = url }
        if let url = configuration.publicDatabaseURL { environment["REEL_PUBLIC_DATABASE_URL"] = url }
        for (region, s3) in configuration.s3Media {
            let key = { (field: String) in ReelConfiguration.s3EnvironmentKey(region, field) }
            environment[key("ENDPOINT")] = s3.endpoint.absoluteString
            environment[key("BUCKET")] = s3.bucket
            environment[key("ACCESS_KEY_ID")] = s3.accessKeyID
            environment[key("SECRET_ACCESS_KEY")] = s3.secretAccessKey
        }
        return environment
    }

    @Test("an account, a follow, a setting and an upload acknowledged before SIGKILL are there after restart", arguments: TestEngine.all)
    func survivesKill(_ engine: TestEngine) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = ReelConfiguration()
        if engine == .postgres { try await TestEngine.usePostgresAndS3(for: &configuration) }
        let environment = Self.environment(for: configuration)
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = TestPorts.free()
        // The first server is killed with SIGKILL as soon as the last write is acknowledged.
        let ((token, videoID), firstEnd) = try await ReelServeProcess.run(dataDirectory: directory, port: port,
                                                                                  standardError: directory.appendingPathComponent("first.log"),
                                                                                  environment: environment) { first in
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
            let (video, uploaded) = try await first.request("POST", "/v1/videos?caption=durable", token: token,
                                                             body: try Data(contentsOf: clip), contentType: "video/mp4")
            #expect(uploaded == 202)
            return (token, try #require(video["id"] as? String))
        }
        #expect(firstEnd == .signaled(SIGKILL), "the first server must die by SIGKILL, not exit on its own")

        _ = try await ReelServeProcess.run(dataDirectory: directory, port: port + 1,
                                           standardError: directory.appendingPathComponent("second.log"), environment: environment) { second in
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
            // The upload was stored and its job queued before the answer: the restarted worker finishes it.
            let deadline = ContinuousClock.now + TestDeadline.transcode
            var status = try await second.request("GET", "/v1/videos/\(videoID)", token: token).0["status"] as? String
            while status == "processing", ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                status = try await second.request("GET", "/v1/videos/\(videoID)", token: token).0["status"] as? String
            }
            #expect(status == "ready")
            let (_, media) = try await second.request("GET", "/v1/videos/\(videoID)/media", token: token)
            #expect(media == 200)
        }
    }
}
