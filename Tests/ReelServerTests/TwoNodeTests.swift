import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ReelCore
import ReelGuard
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two real `reel serve` processes sharing one PostgreSQL (a fresh schema per store) and one S3
/// server, checked by state, not by wall-clock: what one node writes, the other serves.
@Suite("Two nodes on one PostgreSQL and S3", .serialized)
struct TwoNodeTests {
    @Test("uploads, likes, watch events, privacy, sign-out and a dead node's transcode job carry over to the other node")
    func twoNodes() async throws {
        let cluster = try await TwoNodeCluster.make()
        let port = TestPorts.free(count: 3)
        defer { cluster.cleanUp() }
        _ = try await ReelServeProcess.run(dataDirectory: cluster.directory("a"), port: port, standardError: cluster.log("a"),
                                       environment: cluster.environment) { a in
            try await a.waitUntilHealthy()
            let creator = try await a.signUp("node_creator"), viewer = try await a.signUp("node_viewer")
            let stranger = try await a.signUp("node_stranger")
            _ = try await ReelServeProcess.run(dataDirectory: cluster.directory("b"), port: port + 1,
                                               standardError: cluster.log("b"), environment: cluster.environment) { b in
                try await b.waitUntilHealthy()
                // An upload through A plays through B.
                let video = try await a.upload(try await TestMedia.clip(), token: creator.token, caption: "two nodes #nodes")
                try await b.waitUntilReady(video, token: creator.token)
                #expect(try await b.status("GET", "/v1/videos/\(video)/media", token: stranger.token) == 200)

                // A like through A counts on B.
                #expect(try await a.request("PUT", "/v1/videos/\(video)/like", token: viewer.token).1 == 200)
                #expect(try await b.request("GET", "/v1/videos/\(video)").0["likeCount"] as? Int == 1)

                // For You on B lists the video A published; after watch events sent to A, once B has
                // applied A's log up to its head, For You on B reflects them (a watched video is not shown again).
                try await b.waitUntil("B's For You lists the video published through A") {
                    try await b.forYou(token: viewer.token).contains(video)
                }
                let watch = #"{"events":[{"id":"n1","videoID":"\#(video)","watchedMs":2000,"durationMs":1000,"completed":true,"replayed":false}]}"#
                #expect(try await a.request("POST", "/v1/events", token: viewer.token, json: watch).1 == 200)
                let head = try await a.logPosition("us").logHead
                #expect(head > 0)
                try await b.waitUntil("B applies A's behaviour log up to \(head)") { try await b.logPosition("us").appliedSequence >= head }
                #expect(try await !b.forYou(token: viewer.token).contains(video), "B's For You still shows a video A was told was watched")

                // A sign-out on A is refused on B at once (B had the token cached).
                let session = try await a.logIn("node_viewer")
                #expect(try await b.status("GET", "/v1/me", token: session) == 200)
                #expect(try await a.status("DELETE", "/v1/sessions/current", token: session) == 204)
                #expect(try await b.status("GET", "/v1/me", token: session) == 401)

                // Made private on A: the very next request on B no longer plays it for a stranger (B had its row cached).
                #expect(try await b.status("GET", "/v1/videos/\(video)/media", token: stranger.token) == 200)
                #expect(try await a.request("PATCH", "/v1/videos/\(video)", token: creator.token, json: #"{"visibility":"private"}"#).1 == 200)
                #expect(try await b.status("GET", "/v1/videos/\(video)/media", token: stranger.token) == 404)
                #expect(try await b.status("GET", "/v1/videos/\(video)/media", token: creator.token) == 200)

                // The account turned private on A: its public video stops playing for strangers on B at once.
                let other = try await a.upload(try await TestMedia.clip(), token: creator.token, caption: "second")
                try await b.waitUntilReady(other, token: creator.token)
                #expect(try await b.status("GET", "/v1/videos/\(other)/media", token: stranger.token) == 200)
                #expect(try await a.request("PATCH", "/v1/me", token: creator.token, json: #"{"isPrivate":true}"#).1 == 200)
                #expect(try await b.status("GET", "/v1/videos/\(other)/media", token: stranger.token) == 404)
            }

            // With B gone, A claims the next job; killed mid-transcode (kill -9), its lease runs out and a
            // new node B finishes the job.
            let queue = try await cluster.openUSStore()
            defer { queue.stop() }
            let long = try await a.upload(try await TestMedia.clip(seconds: 20, width: 1080, height: 1920), token: creator.token, caption: "long")
            let id = try #require(ReelID(long))
            try await a.waitUntil("A claims the job") { try await queue.store.pendingJobs().first { $0.videoID == id }?.state == .running }
            #expect(kill(a.processIdentifier, SIGKILL) == 0)
            let claimed = try #require(try await queue.store.pendingJobs().first { $0.videoID == id }, "A finished before it was killed")
            #expect(claimed.attempts == 1)
            _ = try await ReelServeProcess.run(dataDirectory: cluster.directory("b"), port: port + 2, standardError: cluster.log("b2"),
                                           environment: cluster.environment) { b in
                try await b.waitUntilHealthy()
                try await b.waitUntilReady(long, token: creator.token, seconds: 240)
                #expect(try await b.status("GET", "/v1/videos/\(long)/media", token: creator.token) == 200)
            }
            #expect(try await queue.store.pendingJobs().isEmpty)
        }
    }
}

