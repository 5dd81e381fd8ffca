import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

/// `/healthz` answers from a background probe instead of querying every store (issue 11).
@Suite("Health probe")
struct HealthProbeTests {
    @Test("requests within the probe interval read the stored outcome; a stale one is probed again")
    func storedOutcome() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let probe = HealthProbe(stores: reel.app.stores.router.allStores, index: reel.app.stores.publicIndex, interval: .seconds(60))
        let first = await probe.check()
        #expect(first.failure == nil)
        #expect(await probe.current().checkedAt == first.checkedAt)

        let eager = HealthProbe(stores: reel.app.stores.router.allStores, index: reel.app.stores.publicIndex, interval: .zero)
        let old = await eager.check()
        #expect(await eager.current().checkedAt > old.checkedAt)
    }

    @Test("a media folder that disappears makes the next probe fail, naming the folder")
    func mediaStoreProbed() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let root = reel.directory.appendingPathComponent("probe-media", isDirectory: true)
        let media = try DiskMediaStore(root: root)
        let probe = HealthProbe(stores: reel.app.stores.router.allStores, index: reel.app.stores.publicIndex,
                                media: [media], interval: .seconds(60))
        #expect(await probe.check().failure == nil)
        try FileManager.default.removeItem(at: root.appendingPathComponent("videos", isDirectory: true))
        let failure = try #require(await probe.check().failure)
        #expect(failure.contains("videos"))
    }

    @Test("/healthz answers the regions as JSON")
    func route() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let response = try await client.send(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.text == #"{"regions":["us","eu","global"],"status":"ok"}"#)
        }
    }
}
