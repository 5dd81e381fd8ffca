import ArgumentParser
import Foundation
import Logging
import ReelServer

/// Options every command that opens the stores shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "JSON configuration file.")
    var config: String?

    @Option(name: .long, help: "Data directory (default ./reel-data, or REEL_DATA_DIR).")
    var dataDir: String?

    /// Configuration from file, environment and these flags, in that order.
    func configuration() throws -> ReelConfiguration {
        var configuration = try ReelConfiguration.load(file: config)
        if let dataDir { configuration.dataDirectory = URL(fileURLWithPath: dataDir, isDirectory: true) }
        return configuration
    }

    /// A logger at `LOG_LEVEL` (default info).
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }
}
