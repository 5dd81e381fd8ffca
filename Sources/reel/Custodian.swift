import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelCustodian
import ReelGuard
#if canImport(Glibc)
import Glibc
#endif

/// `reel custodian`: the per-region key custodian.
struct Custodian: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a region's key custodian (keys in a PKCS#11 token, the region's audit log).",
        subcommands: [CustodianServe.self, CustodianBench.self])
}

/// `reel custodian serve --region us --data-dir … (--port … [--tls-cert … --tls-key … --client-ca …] | --socket …)`.
struct CustodianServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve one region's custodian API over TCP (plain, or mutual TLS across machines) or a Unix socket.")

    @Option(name: .long, help: "The region whose keys and audit log this custodian keeps (e.g. us).")
    var region: String

    @Option(name: .long, help: "The custodian's own data directory (token, keys, audit log).")
    var dataDir: String

    @Option(name: .long, help: "Interface for TCP (default 127.0.0.1).")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "TCP port (0 picks a free one).")
    var port: Int?

    @Option(name: .long, help: "Unix domain socket path (instead of --port).")
    var socket: String?

    @Option(name: .long, help: "PKCS#11 module (default /usr/lib/softhsm/libsofthsm2.so, or REEL_PKCS11_MODULE).")
    var module: String?

    @Option(name: .long, help: "File with the app server's bearer credential (default <data-dir>/app-credential, created when missing).")
    var credentialFile: String?

    @Option(name: .long, parsing: .singleValue,
            help: "On a Unix socket, a user ID whose processes may connect (checked with SO_PEERCRED; repeatable; default: this process's own).")
    var allowUid: [UInt32] = []

    @Option(name: .long, help: "With --port: the custodian's TLS certificate chain (PEM); needs --tls-key and --client-ca.")
    var tlsCert: String?

    @Option(name: .long, help: "With --port: the private key of --tls-cert (PEM).")
    var tlsKey: String?

    @Option(name: .long, help: "With --port: the CA certificate(s) (PEM) whose client certificates are accepted; every other client is refused (mutual TLS).")
    var clientCa: String?

    @Flag(name: .long, help: "Stop when standard input reaches its end: the parent that started this custodian (and held the pipe) has exited.")
    var stopWithParent = false

    func validate() throws {
        guard (port == nil) != (socket == nil) else { throw ValidationError("Give exactly one of --port and --socket.") }
        let tlsOptions = [tlsCert, tlsKey, clientCa].compactMap { $0 }.count
        guard tlsOptions == 0 || tlsOptions == 3 else {
            throw ValidationError("Mutual TLS needs all three of --tls-cert, --tls-key and --client-ca.")
        }
        guard tlsOptions == 0 || port != nil else { throw ValidationError("--tls-cert, --tls-key and --client-ca go with --port, not --socket.") }
    }

    /// The mutual-TLS files, when given.
    private var tls: CustodianTLSFiles? {
        guard let tlsCert, let tlsKey, let clientCa else { return nil }
        return CustodianTLSFiles(certificateFile: tlsCert, keyFile: tlsKey, caFile: clientCa)
    }

    func run() async throws {
        var logger = Logger(label: "reel.custodian")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let listen: CustodianConfiguration.Listen = socket.map { .unixSocket($0) } ?? .tcp(host: host, port: port ?? 0)
        let configuration = CustodianConfiguration(
            region: RegionCode(region), dataDirectory: URL(fileURLWithPath: dataDir, isDirectory: true), listen: listen,
            modulePath: module, credentialFile: credentialFile.map { URL(fileURLWithPath: $0) },
            allowedPeerUserIDs: allowUid.isEmpty ? nil : Set(allowUid), tls: tls)
        if stopWithParent { Self.exitWhenStandardInputCloses() }
        let region = region
        let app = try await buildCustodianApplication(configuration: configuration, logger: logger) { address in
            FileHandle.standardOutput.write(Data("Custodian for region \(region) is serving at \(address)\n".utf8))
        }
        try await app.runService()
    }

    /// Reads standard input on its own thread (a blocking read must not hold a Swift concurrency
    /// thread) and exits once it ends, so a child custodian never outlives the server that started
    /// it, even one killed with SIGKILL. Its stores are SQLite in WAL mode, safe to stop at any write.
    private static func exitWhenStandardInputCloses() {
        Thread {
            while !FileHandle.standardInput.availableData.isEmpty {}
            #if canImport(Glibc)
            Glibc.exit(0)
            #else
            Darwin.exit(0)
            #endif
        }.start()
    }
}
