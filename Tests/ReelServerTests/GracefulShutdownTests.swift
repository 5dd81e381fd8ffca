import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Subprocess
import Testing

/// SIGTERM to a real `reel serve`, as an orchestrator sends it before replacing a node.
@Suite("Graceful shutdown (real process)", .serialized)
struct GracefulShutdownTests {
    /// A free TCP port of 127.0.0.1.
    static func freePort() throws -> Int {
        let (descriptor, port) = try StartupTests.occupyPort()
        close(descriptor)
        return port
    }

    /// Polls until nothing accepts connections on `port` any more: the server has begun draining.
    static func waitUntilRefusing(port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? RawHTTPConnection(port: port)) != nil {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Polls until a partial upload (`.<name>.<uuid>.partial`) exists somewhere under `media`.
    static func waitForPartialUpload(in media: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let files = FileManager.default.enumerator(at: media, includingPropertiesForKeys: nil, options: [])?.allObjects as? [URL] ?? []
            if files.contains(where: { $0.lastPathComponent.hasSuffix(".partial") }) { return }
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Signs up through the API and returns the bearer token.
    static func signUp(_ server: ReelServeProcess, handle: String) async throws -> String {
        let (body, status) = try await server.request("POST", "/v1/accounts", json: """
            {"handle":"\(handle)","email":"\(handle)@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}
            """)
        #expect(status == 201)
        return try #require(body["token"] as? String)
    }

    /// The head of a raw upload of `length` bytes.
    static func uploadHead(token: String, port: Int, length: Int) -> String {
        "POST /v1/videos?caption=drain HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: video/mp4\r\nContent-Length: \(length)\r\n\r\n"
    }

    @Test("SIGTERM during an upload: the upload still gets its 202, then the process exits 0 with its log flushed")
    func requestFinishes() async throws {
        let directory = try StartupTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let bytes = [UInt8](try Data(contentsOf: clip))
        let port = try Self.freePort()
        let files = StartupTests.outputFiles(in: directory)
        let status = try await ReelServeProcess.run(dataDirectory: directory.appendingPathComponent("data"), port: port,
                                                    standardOutput: files.stdout, standardError: files.stderr,
                                                    environment: ["LOG_LEVEL": "info"]) { server in
            try await server.waitUntilHealthy()
            let token = try await Self.signUp(server, handle: "drainer")
            let upload = try RawHTTPConnection(port: port)
            #expect(await upload.write(Self.uploadHead(token: token, port: port, length: bytes.count)))
            #expect(await upload.write(Array(bytes[..<(bytes.count / 2)])))
            // Signalled only once the server is writing the upload (its partial file exists): a request
            // whose head the server has not read yet when the signal comes is not in flight, and its
            // connection is closed unanswered (clients and balancers retry those).
            try await Self.waitForPartialUpload(in: directory.appendingPathComponent("data/us/media"))
            server.terminate()
            try await Self.waitUntilRefusing(port: port)
            #expect(server.isRunning, "the process waits for the upload in flight")
            #expect(await upload.write(Array(bytes[(bytes.count / 2)...])))
            let response = await upload.readUntilClosed(deadline: .seconds(60))
            #expect(response.text.hasPrefix("HTTP/1.1 202"), "\(response.text)")
            try await server.waitUntilExited()
        }.status
        #expect(status == .exited(0))
        // Logged after the HTTP server stopped, at info level: only the final flush writes it.
        let log = StartupTests.text(files.stderr)
        #expect(log.contains("recommender state saved"), "\(log)")
    }

    @Test("SIGTERM during a long media download: the client still receives every byte, then the process exits 0")
    func mediaStreamFinishes() async throws {
        let directory = try StartupTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        // A ready public video whose default rendition is 32 MiB: far more than the kernel's socket
        // buffers hold, so the server is still writing it when the signal comes.
        var configuration = ReelConfiguration()
        configuration.dataDirectory = data
        configuration.bcryptCost = 4
        try await TestCustodians.shared.configure(&configuration)
        var logger = Logger(label: "reel.test.seed")
        logger.logLevel = .error
        let services = try buildServices(configuration: configuration, logger: logger)
        try await services.stores.migrate()
        let (account, _) = try await services.accounts.signUp(.init(handle: "streamer", email: "s@example.com", password: "correct horse",
                                                                     country: "US", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await services.videos.upload(creator: account.id, caption: "", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        try await services.transcoder.drainOnce()
        let large = directory.appendingPathComponent("large.mp4")
        try Data(count: 32 << 20).write(to: large)
        try await services.stores.media.store(for: video.id).put(fileAt: large, as: .video(video.id.description))

        let port = try Self.freePort()
        let status = try await ReelServeProcess.run(dataDirectory: data, port: port) { server in
            try await server.waitUntilHealthy()
            let download = try RawHTTPConnection(port: port)
            #expect(await download.write("GET /v1/videos/\(video.id)/media HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"))
            let start = await download.read(atLeast: 1 << 16, deadline: .seconds(60))
            #expect(String(decoding: start.prefix(12), as: UTF8.self) == "HTTP/1.1 200", "\(String(decoding: start.prefix(200), as: UTF8.self))")
            server.terminate()
            try await Self.waitUntilRefusing(port: port)
            let rest = await download.read(atLeast: 64 << 20, deadline: .seconds(120))
            let response = start + rest
            let headerEnd = try #require(response.firstRange(of: Array("\r\n\r\n".utf8)))
            #expect(response.count - headerEnd.upperBound == 32 << 20, "the whole body arrived")
            try await server.waitUntilExited()
        }.status
        #expect(status == .exited(0))
    }

    @Test("a request stalled past the grace period is cut, and the process still ends")
    func stalledRequestIsBounded() async throws {
        let directory = try StartupTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try Self.freePort()
        // The idle timeout is far longer than the hang guard, so only the grace period can end the request.
        let environment = ["REEL_SHUTDOWN_GRACE_SECONDS": "2", "REEL_TRANSCODE_SHUTDOWN_GRACE_SECONDS": "1", "REEL_IDLE_TIMEOUT_SECONDS": "3600"]
        let status = try await ReelServeProcess.run(dataDirectory: directory.appendingPathComponent("data"), port: port,
                                                    environment: environment) { server in
            try await server.waitUntilHealthy()
            let token = try await Self.signUp(server, handle: "staller")
            let upload = try RawHTTPConnection(port: port)
            #expect(await upload.write(Self.uploadHead(token: token, port: port, length: 1 << 20) + "partial body"))
            server.terminate()
            try await server.waitUntilExited()
            let response = await upload.readUntilClosed(deadline: .seconds(10))
            #expect(response.isClosed)
        }.status
        #expect(status != .signaled(SIGKILL), "it ended by itself: \(status)")
    }

    @Test("SIGTERM during a transcode: the job ends ready or back in the queue, never lost or stuck, and the next start finishes it")
    func transcodeIsHandedBack() async throws {
        let directory = try StartupTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        let clip = try await TestMedia.clip(seconds: 20, width: 720, height: 1280)
        defer { try? FileManager.default.removeItem(at: clip) }
        let port = try Self.freePort()
        let environment = ["REEL_SHUTDOWN_GRACE_SECONDS": "20", "REEL_TRANSCODE_SHUTDOWN_GRACE_SECONDS": "0.2", "REEL_MAX_UPLOAD_BYTES": "\(64 << 20)"]
        let region = try #require(RegionMap.standard.definition(for: "us"))
        let (videoID, status) = try await ReelServeProcess.run(dataDirectory: data, port: port, environment: environment) { server in
            try await server.waitUntilHealthy()
            let token = try await Self.signUp(server, handle: "transcoder")
            var request = URLRequest(url: server.base.appendingPathComponent("/v1/videos"))
            request.httpMethod = "POST"
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("video/mp4", forHTTPHeaderField: "Content-Type")
            let (body, response) = try await URLSession.shared.upload(for: request, from: try Data(contentsOf: clip))
            #expect((response as? HTTPURLResponse)?.statusCode == 202)
            let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            let id = try #require((json["id"] as? String).flatMap { ReelID($0) })
            // The worker has claimed the job: a second process may read the region's database (WAL).
            let store = try SQLiteRegionStore(region: region, databaseURL: RegionRouter.sqliteURL(data, "us"))
            let deadline = ContinuousClock.now + .seconds(60)
            while try await store.pendingJobs().first?.state != .running {
                guard ContinuousClock.now < deadline else { throw CancellationError() }
                try await Task.sleep(for: .milliseconds(20))
            }
            server.terminate()
            try await server.waitUntilExited()
            return id
        }
        #expect(status == .exited(0))
        let store = try SQLiteRegionStore(region: region, databaseURL: RegionRouter.sqliteURL(data, "us"))
        let video = try #require(try await store.video(id: videoID))
        let jobs = try await store.pendingJobs()
        #expect(video.status == .ready || jobs.map(\.videoID) == [videoID], "\(video.status) \(jobs)")
        #expect(!jobs.contains { $0.state == .running }, "no job is left claimed by a process that is gone: \(jobs)")
        #expect(jobs.allSatisfy { $0.attempts == 0 }, "a handed-back job did not use up an attempt: \(jobs)")

        _ = try await ReelServeProcess.run(dataDirectory: data, port: port) { server in
            try await server.waitUntilHealthy()
            let deadline = ContinuousClock.now + .seconds(120)
            while try await store.video(id: videoID)?.status != .ready {
                guard ContinuousClock.now < deadline else { throw CancellationError() }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
