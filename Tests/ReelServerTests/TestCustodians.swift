import Foundation
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

/// Real `reel custodian serve` processes (SoftHSM2 tokens) shared by every test of this test
/// process: one per region code, started the first time a ``TestApp`` needs it, on a Unix socket
/// under `/tmp`. Each runs with `--stop-with-parent` and a pipe as its standard input, so it exits
/// when the test process does, however that ends.
actor TestCustodians {
    /// The custodians of this test process.
    static let shared = TestCustodians()

    private var started: [RegionCode: Task<CustodianEndpoint, any Error>] = [:]

    /// The endpoint of `region`'s shared custodian, starting it on first use.
    /// - Throws: when SoftHSM2 is missing (see ``SoftHSM/require()``) or the custodian does not answer within two minutes.
    func endpoint(for region: RegionCode) async throws -> CustodianEndpoint {
        if let task = started[region] { return try await task.value }
        try SoftHSM.require()
        let task = Task { try await Self.start(region) }
        started[region] = task
        return try await task.value
    }

    /// Gives every region of `configuration` without a custodian the shared one of its code.
    func configure(_ configuration: inout ReelConfiguration) async throws {
        for region in configuration.regionsWithoutCustodian {
            configuration.custodians[region.code] = try await endpoint(for: region.code)
        }
    }

    /// Starts a custodian for `region` that lives as long as this test process, and waits until it answers.
    static func start(_ region: RegionCode) async throws -> CustodianEndpoint {
        let root = URL(fileURLWithPath: "/tmp/reel-tc-\(UUID().uuidString.prefix(8))", isDirectory: true)
        let dataDirectory = root.appendingPathComponent(region.rawValue, isDirectory: true)
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let socket = root.appendingPathComponent("\(region.rawValue).sock").path
        let endpoint = CustodianEndpoint(address: .unixSocket(socket), credentialFile: dataDirectory.appendingPathComponent("app-credential"))
        Task.detached {
            _ = try? await Subprocess.run(
                .path(FilePath(ReelServeProcess.binary.path)),
                arguments: ["custodian", "serve", "--region", region.rawValue, "--data-dir", dataDirectory.path, "--socket", socket,
                            "--stop-with-parent"],
                environment: .inherit.updating(["LOG_LEVEL": "warning"]),
                input: .inputWriter, output: .discarded, error: .discarded
            ) { _ in
                // Holds standard input open until this test process ends.
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        }
        try await waitUntilAnswering(endpoint)
        return endpoint
    }

    /// Polls the custodian's public key route with its app credential (a hang guard, not a speed check).
    static func waitUntilAnswering(_ endpoint: CustodianEndpoint) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let credential = try? String(contentsOf: endpoint.credentialFile, encoding: .utf8),
               (try? await CustodianClient(address: endpoint.address, credential: credential.trimmingCharacters(in: .whitespacesAndNewlines))
                   .keyEncryptionKeys()) != nil {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the custodian at \(endpoint.address) did not answer within two minutes")
        throw CancellationError()
    }
}

/// SoftHSM2 for the tests that need a custodian: required on CI, optional elsewhere.
enum SoftHSM {
    static let modulePath = ProcessInfo.processInfo.environment["REEL_PKCS11_MODULE"] ?? "/usr/lib/softhsm/libsofthsm2.so"

    /// Fails on CI (`CI=true`) when SoftHSM2 is missing; elsewhere cancels the test with a note.
    static func require() throws {
        guard !FileManager.default.fileExists(atPath: modulePath) else { return }
        let note = "SoftHSM2 (\(modulePath)) is not installed, so no custodian can run: run `make test` or scripts/install-deps.sh softhsm2."
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record(Comment(rawValue: note))
        } else {
            try Test.cancel(Comment(rawValue: note))
        }
    }
}
