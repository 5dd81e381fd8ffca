import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// `GET /metrics` as an operator's Prometheus scraper reads it.
@Suite("Metrics")
struct MetricsHTTPTests {
    /// The exposition's samples, keyed by series (`name{labels}`), e.g.
    /// `reel_http_requests_total{method="GET",route="/healthz",status="2xx"}`.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    static func requests(_ method: String, _ route: String, _ status: String) -> String {
        #"reel_http_requests_total{method="\#(method)",route="\#(route)",status="\#(status)"}"#
    }

    @Test("requests are counted and timed by route pattern and status class, never by raw path")
    func requestsByRoute() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let missing = [ReelID(rawValue: 0x10_0000_0001), ReelID(rawValue: 0x10_0000_0002)]
            for id in missing { #expect(try await client.send(.get, "/v1/videos/\(id)").status == .notFound) }
            #expect(try await client.send(.get, "/healthz").status == .ok)
            #expect(try await client.send(.get, "/no/such/path/42").status == .notFound)

            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.text
            let samples = Self.samples(text)
            #expect(samples[Self.requests("GET", "/v1/videos/{id}", "4xx")] == 2, "\(text)")
            #expect(samples[Self.requests("GET", "/healthz", "2xx")] == 1, "\(text)")
            #expect(samples[Self.requests("GET", "unmatched", "4xx")] == 1, "\(text)")
            let histogram = #"reel_http_request_duration_seconds_count{method="GET",route="/v1/videos/{id}",status="4xx"}"#
            #expect(samples[histogram] == 2, "\(text)")
            #expect(text.contains(#"reel_http_request_duration_seconds_bucket{method="GET",route="/v1/videos/{id}",status="4xx",le="+Inf"} 2"#))
            for id in missing { #expect(!text.contains(id.description), "a raw ID became a label: \(text)") }
            #expect(!text.contains("/no/such/path"))
        }
    }

    @Test("each region's transcode queue and recommender log position are gauges")
    func gauges() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "gauged", email: "g@example.com", password: "correct horse",
                                                                    country: "US", birthDate: "1990-01-01", displayName: nil))
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let video = try await reel.app.videos.upload(creator: account.id, caption: "", visibility: .public) { writer in
            try writer.write(try Data(contentsOf: clip))
        }
        try await reel.app.recommender.load()
        let store = try reel.app.stores.router.store(for: account.id)
        let events = (0..<3).map { index in
            WatchEvent(clientEventID: "e\(index)", userID: account.id, videoID: video.id, watchedMs: 500, durationMs: 1000,
                       completed: false, replayed: false, at: Date())
        }
        _ = try await store.recordWatchEvents(events)
        let sampler = MetricsSampler(stores: reel.app.stores.router.allStores, recommender: reel.app.recommender,
                                     metrics: reel.app.metrics, interval: .seconds(5), logger: reel.app.logger)
        await sampler.sample()
        var samples = Self.samples(String(decoding: reel.app.metrics.exposition(), as: UTF8.self))
        #expect(samples[#"reel_transcode_jobs{region="us",state="queued"}"#] == 1)
        #expect(samples[#"reel_transcode_jobs{region="us",state="running"}"#] == 0)
        #expect(samples[#"reel_transcode_jobs{region="eu",state="queued"}"#] == 0)
        #expect(samples[#"reel_recommender_log_lag{region="us"}"#] == 3, "three watch events since the recommender loaded")
        #expect(samples[#"reel_recommender_log_lag{region="eu"}"#] == 0)

        try await reel.app.recommender.catchUpAll()
        await sampler.sample()
        samples = Self.samples(String(decoding: reel.app.metrics.exposition(), as: UTF8.self))
        #expect(samples[#"reel_recommender_log_lag{region="us"}"#] == 0, "following the log applies it up to its head")
        #expect(samples[#"reel_recommender_log_head{region="us"}"#] == samples[#"reel_recommender_log_applied{region="us"}"#])
    }

    @Test("a failing store is counted by region and operation; a 409 is not a store error")
    func storeErrors() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            _ = try await client.signUp("taken")
            let again = try await client.send(.post, "/v1/accounts", json: """
                {"handle":"taken","email":"other@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}
                """)
            #expect(again.status == .conflict)
            #expect(!(try await client.send(.get, "/metrics").text.contains("reel_store_errors_total")))
        }
        // The EU database loses its job table, as a botched manual change would do.
        let queue = try DatabaseQueue(path: RegionRouter.sqliteURL(reel.directory, "eu").path)
        try await queue.write { try $0.execute(sql: "DROP TABLE transcodeJobs") }
        let sampler = MetricsSampler(stores: reel.app.stores.router.allStores, recommender: reel.app.recommender,
                                     metrics: reel.app.metrics, interval: .seconds(5), logger: reel.app.logger)
        await sampler.sample()
        let samples = Self.samples(String(decoding: reel.app.metrics.exposition(), as: UTF8.self))
        #expect(samples[#"reel_store_errors_total{region="eu",operation="pendingJobs"}"#] == 1)
        #expect(samples[#"reel_store_errors_total{region="us",operation="pendingJobs"}"#] == nil)
    }

    @Test("with a metrics token, /metrics needs it (401 otherwise), and user tokens still work elsewhere")
    func tokenProtected() async throws {
        let token = "scraper-secret-0123456789"
        let reel = try await TestApp.make { $0.metricsToken = token; $0.host = "0.0.0.0" }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let anonymous = try await client.send(.get, "/metrics")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "unauthorized")
            #expect(try await client.send(.get, "/metrics", headers: [.authorization: "Bearer wrong-secret-0123456789"]).status == .unauthorized)
            let scraped = try await client.send(.get, "/metrics", headers: [.authorization: "Bearer \(token)"])
            #expect(scraped.status == .ok)
            #expect(scraped.text.contains("reel_http_requests_total"))
            let user = try await client.signUp("scraped")
            #expect(try await client.send(.get, "/v1/me", headers: user.headers).status == .ok)
        }
    }

    @Test("a server on a public address without a metrics token publishes no metrics (404 that says why)")
    func closedOnPublicListener() async throws {
        let reel = try await TestApp.make { $0.host = "0.0.0.0" }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .notFound)
            let message = try response.decode(ErrorEnvelope.self).error.message
            #expect(message.contains("metricsToken"), "\(message)")
        }
    }
}
