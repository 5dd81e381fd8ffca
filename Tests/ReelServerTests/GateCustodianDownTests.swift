import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

/// With a region's custodian unreachable, the gate can't record, so nothing is read.
@Suite("The gate with a custodian down")
struct GateCustodianDownTests {
    @Test("a look-up and an export of the region's data answer 503 custodian_unavailable and reveal nothing")
    func custodianDown() async throws {
        let credential = FileManager.default.temporaryDirectory.appendingPathComponent("reel-down-\(UUID().uuidString)")
        try "not-a-real-credential".write(to: credential, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: credential) }
        let t = try await TestApp.make { configuration in
            configuration.custodians["us"] = CustodianEndpoint(address: .unixSocket("/tmp/reel-no-custodian-\(UUID().uuidString).sock"),
                                                               credentialFile: credential)
        }
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "eu", role: "support", handle: "una")
        try await t.test { client in
            let ulla = try await client.signUp("ulla", country: "US")
            let token = try await client.staffToken(region: "eu", handle: "una", totp: totp)
            let lookUp = try await client.send(.get, "/v1/staff/accounts/ulla?justification=TICKET-105",
                                               headers: [.authorization: "Bearer \(token)"])
            #expect(lookUp.status == .serviceUnavailable)
            #expect(try lookUp.decode(ErrorEnvelope.self).error.code == "custodian_unavailable")
            #expect(!lookUp.text.contains("ulla@example.com"))
            let export = try await client.send(.get, "/v1/me/export", headers: ulla.headers)
            #expect(export.status == .serviceUnavailable)
            #expect(!export.text.contains("ulla@example.com"))
            #expect(try await client.send(.get, "/v1/users/ulla").status == .ok, "public content is still served")
        }
    }
}
