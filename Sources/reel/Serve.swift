import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import ReelServer

/// `reel serve`: runs the HTTP server and the transcode worker until SIGTERM or SIGINT, then drains.
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
        // Log lines are buffered and written every 100 ms (warnings at once), not one write per request.
        let logBuffer = LogBuffer(descriptor: STDERR_FILENO)
        LoggingSystem.bootstrap { label in BufferedLogHandler(label: label, buffer: logBuffer) }
        let logger = common.logger("reel")
        // One child custodian per region without a configured one; the server never opens a token itself.
        let (resolved, custodians) = try await CustodianChildren.start(for: configuration, logger: logger)
        let settings = resolved
        do {
            // Runs until SIGTERM or SIGINT, then drains requests and jobs (docs/deployment.md).
            try await serve(configuration: resolved, logger: logger, logBuffer: logBuffer) { port in
                Self.announce(settings, port: port)  // printed only once the port is bound
            }
            await custodians.stop()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            await custodians.stop()
            Self.printError("""
                reel: port \(configuration.port) on \(configuration.host) is already in use (another server is listening there).
                Stop that server, or pick another port: `make run PORT=8081` or `reel serve --port 8081`.
                """)
            throw ExitCode.failure
        } catch {
            await custodians.stop()
            throw error
        }
    }

    /// Prints where Reel serves, at once: written straight to the file descriptor, because `print`
    /// buffers whole blocks when stdout is a file or a pipe, and the line would appear only at exit.
    static func announce(_ configuration: ReelConfiguration, port: Int) {
        let address = "http://\(configuration.host):\(port)/"
        var lines = ["Reel is serving \(configuration.dataDirectory.path) at \(address)"]
        if let web = configuration.webDirectory {
            lines.append("Web client: \(web.path) at \(address)")
        } else {
            lines.append("No web client (set REEL_WEB_DIR to a folder with index.html); serving the API only.")
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
