import Foundation
import HTTPTypes
import HummingbirdTesting
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
        let probe = HealthProbe(stores: reel.app.platform.router.allStores, index: reel.app.platform.publicIndex, interval: .seconds(60))
        let first = await probe.check()
        #expect(first.failure == nil)
        #expect(await probe.current().checkedAt == first.checkedAt)

        let eager = HealthProbe(stores: reel.app.platform.router.allStores, index: reel.app.platform.publicIndex, interval: .zero)
        let old = await eager.check()
        #expect(await eager.current().checkedAt > old.checkedAt)
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