/// One PostgreSQL schema per store and the S3 test buckets, as both nodes' environment.
struct TwoNodeCluster {
    let root: URL
    let environment: [String: String]
    let usURL: String

    /// Fresh schemas on `REEL_TEST_POSTGRES_URL` and the `REEL_TEST_S3_*` buckets; cancels the test
    /// (or fails it when `CI=true`) when either server is not configured.
    static func make() async throws -> TwoNodeCluster {
        let variables = ProcessInfo.processInfo.environment
        guard let server = variables["REEL_TEST_POSTGRES_URL"], !server.isEmpty, S3TestServer.configuration(region: "us") != nil else {
            let note = "Two-node test skipped: it needs REEL_TEST_POSTGRES_URL and REEL_TEST_S3_* (make test sets them)."
            if variables["CI"] == "true" { Issue.record(Comment(rawValue: note)) }
            try Test.cancel(Comment(rawValue: note))
        }
        let schema = "n_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var environment = ["REEL_MULTI_NODE": "1", "REEL_TRANSCODE_LEASE_SECONDS": "3", "REEL_LOG_POLL_SECONDS": "0.2",
                           "REEL_TOKEN_SECRET": "two-node-test-secret-" + schema, "REEL_WEB_DIR": "",
                           "REEL_PUBLIC_DATABASE_URL": "\(server)/reel_public?search_path=\(schema)"]
        for region in RegionMap.standard.regions {
            let code = region.code.rawValue
            environment["REEL_\(code.uppercased())_DATABASE_URL"] = "\(server)/reel_\(code)?search_path=\(schema)"
            let s3 = try #require(S3TestServer.configuration(region: region.code))
            for (field, value) in [("ENDPOINT", s3.endpoint.absoluteString), ("BUCKET", s3.bucket), ("ACCESS_KEY_ID", s3.accessKeyID),
                                   ("SECRET_ACCESS_KEY", s3.secretAccessKey)] {
                environment["REEL_\(code.uppercased())_S3_\(field)"] = value
            }
            // Both nodes use the region's one custodian (each node's own would hold different keys).
            let custodian = try await TestCustodians.shared.endpoint(for: region.code)
            if case .unixSocket(let socket) = custodian.address { environment["REEL_\(code.uppercased())_CUSTODIAN_SOCKET"] = socket }
            environment["REEL_\(code.uppercased())_CUSTODIAN_CREDENTIAL_FILE"] = custodian.credentialFile.path
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reel-nodes-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return TwoNodeCluster(root: root, environment: environment, usURL: environment["REEL_US_DATABASE_URL"]!)
    }

    /// A node's own data directory (recommender snapshots, scratch space).
    func directory(_ node: String) -> URL { root.appendingPathComponent(node, isDirectory: true) }

    /// Where a node's standard error goes (kept for a failing run).
    func log(_ node: String) -> URL { root.appendingPathComponent("\(node).log") }

