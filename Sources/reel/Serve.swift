import ArgumentParser
import Foundation
import Hummingbird
import ReelServer

/// `reel serve`: runs the HTTP server and the transcode worker.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Interface to listen on (default 127.0.0.1).")
    var host: String?

    @Option(name: .shortAndLong, help: "Port to listen on (default 8080).")
    var port: Int?

    func run() async throws {
        var configuration = try common.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        let logger = common.logger("reel")
        let app = try buildApplication(configuration: configuration, logger: logger)
        print("Reel is serving \(configuration.dataDirectory.path) at http://\(configuration.host):\(configuration.port)/")
        if let web = configuration.webDirectory {
            print("Web client: \(web.path) at http://\(configuration.host):\(configuration.port)/")
        } else {
            print("No web client (set REEL_WEB_DIR to a folder with index.html); serving the API only.")
        }
        try await app.runService()
    }
}
