import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
@testable import ReelServer
import Testing

/// The web client's files are served at `/` beside the API, without shadowing it.
@Suite("Web client serving")
struct WebServingTests {
    @Test("the repository's Web folder is found and served; API errors stay JSON")
    func servesWebFolder() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let web = try #require(reel.configuration.webDirectory, "Web/ not found from the working directory")
        let script = try String(contentsOf: web.appendingPathComponent("js/app.js"), encoding: .utf8)
        try await reel.test { client in
            let index = try await client.send(.get, "/")
            #expect(index.status == .ok)
            #expect(index.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: index.body).contains("<title>Reel</title>"))
            #expect(index.headers[.cacheControl] == "no-cache")
            let app = try await client.send(.get, "/js/app.js")
            #expect(app.status == .ok)
            #expect(app.headers[.contentType]?.contains("javascript") == true)
            #expect(String(buffer: app.body) == script)
            let missing = try await client.send(.get, "/no-such-page.html")
            #expect(missing.status == .notFound)
            let apiMissing = try await client.send(.get, "/v1/videos/zzzzzzzzzzzzz")
            #expect(apiMissing.status == .notFound)
            #expect(try apiMissing.decode(ErrorEnvelope.self).error.code == "not_found")
            #expect(try await client.send(.get, "/js/../../Package.swift").status != .ok)
        }
    }

    @Test("with no web folder configured only the API answers")
    func apiOnly() async throws {
        let reel = try await TestApp.make { $0.webDirectory = nil }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let root = try await client.send(.get, "/")
            let health = try await client.send(.get, "/healthz")
            #expect(root.status == .notFound)
            #expect(health.status == .ok)
        }
    }

    @Test("a configured web folder without index.html is refused at start-up")
    func invalidFolder() throws {
        #expect(throws: (any Error).self) {
            _ = try ReelConfiguration.load(file: nil, environment: ["REEL_WEB_DIR": FileManager.default.temporaryDirectory.path])
        }
    }
}
