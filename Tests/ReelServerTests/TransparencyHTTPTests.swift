import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

/// `GET /v1/transparency/{region}/…`: each region's public audit log, relayed from its real custodian.
@Suite struct TransparencyHTTPTests {
    /// A gate decision about `subject`, as the gate records one.
    static func decision(_ region: RegionCode, subject: String?, principal: AuditPrincipal, justification: String,
                         decision: AuditEntry.Decision = .allowed) -> AuditEntry {
        AuditEntry(kind: .gateDecision, time: Date(), region: region, principal: principal, purpose: "support-ticket",
                   justification: justification, decision: decision, subject: subject, resource: "account.email")
    }

    @Test func theRoutesServeAVerifiableLogWithoutAuthentication() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let custodian = try reel.app.custodians.client(for: "us")
        let staff = AuditPrincipal(kind: .staff, role: "support", jurisdiction: "us")
        _ = try await custodian.append((1...3).map { Self.decision("us", subject: nil, principal: staff, justification: "T-\($0)") })
        try await reel.test { client in
            let key = try await client.send(.get, "/v1/transparency/us/public-key").decode(CustodianAPI.PublicKey.self)
            let signingKey = try Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey)
            let headResponse = try await client.send(.get, "/v1/transparency/us/sth")
            #expect(headResponse.status == .ok)
            let head = try headResponse.decode(SignedTreeHead.self)
            #expect(head.isSigned(by: signingKey))
            let size = Int(head.treeSize)
            #expect(size >= 3)

            // Every entry, page by page, rebuilds the signed root (RFC 9162 §2.1.1).
            var tree = MerkleLevels()
            var start = 0
            while start < size {
                let page = try await client.send(.get, "/v1/transparency/us/entries?start=\(start)&end=\(min(size, start + 1000))")
                    .decode(CustodianAPI.Entries.self)
                #expect(page.entries.first?.index == start)
                for item in page.entries { tree.append(MerkleHash.leaf(Array(item.entry.utf8))) }
                start += max(1, page.entries.count)
            }
            #expect(try MerkleProofs.rootHash(size: size, in: tree) == head.rootHash)

            let inclusion = try await client.send(.get, "/v1/transparency/us/proof/inclusion?index=\(size - 1)&treeSize=\(size)")
                .decode(CustodianAPI.InclusionProof.self)
            #expect(MerkleVerification.verifyInclusion(leafHash: tree.leaf(size - 1), index: size - 1, size: size,
                                                       path: inclusion.path, rootHash: head.rootHash))
            let older = try MerkleProofs.rootHash(size: size - 2, in: tree)
            let consistency = try await client.send(.get, "/v1/transparency/us/proof/consistency?oldSize=\(size - 2)&newSize=\(size)")
                .decode(CustodianAPI.ConsistencyProof.self)
            #expect(MerkleVerification.verifyConsistency(oldSize: size - 2, newSize: size, oldRoot: older, newRoot: head.rootHash,
                                                         proof: consistency.path))
        }
    }

    @Test func badRangesGet400AndUnknownRegions404() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let custodian = try reel.app.custodians.client(for: "eu")
        _ = try await custodian.append([Self.decision("eu", subject: nil, principal: .init(kind: .staff, role: "support", jurisdiction: "eu"),
                                                      justification: "T-1")])
        let size = Int(try await custodian.signedTreeHead().treeSize)
        try await reel.test { client in
            for query in ["entries?start=5&end=2", "entries?start=0&end=1001", "entries?start=-1&end=2", "entries?end=2",
                          "entries?start=x&end=2", "proof/inclusion?index=\(size)&treeSize=\(size)",
                          "proof/inclusion?index=0&treeSize=\(size + 10)", "proof/consistency?oldSize=3&newSize=2",
                          "proof/consistency?oldSize=1&newSize=\(size + 10)"] {
                let response = try await client.send(.get, "/v1/transparency/eu/\(query)")
                #expect(response.status == .badRequest, "\(query): \(response.text)")
                #expect(response.errorCode == "invalid_range", "\(query)")
            }
            let empty = try await client.send(.get, "/v1/transparency/eu/entries?start=\(size + 5)&end=\(size + 9)")
            #expect(empty.status == .ok, "a range past the end is empty, not an error")
            #expect(try empty.decode(CustodianAPI.Entries.self).entries.isEmpty)
            for route in ["sth", "entries?start=0&end=1", "proof/inclusion?index=0&treeSize=1", "proof/consistency?oldSize=0&newSize=1", "public-key"] {
                let response = try await client.send(.get, "/v1/transparency/mars/\(route)")
                #expect(response.status == .notFound)
                #expect(response.errorCode == "unknown_region")
            }
        }
    }

    @Test func aCustodianThatIsDownGives503() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reel-down-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let credential = root.appendingPathComponent("credential")
        try Data("0123456789abcdef0123456789abcdef".utf8).write(to: credential)
        let reel = try await TestApp.make { configuration in
            configuration.custodians["global"] = CustodianEndpoint(address: .unixSocket(root.appendingPathComponent("nobody.sock").path),
                                                                   credentialFile: credential)
        }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let response = try await client.send(.get, "/v1/transparency/global/sth")
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "custodian_unavailable")
            #expect(try await client.send(.get, "/v1/transparency/us/sth").status == .ok, "other regions keep answering")
        }
    }
}
