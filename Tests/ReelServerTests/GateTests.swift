import Crypto
import Foundation
import Logging
import ReelCore
import ReelGuard
@testable import ReelServer
import Synchronization
import Testing

/// The gate over real policy files: deny by default, service reads recorded once per window,
/// policy files reloaded on change with each change recorded, a malformed file keeping the last good policy.
@Suite struct GateTests {
    /// What the gate appended, in order.
    final class Recorded: Sendable {
        let entries = Mutex<[AuditEntry]>([])
        var all: [AuditEntry] { entries.withLock { $0 } }
    }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-gate-\(UUID().uuidString)", isDirectory: true)

    func gate() throws -> (Gate, Recorded) {
        let recorded = Recorded()
        let policies = try PolicyBook(directory: directory, regions: ["us", "eu"], logger: Logger(label: "reel.test.gate"))
        return (Gate(policies: policies, logger: Logger(label: "reel.test.gate")) { _, entries in
            recorded.entries.withLock { $0.append(contentsOf: entries) }
        }, recorded)
    }

    @Test func missingPolicyFilesAreWrittenWithTheShippedDefault() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try gate()
        let data = try Data(contentsOf: directory.appendingPathComponent("eu.json"))
        #expect(try AccessPolicy.decode(data, for: "eu") == AccessPolicy.shippedDefault(for: "eu"))
    }

    @Test func aServiceIsRecordedOncePerWindowNotPerRead() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let (gate, recorded) = try gate()
        for _ in 0..<50 {
            try await gate.authorizeService("recommender", purpose: "recommendation", resource: "behaviour.events", region: "us", window: "w1")
        }
        #expect(recorded.all.count == 1)
        try await gate.authorizeService("recommender", purpose: "recommendation", resource: "behaviour.events", region: "us", window: "w2")
        #expect(recorded.all.count == 2)
        #expect(recorded.all.allSatisfy { $0.kind == .gateDecision && $0.decision == .allowed && $0.principal.role == "recommender" })
        await #expect(throws: ReelError.self) {
            try await gate.authorizeService("recommender", purpose: "recommendation", resource: "account.protectedFields",
                                            region: "us", window: "w2")
        }
        #expect(recorded.all.count == 3)
        #expect(recorded.all.last?.decision == .denied)
    }

    @Test func aDenialIsRecordedAndAnsweredWith403() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let (gate, recorded) = try gate()
        let engineer = AccessRequest(principal: AuditPrincipal(kind: .staff, role: "engineer", jurisdiction: "us"),
                                     purpose: "support-ticket", resource: "account.protectedFields", justification: "T-1")
        let subject = SubjectCommitment.commitment(userID: "x", nonce: SubjectCommitment.makeNonce())
        do {
            try await gate.authorize(engineer, region: "us", subject: subject)
            Issue.record("an engineer was let through")
        } catch let error as ReelError {
            #expect(error.kind == .forbidden)
            #expect(error.code == "access_denied")
        }
        #expect(recorded.all.count == 1)
        #expect(recorded.all.first?.subject == subject)
        #expect(recorded.all.first?.decision == .denied)
        #expect(recorded.all.first?.justification == "T-1")
    }

    @Test func anEditedPolicyIsReloadedAndRecordedAndAMalformedOneKeepsTheLastGood() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let (gate, recorded) = try gate()
        let engineer = AccessRequest(principal: AuditPrincipal(kind: .staff, role: "engineer", jurisdiction: "us"),
                                     purpose: "incident", resource: "account.protectedFields", justification: "INC-7")
        #expect(!gate.policies.policy(for: "us").evaluate(engineer).allowed)
        var policy = AccessPolicy.shippedDefault(for: "us")
        policy.rules.append(.init(name: "incident-engineers", principal: .staff, roles: ["engineer"], purposes: ["incident"],
                                  resources: ["account.*"]))
        let file = directory.appendingPathComponent("us.json")
        let bytes = try policy.encoded()
        try bytes.write(to: file, options: .atomic)
        await gate.reloadPolicies()
        #expect(gate.policies.policy(for: "us").evaluate(engineer).allowed)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        #expect(recorded.all.count == 1)
        #expect(recorded.all.first?.kind == .policyChange)
        #expect(recorded.all.first?.resource == "policy.sha256:\(digest)")

        try Data("{ not json".utf8).write(to: file, options: .atomic)
        await gate.reloadPolicies()
        #expect(gate.policies.policy(for: "us").evaluate(engineer).allowed, "the last good policy stays in force")
        #expect(recorded.all.count == 1, "a malformed file is not a change")
    }
}
