import Foundation
import ReelCore
import ReelGuard

/// Where the server reaches one region's key custodian (`reel custodian serve`) and the file
/// holding the bearer credential the custodian expects from this region's app server.
public struct CustodianEndpoint: Sendable, Equatable {
    /// The custodian's URL (`http://127.0.0.1:21700`) or Unix socket.
    public var address: CustodianAddress
    /// The file with the app credential (the custodian's `<data-dir>/app-credential`, or a copy).
    /// Secret: read at start, never logged.
    public var credentialFile: URL
    /// Mutual TLS with a custodian on another machine (an `https://` URL): this server's client
    /// certificate and key, and the CA that signed the custodian's certificate. Nil: no client certificate.
    public var tls: CustodianTLSFiles?

    /// Creates an endpoint.
    public init(address: CustodianAddress, credentialFile: URL, tls: CustodianTLSFiles? = nil) {
        self.address = address
        self.credentialFile = credentialFile
        self.tls = tls
    }
}

/// The `custodians` object of the JSON configuration file, by region code:
/// `{"us": {"url": "http://127.0.0.1:21700", "credentialFile": "/etc/reel/us-custodian"}, "eu": {"socket": "/run/reel/eu.sock", "credentialFile": "…"}}`;
/// across machines `{"url": "https://…", "credentialFile": "…", "clientCertificateFile": "…", "clientKeyFile": "…", "caFile": "…"}` (mutual TLS).
struct CustodianSettings: Decodable {
    var url: String?
    var socket: String?
    var credentialFile: String?
    /// This server's client certificate chain (PEM), for mutual TLS.
    var clientCertificateFile: String?
    /// Its private key (PEM).
    var clientKeyFile: String?
    /// The CA certificate (PEM) that signed the custodian's certificate.
    var caFile: String?

    /// Checks that exactly one of `url` and `socket` is given, with a credential file, and that the
    /// mutual-TLS files come all three together, with an `https://` URL.
    /// - Throws: ``ReelError`` `invalid_config` naming the region.
    func resolved(for region: RegionCode) throws -> CustodianEndpoint {
        let address: CustodianAddress
        switch (url.flatMap { $0.isEmpty ? nil : $0 }, socket.flatMap { $0.isEmpty ? nil : $0 }) {
        case (let url?, nil):
            guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil else {
                throw ReelError.invalidConfig("the custodian URL of region \(region) must be an http:// or https:// URL, not '\(url)'")
            }
            address = .url(parsed)
        case (nil, let socket?): address = .unixSocket(socket)
        case (nil, nil): throw ReelError.invalidConfig("the custodian of region \(region) needs a url or a socket")
        case (_?, _?): throw ReelError.invalidConfig("the custodian of region \(region) has both a url and a socket; give one")
        }
        guard let credentialFile, !credentialFile.isEmpty else {
            throw ReelError.invalidConfig("the custodian of region \(region) needs a credentialFile (the custodian's app-credential)")
        }
        let tlsFiles = [clientCertificateFile, clientKeyFile, caFile].map { $0.flatMap { $0.isEmpty ? nil : $0 } }
        var tls: CustodianTLSFiles?
        if let certificate = tlsFiles[0], let key = tlsFiles[1], let ca = tlsFiles[2] {
            guard case .url(let url) = address, url.scheme == "https" else {
                throw ReelError.invalidConfig("the custodian of region \(region) has client certificate files, so its url must be https://")
            }
            tls = CustodianTLSFiles(certificateFile: certificate, keyFile: key, caFile: ca)
        } else if tlsFiles.contains(where: { $0 != nil }) {
            throw ReelError.invalidConfig("the custodian of region \(region) needs all three of clientCertificateFile, clientKeyFile and caFile, or none")
        }
        return CustodianEndpoint(address: address, credentialFile: URL(fileURLWithPath: credentialFile), tls: tls)
    }
}

extension ReelConfiguration {
    /// The names of the environment variables that configure region `code`'s custodian, e.g.
    /// `REEL_EU_CUSTODIAN_URL` for `eu`.
    static func custodianEnvironmentKey(_ code: RegionCode, _ field: String) -> String {
        "REEL_\(code.rawValue.uppercased())_CUSTODIAN_\(field)"
    }

    /// Applies `REEL_<REGION>_CUSTODIAN_URL`, `_SOCKET`, `_CREDENTIAL_FILE`, and for mutual TLS
    /// `_CLIENT_CERT`, `_CLIENT_KEY` and `_CA` (each overriding the
    /// file's setting; an empty URL and socket remove the region's custodian, so `reel serve` starts
    /// its own), and `REEL_DATA_KEY_CACHE_SECONDS`.
    mutating func applyCustodianEnvironment(_ environment: [String: String]) throws {
        for region in regions.regions {
            func value(_ field: String) -> String? { environment[Self.custodianEnvironmentKey(region.code, field)] }
            guard ["URL", "SOCKET", "CREDENTIAL_FILE", "CLIENT_CERT", "CLIENT_KEY", "CA"].contains(where: { value($0) != nil }) else { continue }
            var settings = CustodianSettings()
            switch custodians[region.code]?.address {
            case .url(let url): settings.url = url.absoluteString
            case .unixSocket(let path): settings.socket = path
            case nil: break
            }
            settings.credentialFile = custodians[region.code]?.credentialFile.path
            settings.clientCertificateFile = custodians[region.code]?.tls?.certificateFile
            settings.clientKeyFile = custodians[region.code]?.tls?.keyFile
            settings.caFile = custodians[region.code]?.tls?.caFile
            if let file = value("CLIENT_CERT") { settings.clientCertificateFile = file }
            if let file = value("CLIENT_KEY") { settings.clientKeyFile = file }
            if let file = value("CA") { settings.caFile = file }
            if let url = value("URL") { settings.url = url; if !url.isEmpty { settings.socket = nil } }
            if let socket = value("SOCKET") { settings.socket = socket; if !socket.isEmpty { settings.url = nil } }
            if let file = value("CREDENTIAL_FILE") { settings.credentialFile = file }
            if (settings.url ?? "").isEmpty && (settings.socket ?? "").isEmpty {
                custodians[region.code] = nil
            } else {
                custodians[region.code] = try settings.resolved(for: region.code)
            }
        }
        if let raw = environment["REEL_DATA_KEY_CACHE_SECONDS"] {
            guard let seconds = Double(raw) else { throw ReelError.invalidConfig("REEL_DATA_KEY_CACHE_SECONDS=\(raw) is not a valid number") }
            dataKeyCacheSeconds = seconds
        }
    }

    /// Checks that every configured custodian names a known region and the key cache time is sane.
    /// - Throws: ``ReelError`` `invalid_config`.
    func validateCustodians() throws {
        for code in custodians.keys where regions.definition(for: code) == nil {
            throw ReelError.invalidConfig("a custodian is configured for unknown region \(code)")
        }
        guard dataKeyCacheSeconds >= 0 else { throw ReelError.invalidConfig("dataKeyCacheSeconds must not be negative") }
    }

    /// The regions that have no custodian configured: `reel serve` starts one child custodian for each.
    public var regionsWithoutCustodian: [RegionDefinition] {
        regions.regions.filter { custodians[$0.code] == nil }
    }
}
