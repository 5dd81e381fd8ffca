import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import Logging
import NIOCore
import ReelCore
import ReelMedia
import ReelSafety
@testable import ReelServer
import ReelStore
import ServiceLifecycle
import Testing

/// A Reel instance on a fresh temporary data directory, for one test, on SQLite and disk or (see
/// ``TestEngine``) on fresh PostgreSQL schemas and S3 buckets, with real key custodians
/// (``TestCustodians``).
struct TestApp {
    let directory: URL
    let configuration: ReelConfiguration
    let app: ReelApp
    let engine: TestEngine
    /// The PostgreSQL stores' connection pools, running from `make` to ``cleanUp()`` (nil on SQLite).
    private let pools: PoolRunner?

    /// Creates an app with fast bcrypt and small limits on `engine`, its stores migrated; `adjust`
    /// may change the configuration. Rate limits are raised out of reach (``RateLimitHTTPTests`` tests
    /// the defaults); `clock`, when given, is the clock of rate-limit windows and of once-a-day counting.
    static func make(_ engine: TestEngine = .sqlite, clock: ManualClock? = nil,
                     _ adjust: (inout ReelConfiguration) -> Void = { _ in }) async throws -> TestApp {
        var configuration = ReelConfiguration()
        configuration.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-test-\(UUID().uuidString)", isDirectory: true)
        configuration.bcryptCost = 4
        configuration.maxUploadBytes = 8 * 1024 * 1024
        configuration.transcodePollInterval = 0.2
        configuration.rateLimits = .raisedForTests
        if engine == .postgres { try await TestEngine.usePostgresAndS3(for: &configuration) }
        adjust(&configuration)
        // Real custodians (one per region, shared by the test process) unless the test named its own.
        try await TestCustodians.shared.configure(&configuration)
        var now: @Sendable () -> Date = { Date() }
        if let clock { now = { clock.now } }
        return try await open(configuration, engine: engine, now: now)
    }

    /// Opens the stores of `configuration` and migrates them; the PostgreSQL pools run until ``cleanUp()``.
    static func open(_ configuration: ReelConfiguration, engine: TestEngine,
                     now: @escaping @Sendable () -> Date = { Date() }) async throws -> TestApp {
        var logger = Logger(label: "reel.test")
        logger.logLevel = .warning
        let app = try buildServices(configuration: configuration, logger: logger, now: now)
        try await app.stores.migrate()
        var pools: PoolRunner?
        if !app.stores.storeServices.isEmpty {
            let runner = PoolRunner(app.stores.storeServices.map { service in { try await service.run() } })
            EngineScratch.current?.register(pools: runner)
            pools = runner
        }
        return TestApp(directory: configuration.dataDirectory, configuration: configuration, app: app, engine: engine, pools: pools)
    }

    /// The fresh PostgreSQL schema this app's stores live in (nil on SQLite).
    var postgresSchema: String? { configuration.publicDatabaseURL?.components(separatedBy: "search_path=").last }

    /// Opens the same data directory, databases and buckets again, as a restarted server would.
    func reopened() async throws -> TestApp {
        try await TestApp.open(configuration, engine: engine)
    }

    /// Runs `body` against the router, with the transcode worker running.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "reel.test.http")
        logger.logLevel = .warning
        return try await PoolsRunOutside(buildApplication(app, logger: logger)).test(.router) { client in try await body(client) }
    }

    /// Deletes the data directory and stops the PostgreSQL pools (the test's ``EngineScratch``
    /// drops its schemas and buckets when the test ends).
    func cleanUp() {
        pools?.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// An application whose PostgreSQL stores' pools run outside it, for the test app's whole life, so
/// that the test framework's service group does not run them a second time (a pool runs once) nor
/// stop them while the test still reads the stores.
struct PoolsRunOutside<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder
    let base: Base

    init(_ base: Base) { self.base = base }

    var responder: Responder { get async throws { try await base.responder } }
    var server: HTTPServerBuilder { base.server }
    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    var configuration: ApplicationConfiguration { base.configuration }
    var logger: Logger { base.logger }
    @Sendable func onServerRunning(_ channel: any Channel) async { await base.onServerRunning(channel) }
    var services: [any Service] { base.services.filter { !($0 is PostgresRegionStore || $0 is PostgresPublicIndex) } }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }
}

/// Hang guards, not speed checks: with the whole suite (both engines) on two shared cores, a
/// one-second clip can wait minutes for its turn at ffmpeg.
enum TestDeadline {
    /// Longest a test waits for an upload to be transcoded.
    static let transcode: Duration = .seconds(300)
}

/// A signed-up test user.
struct TestUser: Sendable {
    var id: ReelID
    var handle: String
    var token: String
    var headers: HTTPFields { [.authorization: "Bearer \(token)"] }
}

/// Makes real media files with ffmpeg for tests.
enum TestMedia {
    static let generator = TestClipGenerator(tools: try! FFmpegTools.locate())

    /// A small real MP4 clip (H.264/AAC) in a fresh temporary folder.
    static func clip(seconds: Double = 1, width: Int = 320, height: Int = 568, audio: Bool = true) async throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(UUID().uuidString).mp4")
        try await generator.makeVideo(at: url, options: .init(durationSeconds: seconds, width: width, height: height, includesAudio: audio))
        return url
    }
}

