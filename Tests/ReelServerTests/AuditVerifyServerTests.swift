import Foundation
import HummingbirdTesting
import Logging
import ReelCore
import ReelGuard
@testable import ReelServer
import Subprocess
import Testing
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `reel audit verify --region us --url <server>`: the command checks a region's log through the
/// server's transparency routes, keeps the last head, and catches a rewritten history.
@Suite struct AuditVerifyServerTests {
    @Test func verifyThroughTheServerRemembersTheHeadAndCatchesARewrittenHistory() async throws {
        try SoftHSM.require()
        let root = URL(fileURLWithPath: "/tmp/reel-avs-\(UUID().uuidString.prefix(8))", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let custodianData = root.appendingPathComponent("us", isDirectory: true)
        let state = root.appendingPathComponent("state.json")
        let staff = AuditPrincipal(kind: .staff, role: "support", jurisdiction: "us")

        try await Self.withCustodian(dataDirectory: custodianData) { endpoint in
            try await Self.withLiveServer(custodian: endpoint) { reel, url in
                let custodian = try reel.app.custodians.client(for: "us")
                _ = try await custodian.append((1...3).map { TransparencyHTTPTests.decision("us", subject: nil, principal: staff, justification: "T-\($0)") })
                let first = try await Self.verify(url: url, state: state)
                #expect(first.status == .exited(0), "\(first.output)")
                #expect(try AuditVerifierState.load(from: state)?.head.treeSize == 3)
                _ = try await custodian.append([TransparencyHTTPTests.decision("us", subject: nil, principal: staff, justification: "T-4")])
                let second = try await Self.verify(url: url, state: state)
                #expect(second.status == .exited(0), "\(second.output)")
                #expect(try AuditVerifierState.load(from: state)?.head.treeSize == 4)
            }
        }

        // The operator rewrites history with the custodian's own key: the same token, a fresh log of
        // the same size with other entries. Only the head saved by the last verification tells.
        try FileManager.default.removeItem(at: custodianData.appendingPathComponent("audit"))
        try await Self.withCustodian(dataDirectory: custodianData) { endpoint in
            try await Self.withLiveServer(custodian: endpoint) { reel, url in
                let custodian = try reel.app.custodians.client(for: "us")
                _ = try await custodian.append((1...4).map { TransparencyHTTPTests.decision("us", subject: nil, principal: staff, justification: "X-\($0)") })
                #expect(try await custodian.signedTreeHead().treeSize == 4)
                let forked = try await Self.verify(url: url, state: state)
                #expect(forked.status == .exited(1), "\(forked.output)")
                #expect(forked.output.contains("History was rewritten"), "\(forked.output)")
                #expect(try AuditVerifierState.load(from: state)?.head.treeSize == 4, "a failed run keeps the saved head")
                let fresh = try await Self.verify(url: url, state: root.appendingPathComponent("other-state.json"))
                #expect(fresh.status == .exited(0), "on its own the forked log is well-formed: \(fresh.output)")
            }
        }
    }

    /// Runs `reel audit verify --region us --url url --state state`.
    static func verify(url: String, state: URL) async throws -> (status: TerminationStatus, output: String) {
        let result = try await Subprocess.run(
            .path(FilePath(ReelServeProcess.binary.path)),
            arguments: ["audit", "verify", "--region", "us", "--url", url, "--state", state.path],
            output: .string(limit: 1 << 20), error: .discarded)
        return (result.terminationStatus, result.standardOutput)
    }

    /// Runs a `reel custodian serve --region us` on `dataDirectory` (a Unix socket beside it) while
    /// `body` runs; it stops when `body` returns, as its standard input closes (`--stop-with-parent`).
    static func withCustodian(dataDirectory: URL, _ body: @escaping @Sendable (CustodianEndpoint) async throws -> Void) async throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let socket = dataDirectory.deletingLastPathComponent().appendingPathComponent("us.sock").path
        let endpoint = CustodianEndpoint(address: .unixSocket(socket), credentialFile: dataDirectory.appendingPathComponent("app-credential"))
        let result = try await Subprocess.run(
            .path(FilePath(ReelServeProcess.binary.path)),
            arguments: ["custodian", "serve", "--region", "us", "--data-dir", dataDirectory.path, "--socket", socket, "--stop-with-parent"],
            environment: .inherit.updating(["LOG_LEVEL": "warning"]),
            input: .inputWriter, output: .discarded, error: .discarded
        ) { execution in
            try await TestCustodians.waitUntilAnswering(endpoint)
            try await body(endpoint)
            try await execution.standardInputWriter.finish()
        }
        _ = result
    }

    /// Runs a server bound to a loopback port whose `us` region uses `custodian`; gives `body` its URL.
    static func withLiveServer(custodian: CustodianEndpoint, _ body: @escaping @Sendable (TestApp, String) async throws -> Void) async throws {
        let reel = try await TestApp.make { $0.custodians["us"] = custodian }
        defer { reel.cleanUp() }
        var logger = Logger(label: "reel.test.http")
        logger.logLevel = .warning
        try await PoolsRunOutside(buildApplication(reel.app, logger: logger)).test(.live) { client in
            try await body(reel, "http://127.0.0.1:\(try #require(client.port))")
        }
    }
}
