import Foundation
import ReelCore
import ReelGuard
import Testing

/// The custodian's index of audit entries by subject commitment (`GET /v1/audit/entries?subject=`).
@Suite struct AuditSubjectIndexTests {
    static func entry(subject: String?, justification: String) -> AuditEntry {
        AuditEntry(kind: .gateDecision, time: Date(), region: "us", principal: .init(kind: .staff, role: "support", jurisdiction: "us"),
                   purpose: "support-ticket", justification: justification, decision: .allowed, subject: subject, resource: "account.email")
    }

    @Test func aPersonsEntriesComeNewestFirstPageByPageAndOnlyWithTheCredential() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let alice = SubjectCommitment.commitment(userID: "1", nonce: SubjectCommitment.makeNonce())
        let bob = SubjectCommitment.commitment(userID: "2", nonce: SubjectCommitment.makeNonce())
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            let client = custodian.client
            _ = try await client.append([Self.entry(subject: alice, justification: "T-1"), Self.entry(subject: bob, justification: "T-2"),
                                         Self.entry(subject: nil, justification: "T-3"), Self.entry(subject: alice, justification: "T-4")])
            _ = try await client.append([Self.entry(subject: alice, justification: "T-5")])

            let all = try await client.entries(subject: alice)
            #expect(all.entries.map(\.index) == [4, 3, 0])
            let justifications = try all.entries.map { try AuditEntry.decodeCanonical(Array($0.entry.utf8)).justification }
            #expect(justifications == ["T-5", "T-4", "T-1"])
            #expect(all.nextBefore == nil)
            let first = try await client.entries(subject: alice, limit: 2)
            #expect(first.entries.map(\.index) == [4, 3])
            #expect(first.nextBefore == 3)
            let second = try await client.entries(subject: alice, before: first.nextBefore, limit: 2)
            #expect(second.entries.map(\.index) == [0])
            #expect(second.nextBefore == nil)
            let bobs = try await client.entries(subject: bob)
            #expect(bobs.entries.map(\.index) == [1])
            // The served bytes are the log's own: they hash to the leaves the public routes prove.
            let head = try await client.signedTreeHead()
            let proof = try await client.inclusionProof(index: 3, treeSize: Int(head.treeSize))
            #expect(MerkleHash.leaf(Array(all.entries[1].entry.utf8)) == proof.leafHash)

            // Linking a person's entries is for the app server only.
            let stranger = CustodianClient(address: .unixSocket(custodian.socket), credential: nil)
            let refused = await Self.failure { _ = try await stranger.entries(subject: alice) }
            #expect(refused?.status == 401)
            let malformed = await Self.failure { _ = try await client.entries(subject: "not-a-commitment") }
            #expect(malformed?.status == 400)
            #expect(malformed?.message.contains("64 lower-case hex digits") == true)
        }
    }

    /// The custodian's error for `call`, or nil when it succeeded.
    static func failure(_ call: () async throws -> Void) async -> CustodianClientError? {
        do {
            try await call()
            return nil
        } catch {
            return error as? CustodianClientError
        }
    }

    @Test func aMissingIndexIsRebuiltFromTheLogAtStart() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("us")
        let alice = SubjectCommitment.commitment(userID: "1", nonce: SubjectCommitment.makeNonce())
        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            _ = try await custodian.client.append([Self.entry(subject: alice, justification: "T-1"), Self.entry(subject: nil, justification: "T-2"),
                                                   Self.entry(subject: alice, justification: "T-3")])
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: directory.appendingPathComponent("audit-subjects.sqlite").path + suffix)
        }
        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            let rebuilt = try await custodian.client.entries(subject: alice)
            #expect(rebuilt.entries.map(\.index) == [2, 0])
            _ = try await custodian.client.append([Self.entry(subject: alice, justification: "T-4")])
            let extended = try await custodian.client.entries(subject: alice)
            #expect(extended.entries.map(\.index) == [3, 2, 0])
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("audit-subjects.sqlite").path))
    }
}