extension TestClientProtocol {
    /// Sends JSON (an encodable value or a raw string) and returns the response.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], json: String? = nil) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Signs up a user and returns it.
    func signUp(_ handle: String, country: String = "US", birthDate: String = "1990-05-01") async throws -> TestUser {
        let response = try await send(.post, "/v1/accounts", json: """
            {"handle":"\(handle)","email":"\(handle)@example.com","password":"correct horse battery","country":"\(country)","birthDate":"\(birthDate)"}
            """)
        #expect(response.status == .created, "sign-up of \(handle) failed: \(String(buffer: response.body))")
        let body = try response.decode(SessionBody.self)
        return TestUser(id: body.user.id, handle: handle, token: body.token)
    }

    /// Uploads a file as the raw body.
    func upload(_ file: URL, as user: TestUser, caption: String = "", visibility: String? = nil,
                contentType: String = "video/mp4") async throws -> TestResponse {
        var query = "caption=\(caption.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        if let visibility { query += "&visibility=\(visibility)" }
        var headers = user.headers
        headers[.contentType] = contentType
        return try await execute(uri: "/v1/videos?\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: try Data(contentsOf: file)))
    }

    /// Uploads a generated clip and waits until it is ready and, when it goes into the public
    /// listings, until the recommenders know it (see ``waitUntilRecommendable(_:)``).
    func publishClip(as user: TestUser, caption: String = "", visibility: String? = nil) async throws -> VideoView {
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let response = try await upload(clip, as: user, caption: caption, visibility: visibility)
        #expect(response.status == .accepted, "upload failed: \(String(buffer: response.body))")
        let video = try await waitUntilReady(try response.decode(VideoView.self).id, as: user)
        if video.status == .ready, video.visibility == .public, try await isListedPublicly(user) {
            try await waitUntilRecommendable(video.id)
        }
        return video
    }

    /// Whether `user`'s public videos go into the public listings (``VideoPolicy/isPubliclyListed(_:creator:)``):
    /// a public account of someone 16 or older.
    func isListedPublicly(_ user: TestUser) async throws -> Bool {
        let me = try await send(.get, "/v1/me", headers: user.headers).decode(AccountView.self)
        return !me.isPrivate && me.ageBand != "under16"
    }

    /// Polls `GET /v1/feed/items/{id}/why` as ``recommenderProbe()`` until For You's recommender
    /// knows the video (deadline ``TestDeadline/transcode``). A video turns `ready` in its region's
    /// store before the publisher lists it: the public index first, then the recommenders'
    /// catalogues, which answer `why` with `direct` until then. Neither the creator's own video list
    /// (the region's store, any status) nor the index alone says the recommenders have it, and the
    /// creator cannot ask: For You never recommends one's own uploads, so theirs is always `direct`.
    func waitUntilRecommendable(_ id: ReelID) async throws {
        let probe = try await recommenderProbe()
        let deadline = ContinuousClock.now + TestDeadline.transcode
        while ContinuousClock.now < deadline {
            let why = try await send(.get, "/v1/feed/items/\(id)/why", headers: probe.headers)
            if why.status == .ok, try why.decode(WhySource.self).source != "direct" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("video \(id) is ready but still not in For You's catalogue after \(TestDeadline.transcode)")
        throw CancellationError()
    }

    /// The adult account `recommender_probe` that asks For You's `why` on the tests' behalf:
    /// signed up on first use, logged in afterwards.
    func recommenderProbe() async throws -> TestUser {
        let handle = "recommender_probe"
        let signedUp = try await send(.post, "/v1/accounts", json: """
            {"handle":"\(handle)","email":"\(handle)@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}
            """)
        let response = signedUp.status == .created
            ? signedUp
            : try await send(.post, "/v1/sessions", json: #"{"handle":"recommender_probe","password":"correct horse battery"}"#)
        #expect(response.status == .created || response.status == .ok, "the recommender probe could not sign in: \(String(buffer: response.body))")
        let body = try response.decode(SessionBody.self)
        return TestUser(id: body.user.id, handle: handle, token: body.token)
    }

    /// Polls a video until it is no longer processing (deadline ``TestDeadline/transcode``).
    func waitUntilReady(_ id: ReelID, as user: TestUser) async throws -> VideoView {
        let deadline = ContinuousClock.now + TestDeadline.transcode
        while ContinuousClock.now < deadline {
            let video = try await send(.get, "/v1/videos/\(id)", headers: user.headers).decode(VideoView.self)
            if video.status != .processing { return video }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("video \(id) still processing after \(TestDeadline.transcode)")
        throw CancellationError()
    }
}

/// The `source` of a `GET /v1/feed/items/{id}/why` answer.
struct WhySource: Decodable {
    var source: String
}

struct SessionBody: Decodable {
    var user: AccountView
    var token: String
}

struct ErrorEnvelope: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
    }
    var error: Detail
}

extension TestResponse {
    /// Decodes the JSON body, recording the body on failure.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        do {
            return try JSONCoding.decoder().decode(Value.self, from: Data(body.readableBytesView))
        } catch {
            Issue.record("cannot decode \(Value.self) from \(status): \(String(buffer: body))")
            throw error
        }
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// The error code of a JSON error body (and checks its shape).
    var errorCode: String? { try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(body.readableBytesView)).error.code }
}
