import Foundation
import ReelCore

/// How a node shares its region stores with other `reel serve` nodes.
public struct NodeSettings: Sendable, Equatable {
    /// Whether several nodes share the stores (file `multiNode`, env `REEL_MULTI_NODE=1`). It must be
    /// said, not guessed: a node cannot see the other nodes of a deployment. It requires every
    /// region and the public index on PostgreSQL and every region's media on S3, and makes each node
    /// check the shared change log before it answers from a cache (``ChangeFeed``).
    public var isMultiNode = false
    /// How often a node reads the behaviour and change logs for what other nodes wrote, in seconds
    /// (file `logPollSeconds`, env `REEL_LOG_POLL_SECONDS`). For You on one node reflects events
    /// sent to another within about this long.
    public var logPollInterval: Double = 0.5
    /// How long a claimed transcode job stays a worker's without renewal, in seconds (file
    /// `transcodeLeaseSeconds`, env `REEL_TRANSCODE_LEASE_SECONDS`). The worker renews it every third
    /// of that; a dead node's job is claimed again elsewhere once it runs out.
    public var transcodeLease: Double = 60

    /// The defaults.
    public init() {}

    mutating func applyEnvironment(_ environment: [String: String]) throws {
        if let raw = environment["REEL_MULTI_NODE"] {
            switch raw.lowercased() {
            case "1", "true", "yes": isMultiNode = true
            case "", "0", "false", "no": isMultiNode = false
            default: throw ReelError.invalidConfig("REEL_MULTI_NODE must be 1 or 0, not '\(raw)'")
            }
        }
        for (key, path) in [("REEL_LOG_POLL_SECONDS", \NodeSettings.logPollInterval), ("REEL_TRANSCODE_LEASE_SECONDS", \.transcodeLease)] {
            guard let raw = environment[key] else { continue }
            guard let value = Double(raw) else { throw ReelError.invalidConfig("\(key) must be a number of seconds, not '\(raw)'") }
            self[keyPath: path] = value
        }
    }
}

extension ReelConfiguration {
    /// Refuses a multi-node configuration with any store on one machine's disk: SQLite files and
    /// local media folders cannot be shared by nodes on several machines; nor can the custodian
    /// children one node would start for itself.
    /// - Throws: ``ReelError`` `invalid_config` naming what is local.
    func validateNodes() throws {
        guard nodes.logPollInterval > 0 else { throw ReelError.invalidConfig("logPollSeconds must be positive") }
        guard nodes.transcodeLease >= 1 else { throw ReelError.invalidConfig("transcodeLeaseSeconds must be at least 1") }
        guard nodes.isMultiNode else { return }
        var local: [String] = []
        for region in regions.regions {
            if databaseURLs[region.code] == nil { local.append("region \(region.code) has no PostgreSQL URL (it would use SQLite)") }
            if s3Media[region.code] == nil { local.append("region \(region.code) has no S3 bucket (its media would be on local disk)") }
            if custodians[region.code] == nil {
                local.append("region \(region.code) has no custodian URL or socket (each node would start its own, holding different keys)")
            }
        }
        if publicDatabaseURL == nil { local.append("the public index has no PostgreSQL URL (it would use SQLite)") }
        guard local.isEmpty else {
            throw ReelError.invalidConfig("""
                multiNode needs every store shared by the nodes (PostgreSQL for each region and the public index, S3 for each \
                region's media, one custodian for each region), but \(local.joined(separator: "; ")). SQLite and local disk are for one node.
                """)
        }
    }
}
