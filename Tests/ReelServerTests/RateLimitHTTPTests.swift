import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ReelCore
import ReelSafety
@testable import ReelServer
import ReelStore
import Testing

/// Abuse limits with the production defaults (issue 13 item 7): they trip at the configured
/// numbers, answer 429 with `Retry-After`, recover when the window has passed (a hand-moved clock,
/// no sleeping), are shared by two app instances on one database, and never store a client address.
@Suite("Rate limits over HTTP", .dropsEngineScratch)
struct RateLimitHTTPTests {
    struct RateLimitedBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
            var retryAfterSeconds: Int?
        }
        var error: Detail
    }

    /// Expects a 429 `rate_limited` whose `Retry-After` header and body both say `seconds`.
    static func expectRateLimited(_ response: TestResponse, after seconds: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == .tooManyRequests, "\(response.status): \(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers[.retryAfter] == "\(seconds)", sourceLocation: sourceLocation)
        let body = try response.decode(RateLimitedBody.self)
        #expect(body.error.code == "rate_limited", sourceLocation: sourceLocation)
        #expect(body.error.retryAfterSeconds == seconds, sourceLocation: sourceLocation)
    }

    static func logIn(_ client: any TestClientProtocol, _ handle: String, password: String) async throws -> TestResponse {
        try await client.send(.post, "/v1/sessions", json: #"{"handle":"\#(handle)","password":"\#(password)"}"#)
    }

    @Test("follows trip at the default 100 an hour with Retry-After and recover when the window has passed", arguments: TestEngine.all)
    func followsTripAndRecover(_ engine: TestEngine) async throws {
        let clock = ManualClock()
        let reel = try await TestApp.make(engine, clock: clock) { $0.rateLimits = RateLimits() }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("followed"), fan = try await client.signUp("eager_fan")
            for attempt in 1...RateLimitAction.follow.defaultLimit.count {
                let response = try await client.send(.put, "/v1/users/\(creator.handle)/follow", headers: fan.headers)
                #expect(response.status == .ok, "follow \(attempt) was refused: \(response.text)")
            }
            clock.advance(600)
            try Self.expectRateLimited(try await client.send(.put, "/v1/users/\(creator.handle)/follow", headers: fan.headers), after: 3000)
            // Other actions and other accounts have buckets of their own.
            #expect(try await client.send(.put, "/v1/users/\(fan.handle)/follow", headers: creator.headers).status == .ok)
            clock.advance(3000)
            #expect(try await client.send(.put, "/v1/users/\(creator.handle)/follow", headers: fan.headers).status == .ok)
        }
    }

    @Test("log-in backs off after five failures, doubling, and forgets the failures after a success", arguments: TestEngine.all)
    func logInBackoff(_ engine: TestEngine) async throws {
        let clock = ManualClock()
        let reel = try await TestApp.make(engine, clock: clock) { $0.rateLimits = RateLimits() }
        defer { reel.cleanUp() }
        try await reel.test { client in
            _ = try await client.signUp("guessed")
            for _ in 1...5 { #expect(try await Self.logIn(client, "guessed", password: "wrong guess").status == .unauthorized) }
            // Locked for 30 s after the fifth failure, even with the right password.
            try Self.expectRateLimited(try await Self.logIn(client, "guessed", password: "correct horse battery"), after: 30)
            clock.advance(10)
            try Self.expectRateLimited(try await Self.logIn(client, "guessed", password: "wrong guess"), after: 20)
            clock.advance(20)
            #expect(try await Self.logIn(client, "guessed", password: "wrong guess").status == .unauthorized)
            try Self.expectRateLimited(try await Self.logIn(client, "guessed", password: "wrong guess"), after: 60)
            clock.advance(60)
            #expect(try await Self.logIn(client, "guessed", password: "wrong guess").status == .unauthorized)
            try Self.expectRateLimited(try await Self.logIn(client, "guessed", password: "wrong guess"), after: 120)
            clock.advance(120)
            #expect(try await Self.logIn(client, "guessed", password: "correct horse battery").status == .ok)
            // The success forgot the failures: four more are free again.
            for _ in 1...4 { #expect(try await Self.logIn(client, "guessed", password: "wrong guess").status == .unauthorized) }
            #expect(try await Self.logIn(client, "guessed", password: "correct horse battery").status == .ok)
            // A handle that names no account backs off the same way, so 429 tells nothing about who exists.
            for _ in 1...5 { #expect(try await Self.logIn(client, "nobody_at_all", password: "wrong guess").status == .unauthorized) }
            try Self.expectRateLimited(try await Self.logIn(client, "nobody_at_all", password: "wrong guess"), after: 30)
        }
    }

    @Test("two app instances on one database share the counters", arguments: TestEngine.all)
    func sharedByInstances(_ engine: TestEngine) async throws {
        let clock = ManualClock()
        let first = try await TestApp.make(engine, clock: clock) { $0.rateLimits = RateLimits([.comment: RateLimit(count: 4, seconds: 60)]) }
        defer { first.cleanUp() }
        let second = try await TestApp.open(first.configuration, engine: engine, now: { clock.now })
        let video = try await first.test { client in
            let creator = try await client.signUp("talked_about")
            return try await client.publishClip(as: creator)
        }
        let fan = try await first.test { client in try await client.signUp("chatty") }
        for (attempt, app) in [first, second, first, second].enumerated() {
            let posted = try await app.test { client in
                try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: fan.headers, json: #"{"body":"nice \#(attempt)"}"#)
            }
            #expect(posted.status == .created, "comment \(attempt + 1) was refused: \(posted.text)")
        }
        for app in [first, second] {
            let refused = try await app.test { client in
                try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: fan.headers, json: #"{"body":"one more"}"#)
            }
            try Self.expectRateLimited(refused, after: 60)
        }
    }

    @Test("sign-ups are limited per client address, read from X-Forwarded-For only behind a trusted proxy, and no address is stored",
          arguments: TestEngine.all)
    func signUpsPerAddress(_ engine: TestEngine) async throws {
        let clock = ManualClock()
        let reel = try await TestApp.make(engine, clock: clock) {
            $0.rateLimits = RateLimits()
            $0.trustedProxies = ["127.0.0.1", "::1"]
        }
        defer { reel.cleanUp() }
        var logger = Logger(label: "reel.test.live")
        logger.logLevel = .warning
        let address = "203.0.113.77"
        try await PoolsRunOutside(buildApplication(reel.app, logger: logger)).test(.live) { client in
            func signUp(_ handle: String, from forwardedFor: String) async throws -> TestResponse {
                try await client.execute(uri: "/v1/accounts", method: .post,
                                         headers: [.contentType: "application/json", .xForwardedFor: forwardedFor], body: ByteBuffer(string: """
                    {"handle":"\(handle)","email":"\(handle)@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}
                    """))
            }
            let limit = RateLimitAction.signup.defaultLimit.count
            for n in 1...limit {
                // A client's own left-most entry is not believed: the proxy's right-most entry names the client.
                let response = try await signUp("joiner_\(n)", from: "10.9.9.\(n), \(address)")
                #expect(response.status == .created, "sign-up \(n) was refused: \(response.text)")
            }
            try Self.expectRateLimited(try await signUp("joiner_more", from: address), after: 3600)
            #expect(try await signUp("neighbour", from: "198.51.100.4").status == .created)
            clock.advance(3600)
            #expect(try await signUp("joiner_later", from: address).status == .created)
        }
        // Every bucket names its address by a keyed hash: 64 hex digits, never the address itself.
        var buckets: [String] = []
        for store in reel.app.stores.router.allStores { buckets += try await store.rateLimitBuckets() }
        let addressBuckets = buckets.filter { $0.hasPrefix("signup:addr:") }
        // The neighbour's window ended an hour after it began and was pruned; the busy address's restarted.
        #expect(addressBuckets.count == 1)
        #expect(addressBuckets.allSatisfy { $0.dropFirst("signup:addr:".count).count == 64 })
        for raw in [address, "198.51.100.4", "127.0.0.1", "10.9.9.1"] {
            #expect(!buckets.contains { $0.contains(raw) }, "a bucket holds the raw address \(raw)")
        }
        if engine == .sqlite {
            for region in reel.configuration.regions.regions {
                let file = RegionRouter.sqliteURL(reel.configuration.dataDirectory, region.code)
                for url in [file, URL(fileURLWithPath: file.path + "-wal")] where FileManager.default.fileExists(atPath: url.path) {
                    #expect(try Data(contentsOf: url).range(of: Data(address.utf8)) == nil, "\(url.lastPathComponent) of \(region.code) holds the raw address")
                }
            }
        }
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy, read from the right")
    func clientAddressResolution() {
        let trusted: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(ClientAddressMiddleware.clientAddress(peer: "198.51.100.1", forwardedFor: ["1.2.3.4"], trustedProxies: trusted) == "198.51.100.1")
        #expect(ClientAddressMiddleware.clientAddress(peer: "10.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.9"], trustedProxies: trusted) == "203.0.113.9")
        #expect(ClientAddressMiddleware.clientAddress(peer: "10.0.0.1", forwardedFor: ["203.0.113.9", "10.0.0.2"], trustedProxies: trusted) == "203.0.113.9")
        #expect(ClientAddressMiddleware.clientAddress(peer: "10.0.0.1", forwardedFor: [], trustedProxies: trusted) == "10.0.0.1")
        #expect(ClientAddressMiddleware.clientAddress(peer: "::ffff:198.51.100.1", forwardedFor: [], trustedProxies: []) == "198.51.100.1")
        #expect(ClientAddressMiddleware.clientAddress(peer: nil, forwardedFor: ["1.2.3.4"], trustedProxies: trusted) == nil)
    }

    @Test("limits are read from REEL_RATE_LIMIT_<ACTION> and the file's rateLimits; malformed ones are refused")
    func configuration() throws {
        let configuration = try ReelConfiguration.load(file: nil, environment: [
            "REEL_RATE_LIMIT_COMMENT": "3/10", "REEL_RATE_LIMIT_LOGIN_IP": " 50 / 600 ", "REEL_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2",
        ])
        #expect(configuration.rateLimits[.comment] == RateLimit(count: 3, seconds: 10))
        #expect(configuration.rateLimits[.loginIP] == RateLimit(count: 50, seconds: 600))
        #expect(configuration.rateLimits[.upload] == RateLimitAction.upload.defaultLimit)
        #expect(configuration.trustedProxies == ["10.0.0.1", "10.0.0.2"])
        for bad in ["3", "0/10", "3/0", "x/10", "3/-1"] {
            #expect(throws: ReelError.self) { try ReelConfiguration.load(file: nil, environment: ["REEL_RATE_LIMIT_FOLLOW": bad]) }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"rateLimits": {"signup": "2/60"}, "trustedProxies": ["10.1.1.1"]}"#.utf8).write(to: file)
        let fromFile = try ReelConfiguration.load(file: file.path, environment: [:])
        #expect(fromFile.rateLimits[.signup] == RateLimit(count: 2, seconds: 60))
        #expect(fromFile.trustedProxies == ["10.1.1.1"])
        try Data(#"{"rateLimits": {"likes": "2/60"}}"#.utf8).write(to: file)
        #expect(throws: ReelError.self) { try ReelConfiguration.load(file: file.path, environment: [:]) }
    }
}
