import AsyncHTTPClient
import NIOSSL
import ReelCore
import Synchronization

/// The PEM files of one side of mutual TLS (RFC 8446 §4.4.2, client authentication) between an app
/// server and a custodian on another machine: this side's certificate chain and private key, and
/// the CA certificate(s) that must have signed the other side's certificate.
///
/// The custodian (`reel custodian serve --tls-cert --tls-key --client-ca`) refuses every connection
/// whose client presents no certificate, or one no listed CA signed, before any HTTP is read; the
/// app server (`custodians.<region>.clientCertificateFile` …) checks the custodian's certificate
/// against its CA and the URL's host name. The bearer credential is still required on top.
public struct CustodianTLSFiles: Sendable, Hashable {
    /// This side's certificate chain, leaf first (PEM).
    public var certificateFile: String
    /// This side's private key (PEM: PKCS#8, or SEC 1 / PKCS#1).
    public var keyFile: String
    /// The CA certificate(s) that signed the other side's certificate (PEM); the only ones trusted.
    public var caFile: String

    /// Names the three files.
    public init(certificateFile: String, keyFile: String, caFile: String) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.caFile = caFile
    }

    /// The custodian's side: presents its certificate and requires a client certificate signed by
    /// ``caFile`` (a client's certificate names no host, so only its signature and dates are checked).
    /// TLS 1.2 at least.
    /// - Throws: ``ReelError`` `invalid_config` when a file can't be read or parsed.
    public func serverConfiguration() throws -> TLSConfiguration {
        let (chain, key, roots) = try load()
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.certificateVerification = .noHostnameVerification
        tls.trustRoots = .certificates(roots)
        tls.minimumTLSVersion = .tlsv12
        return tls
    }

    /// The app server's side: presents its client certificate and trusts only ``caFile`` for the
    /// custodian's certificate, whose name must match the URL's host. TLS 1.2 at least.
    /// - Throws: ``ReelError`` `invalid_config` when a file can't be read or parsed.
    public func clientConfiguration() throws -> TLSConfiguration {
        let (chain, key, roots) = try load()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateChain = chain.map { .certificate($0) }
        tls.privateKey = .privateKey(key)
        tls.trustRoots = .certificates(roots)
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        return tls
    }

    private func load() throws -> ([NIOSSLCertificate], NIOSSLPrivateKey, [NIOSSLCertificate]) {
        func read<Value>(_ what: String, _ file: String, _ body: () throws -> Value) throws -> Value {
            do { return try body() } catch {
                throw ReelError.invalidConfig("cannot use \(file) as the \(what) (PEM) for TLS with the custodian: \(error)")
            }
        }
        let chain = try read("certificate", certificateFile) { try NIOSSLCertificate.fromPEMFile(certificateFile) }
        let key = try read("private key", keyFile) { try NIOSSLPrivateKey(file: keyFile, format: .pem) }
        let roots = try read("CA certificate", caFile) { try NIOSSLCertificate.fromPEMFile(caFile) }
        guard !chain.isEmpty, !roots.isEmpty else {
            throw ReelError.invalidConfig("\(chain.isEmpty ? certificateFile : caFile) holds no PEM certificate")
        }
        return (chain, key, roots)
    }
}

extension HTTPClient {
    /// Clients made for ``custodianClient(tls:)``, by their files: they live as long as the process,
    /// as ``HTTPClient/shared`` does (a client must be shut down before it is released).
    private static let mutualTLSClients = Mutex<[CustodianTLSFiles: HTTPClient]>([:])

    /// The HTTP client that speaks mutual TLS with `tls`'s files, made on first use and kept for the
    /// process's life (one per distinct set of files; changed files take effect at the next start).
    /// - Throws: ``ReelError`` `invalid_config` when a file can't be read or parsed.
    public static func custodianClient(tls: CustodianTLSFiles) throws -> HTTPClient {
        if let client = mutualTLSClients.withLock({ $0[tls] }) { return client }
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = try tls.clientConfiguration()
        return mutualTLSClients.withLock { clients in
            if let client = clients[tls] { return client }
            let client = HTTPClient(configuration: configuration)
            clients[tls] = client
            return client
        }
    }
}
