import Crypto
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ReelCore
import ReelGuard
#if canImport(Glibc)
import Glibc
#endif

/// How one region's custodian runs.
public struct CustodianConfiguration: Sendable {
    /// Where it listens.
    public enum Listen: Sendable {
        /// TCP on `host:port` (loopback by default; port 0 picks a free one).
        case tcp(host: String, port: Int)
        /// A Unix domain socket at this path (a stale socket file is replaced).
        case unixSocket(String)
    }

    /// The region whose keys and log it keeps.
    public var region: RegionCode
    /// Its data directory: token, PINs, keys.sqlite, audit/, app-credential.
    public var dataDirectory: URL
    /// Where it listens.
    public var listen: Listen
    /// The PKCS#11 module (default `/usr/lib/softhsm/libsofthsm2.so`, or `REEL_PKCS11_MODULE`).
    public var modulePath: String
    /// The file holding the app server's bearer credential (default `<data-dir>/app-credential`,
    /// created with 32 random bytes in hex, mode 0600, when missing).
    public var credentialFile: URL
    /// On a Unix socket, the user IDs whose processes may connect (checked with `SO_PEERCRED`);
    /// default: the custodian's own user ID. Ignored on TCP.
    public var allowedPeerUserIDs: Set<UInt32>
    /// On TCP, mutual TLS: the custodian's certificate and key, and the CA whose client certificates
    /// it accepts (every other connection is refused during the handshake). Nil: plain HTTP.
    public var tls: CustodianTLSFiles?

    /// The default module path.
    public static var defaultModulePath: String {
        ProcessInfo.processInfo.environment["REEL_PKCS11_MODULE"] ?? "/usr/lib/softhsm/libsofthsm2.so"
    }

    /// Creates a configuration.
    public init(region: RegionCode, dataDirectory: URL, listen: Listen, modulePath: String? = nil, credentialFile: URL? = nil,
                allowedPeerUserIDs: Set<UInt32>? = nil, tls: CustodianTLSFiles? = nil) {
        self.region = region
        self.dataDirectory = dataDirectory
        self.listen = listen
        self.modulePath = modulePath ?? Self.defaultModulePath
        self.credentialFile = credentialFile ?? dataDirectory.appendingPathComponent("app-credential")
        self.allowedPeerUserIDs = allowedPeerUserIDs ?? [getuid()]
        self.tls = tls
    }
}

/// Opens the region's token, key store and audit log, destroys again every data key the log
/// records as destroyed (``KeyCustody/reapplyDestructions()``), and builds the custodian's HTTP application.
/// - Parameter onListening: Called once bound, with a description of the address (`http://host:port`,
///   `https://host:port` with mutual TLS, or `unix:path`).
/// - Throws: ``ReelPKCS11/PKCS11Error`` when the token can't be opened; ``ReelError`` `invalid_config`
///   when the TLS files can't be used; an error when the data directory or the log can't be used.
public func buildCustodianApplication(configuration: CustodianConfiguration, logger: Logger,
                                      onListening: @escaping @Sendable (String) async -> Void = { _ in }) async throws -> some ApplicationProtocol {
    // Checked first: unusable TLS files stop the start before the token is opened.
    let server: HTTPServerBuilder = try configuration.tls.map { try .tls(.http1(), tlsConfiguration: try $0.serverConfiguration()) } ?? .http1()
    let directory = configuration.dataDirectory
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try DataDirectoryLock.acquire(in: directory)
    let credential = try CustodianCredential.loadOrCreate(configuration.credentialFile)
    let token = try CustodianToken(dataDirectory: directory, region: configuration.region, modulePath: configuration.modulePath)
    let store = try WrappedKeyStore(file: directory.appendingPathComponent("keys.sqlite"))
    let subjects = try AuditSubjectIndex(file: directory.appendingPathComponent("audit-subjects.sqlite"))
    let log = try AuditLog(directory: directory.appendingPathComponent("audit", isDirectory: true), region: configuration.region,
                           token: token, subjects: subjects)
    let custody = try KeyCustody(region: configuration.region, token: token, store: store, log: log)
    // A token and key store restored from a backup must not bring shredded keys back (docs/sovereignty.md, "Escrow").
    let reapplied = try await custody.reapplyDestructions()
    if !reapplied.isEmpty {
        logger.warning("destroyed data keys found in a restored key store were destroyed again",
                       metadata: ["region": "\(configuration.region)", "keys": "\(reapplied.count)"])
    }

    let router = Router(context: CustodianRequestContext.self)
    router.add(middleware: CustodianErrorMiddleware())
    if case .unixSocket = configuration.listen {
        router.add(middleware: PeerCredentialMiddleware(allowedUserIDs: configuration.allowedPeerUserIDs))
    }
    router.add(middleware: CustodianAuthMiddleware(credential: credential))
    CustodianController(custody: custody, log: log).add(to: router)

    let address: BindAddress
    switch configuration.listen {
    case .tcp(let host, let port): address = .hostname(host, port: port)
    case .unixSocket(let path):
        try? FileManager.default.removeItem(atPath: path)
        address = .unixDomainSocket(path: path)
    }
    let listen = configuration.listen
    let scheme = configuration.tls == nil ? "http" : "https"
    return Application(
        router: router,
        server: server,
        configuration: .init(address: address, serverName: "reel-custodian"),
        onServerRunning: { channel in
            switch listen {
            case .tcp(let host, let port): await onListening("\(scheme)://\(host):\(channel.localAddress?.port ?? port)")
            case .unixSocket(let path): await onListening("unix:\(path)")
            }
        },
        logger: logger)
}

/// The app server's bearer credential for one custodian.
enum CustodianCredential {
    /// Reads the credential (surrounding whitespace ignored), creating the file with a random one first.
    static func loadOrCreate(_ file: URL) throws -> String {
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            let credential = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard credential.count >= 16 else { throw CustodianError.internal("The credential in \(file.path) is shorter than 16 characters.") }
            return credential
        }
        var generator = SystemRandomNumberGenerator()
        let credential = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file.path, contents: Data((credential + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return credential
    }

    /// Compares in constant time (SHA-256 digests compare without early exit).
    static func matches(_ presented: String, _ expected: String) -> Bool {
        SHA256.hash(data: Data(presented.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }
}