    /// The US region store as the nodes see it, with its pool running until `stop()`.
    func openUSStore() async throws -> RunningStore {
        var logger = Logger(label: "reel.test.nodes")
        logger.logLevel = .error
        let store = try PostgresRegionStore(region: try #require(RegionMap.standard.definition(for: "us")), url: usURL, logger: logger)
        return RunningStore(store: store, task: Task { try await store.run() })
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    /// A store and the task running its pool.
    struct RunningStore {
        let store: PostgresRegionStore
        let task: Task<Void, any Error>
        func stop() { task.cancel() }
    }
}

extension ReelServeProcess {
    /// Signs up `handle` (country US) and returns the user's ID and token.
    func signUp(_ handle: String) async throws -> (id: String, token: String) {
        let (body, status) = try await request("POST", "/v1/accounts", json: """
            {"handle":"\(handle)","email":"\(handle)@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}
            """)
        #expect(status == 201, "sign-up of \(handle): \(body)")
        let user = try #require(body["user"] as? [String: Any])
        return (try #require(user["id"] as? String), try #require(body["token"] as? String))
    }

    /// Logs `handle` in again: a new session and token.
    func logIn(_ handle: String) async throws -> String {
        let (body, status) = try await request("POST", "/v1/sessions", json: #"{"handle":"\#(handle)","password":"correct horse battery"}"#)
        #expect(status == 200)
        return try #require(body["token"] as? String)
    }

    /// Uploads `file` (then deletes it) as the raw body; returns the new video's ID.
    func upload(_ file: URL, token: String, caption: String) async throws -> String {
        defer { try? FileManager.default.removeItem(at: file) }
        var request = URLRequest(url: URL(string: base.absoluteString + "/v1/videos?caption="
                                          + (caption.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("video/mp4", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.upload(for: request, from: try Data(contentsOf: file))
        #expect((response as? HTTPURLResponse)?.statusCode == 202, "\(String(decoding: data, as: UTF8.self))")
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(body["id"] as? String)
    }

    /// The status code of `method path`.
    func status(_ method: String, _ path: String, token: String? = nil) async throws -> Int {
        try await request(method, path, token: token).1
    }

    /// The video IDs the first For You page recommends (not the watched ones it brings back when it runs dry).
    func forYou(token: String) async throws -> [String] {
        // `request` takes a path alone (it would encode the query's `?`).
        var request = URLRequest(url: URL(string: base.absoluteString + "/v1/feed?kind=foryou&limit=50")!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
        let body = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        // Videos brought back once nothing unseen is left are marked `watched_before`: not a recommendation.
        return (body["items"] as? [[String: Any]] ?? []).filter { $0["source"] as? String != "watched_before" }
            .compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    /// Region `region`'s entry of `GET /healthz/log`.
    func logPosition(_ region: String) async throws -> RankRecommender.LogPosition {
        let (body, status) = try await request("GET", "/healthz/log")
        #expect(status == 200)
        let entry = try #require((body["regions"] as? [[String: Any]])?.first { $0["region"] as? String == region })
        return RankRecommender.LogPosition(region: region, appliedSequence: try #require(entry["appliedSequence"] as? Int64 ?? (entry["appliedSequence"] as? Int).map(Int64.init)),
                                           logHead: try #require(entry["logHead"] as? Int64 ?? (entry["logHead"] as? Int).map(Int64.init)))
    }

    /// Polls until the video is no longer processing and is ready.
    func waitUntilReady(_ id: String, token: String, seconds: Int = 120) async throws {
        try await waitUntil("video \(id) becomes ready", seconds: seconds) {
            let status = try await request("GET", "/v1/videos/\(id)", token: token).0["status"] as? String
            if status == "failed" { Issue.record("video \(id) failed") }
            return status == "ready" || status == "failed"
        }
        #expect(try await request("GET", "/v1/videos/\(id)", token: token).0["status"] as? String == "ready")
    }

    /// Polls `condition` every 100 ms until it holds; a hang guard, not a speed check.
    /// - Throws: `CancellationError` (after recording an issue) when `seconds` pass first.
    func waitUntil(_ what: String, seconds: Int = 120, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting until \(what)")
        throw CancellationError()
    }
}
