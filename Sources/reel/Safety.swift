import ArgumentParser
import Foundation
import ReelCore
import ReelServer

/// `reel safety`: trust-and-safety operations.
struct Safety: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Trust and safety: export statements of reasons.",
                                                    subcommands: [ExportStatements.self])
}

/// `reel safety export-sor --since 2026-11-01 [--region eu]`: statements of reasons as JSON lines in
/// the EU DSA Transparency Database's field set, without personal data, on standard output.
struct ExportStatements: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-sor",
        abstract: "Print the statements of reasons made since a date as JSON lines for the EU DSA Transparency Database.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The first day to export, YYYY-MM-DD (UTC), or an RFC 3339 time.")
    var since: String

    @Option(name: .long, help: "Only this region's statements (default: every region).")
    var region: String?

    func run() async throws {
        guard let start = (try? Date("\(since)T00:00:00Z", strategy: .iso8601)) ?? (try? Date(since, strategy: .iso8601)) else {
            throw ValidationError("--since must be a day written YYYY-MM-DD, e.g. 2026-11-01, or an RFC 3339 time.")
        }
        let configuration = try common.configuration()
        let stores = try StoreAssembly(configuration: configuration, logger: common.logger("reel.safety"))
        let lines = try await stores.withStoresRunning {
            try await StatementExport.lines(stores: stores, since: start, region: region.map { RegionCode($0.lowercased()) })
        }
        for line in lines { print(line) }
    }
}
