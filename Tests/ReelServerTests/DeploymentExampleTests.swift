import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelSafety
@testable import ReelServer
import ReelStore
import Testing

/// The scaled-out example of docs/deployment.md stays a configuration `reel serve --config` accepts.
@Suite("Deployment example")
struct DeploymentExampleTests {
    static let examples = StartupTests.root.appendingPathComponent("docs/examples")

    /// The example as a node reads it, with only the install paths moved to this machine.
    static func load() throws -> ReelConfiguration {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("reel-deploy-\(UUID().uuidString)")
        return try ReelConfiguration.load(file: examples.appendingPathComponent("reel-node.json").path,
                                          environment: ["REEL_DATA_DIR": data.path,
                                                        "REEL_WEB_DIR": StartupTests.root.appendingPathComponent("Web").path])
    }

    @Test("docs/examples/reel-node.json parses and validates: three regions on PostgreSQL and S3, the index on PostgreSQL")
    func exampleValidates() throws {
        let configuration = try Self.load()
        let codes = Set(configuration.regions.regions.map(\.code))
        #expect(codes == ["us", "eu", "global"])
        #expect(Set(configuration.databaseURLs.keys) == codes)
        #expect(Set(configuration.s3Media.keys) == codes)
        #expect(Set(configuration.s3Media.values.map(\.bucket)).count == 3, "one bucket per region")
        #expect(configuration.publicDatabaseURL != nil)
        #expect(Set(configuration.custodians.keys) == codes, "every node reaches the regions' one custodian each")
        // Two nodes behind one load balancer must sign and check tokens with one key.
        #expect((configuration.tokenSecret?.utf8.count ?? 0) >= 32)
        #expect(MetricsController.access(for: configuration) == .token(configuration.metricsToken ?? ""))
        #expect(configuration.transcodeShutdownGraceSeconds < configuration.shutdownGraceSeconds)
        // The nginx example sends X-Forwarded-For: without trusting it every client would share the balancer's address.
        #expect(!configuration.trustedProxies.isEmpty)
        #expect(configuration.rateLimits == RateLimits(), "the example spells out the defaults")
    }

    @Test("a node opens every engine of the example without connecting (URLs and buckets are well-formed)")
    func exampleOpens() throws {
        let configuration = try Self.load()
        defer { try? FileManager.default.removeItem(at: configuration.dataDirectory) }
        var logger = Logger(label: "reel.test.deploy")
        logger.logLevel = .error
        let stores = try StoreAssembly(configuration: configuration, logger: logger)
        #expect(stores.router.allStores.allSatisfy { $0 is PostgresRegionStore })
        #expect(stores.publicIndex is PostgresPublicIndex)
        #expect(stores.storeServices.count == 4, "three region pools and the index's")
        #expect(stores.media.all.allSatisfy { $0 is S3MediaStore })
    }

    @Test("the nginx example balances over nodes on the example's port and never publishes /metrics")
    func nginxExampleMatches() throws {
        let configuration = try Self.load()
        let nginx = try String(contentsOf: Self.examples.appendingPathComponent("nginx-reel.conf"), encoding: .utf8)
        let servers = nginx.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("server node-") }
        #expect(servers.count == 2)
        #expect(servers.allSatisfy { $0.contains(":\(configuration.port) ") })
        #expect(nginx.contains("location = /metrics { return 404; }"))
    }

    @Test("a misspelt key in a config file is refused, naming the key; every documented key is known")
    func unknownKeys() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reel-config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"port": 8081, "shutdownGraceSecond": 5}"#.utf8).write(to: file)
        #expect {
            try ReelConfiguration.load(file: file.path, environment: [:])
        } throws: { error in
            (error as? ReelError)?.message.contains("'shutdownGraceSecond'") == true
        }
        let decoded = try JSONDecoder().decode(ConfigurationFile.self, from: Data("{}".utf8))
        #expect(Set(Mirror(reflecting: decoded).children.compactMap(\.label)) == ConfigurationFile.keys)
    }
}
