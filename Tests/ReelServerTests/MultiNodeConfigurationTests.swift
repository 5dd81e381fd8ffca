import Foundation
import Subprocess
import ReelCore
@testable import ReelServer
import Testing

/// Several nodes are said in the configuration (`multiNode`) and need every store shared: SQLite
/// files and local media folders are refused with a sentence naming what is local.
@Suite("Multi-node configuration")
struct MultiNodeConfigurationTests {
    /// PostgreSQL URLs for every store and an S3 bucket per region, as environment variables.
    static var sharedStores: [String: String] {
        var environment = ["REEL_WEB_DIR": "", "REEL_PUBLIC_DATABASE_URL": "postgres://reel@db/reel_public"]
        for code in ["US", "EU", "GLOBAL"] {
            environment["REEL_\(code)_DATABASE_URL"] = "postgres://reel@db/reel_\(code.lowercased())"
            environment["REEL_\(code)_S3_ENDPOINT"] = "http://127.0.0.1:8333"
            environment["REEL_\(code)_S3_BUCKET"] = "reel-\(code.lowercased())"
            environment["REEL_\(code)_S3_ACCESS_KEY_ID"] = "key"
            environment["REEL_\(code)_S3_SECRET_ACCESS_KEY"] = "secret"
            environment["REEL_\(code)_CUSTODIAN_URL"] = "http://custodian-\(code.lowercased()):21700"
            environment["REEL_\(code)_CUSTODIAN_CREDENTIAL_FILE"] = "/etc/reel/\(code.lowercased())-custodian"
        }
        return environment
    }

    @Test("multiNode on SQLite or local disk is invalid_config, naming each local store")
    func refusesLocalStores() throws {
        let error = #expect(throws: ReelError.self) {
            try ReelConfiguration.load(file: nil, environment: ["REEL_WEB_DIR": "", "REEL_MULTI_NODE": "1"])
        }
        #expect(error?.code == "invalid_config")
        let message = error?.message ?? ""
        #expect(message.contains("multiNode"), "\(message)")
        #expect(message.contains("region us has no PostgreSQL URL (it would use SQLite)"), "\(message)")
        #expect(message.contains("region eu has no S3 bucket"), "\(message)")
        #expect(message.contains("the public index has no PostgreSQL URL"), "\(message)")
        #expect(message.contains("region global has no custodian URL or socket"), "\(message)")
        #expect(message.hasSuffix("SQLite and local disk are for one node."), "\(message)")

        var partly = Self.sharedStores
        partly["REEL_MULTI_NODE"] = "true"
        partly["REEL_EU_DATABASE_URL"] = ""
        let one = #expect(throws: ReelError.self) { try ReelConfiguration.load(file: nil, environment: partly) }
        #expect(one?.message.contains("region eu has no PostgreSQL URL") == true)
        #expect(one?.message.contains("region us") == false, "only what is local is named")
    }

    @Test("multiNode with every store shared loads, with the log poll and lease settings")
    func sharedStoresLoad() throws {
        var environment = Self.sharedStores
        environment["REEL_MULTI_NODE"] = "1"
        environment["REEL_LOG_POLL_SECONDS"] = "0.25"
        environment["REEL_TRANSCODE_LEASE_SECONDS"] = "30"
        let configuration = try ReelConfiguration.load(file: nil, environment: environment)
        #expect(configuration.nodes.isMultiNode)
        #expect(configuration.nodes.logPollInterval == 0.25)
        #expect(configuration.nodes.transcodeLease == 30)
        #expect(try !ReelConfiguration.load(file: nil, environment: ["REEL_WEB_DIR": ""]).nodes.isMultiNode, "one node by default")
    }

    @Test("the file's multiNode, logPollSeconds and transcodeLeaseSeconds apply; bad values are refused")
    func fileAndBadValues() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reel-nodes-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"multiNode": true, "logPollSeconds": 2, "transcodeLeaseSeconds": 90}"#.utf8).write(to: file)
        let configuration = try ReelConfiguration.load(file: file.path, environment: Self.sharedStores)
        #expect(configuration.nodes == { var nodes = NodeSettings(); nodes.isMultiNode = true; nodes.logPollInterval = 2; nodes.transcodeLease = 90; return nodes }())
        for (key, value) in [("REEL_MULTI_NODE", "maybe"), ("REEL_LOG_POLL_SECONDS", "0"), ("REEL_TRANSCODE_LEASE_SECONDS", "soon")] {
            let error = #expect(throws: ReelError.self) { try ReelConfiguration.load(file: nil, environment: ["REEL_WEB_DIR": "", key: value]) }
            #expect(error?.code == "invalid_config", "\(key)=\(value)")
        }
    }

    @Test("reel serve with multiNode on SQLite exits non-zero and says why")
    func serveRefuses() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-multinode-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let errors = directory.appendingPathComponent("stderr.txt")
        let status = try await ReelServeProcess.run(dataDirectory: directory.appendingPathComponent("data"), port: 21120, standardError: errors,
                                                    environment: ["REEL_MULTI_NODE": "1"]) { server in
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline, server.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        }.status
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(status != .exited(0), "\(status)")
        #expect(text.contains("SQLite and local disk are for one node."), "stderr: \(text)")
    }
}
