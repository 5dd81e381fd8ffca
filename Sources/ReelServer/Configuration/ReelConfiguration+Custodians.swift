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

    /// Creates an endpoint.
    public init(address: CustodianAddress, credentialFile: URL) {
        self.address = address
        self.credentialFile = credentialFile
    }
}

/// The `custodians` object of the JSON configuration file, by region code:
/// `{"us": {"url": "http://127.0.0.1:21700", "credentialFile": "/etc/reel/us-custodian"}, "eu": {"socket": "/run/reel/eu.sock", "credentialFile": "…"}}`.
struct CustodianSettings: Decodable {
    var url: String?
    var socket: String?
    var credentialFile: String?

    /// Checks that exactly one of `url` and `socket` is given, with a credential file.
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
        return CustodianEndpoint(address: address, credentialFile: URL(fileURLWithPath: credentialFile))
    }
}

extension ReelConfiguration {
    /// The names of the environment variables that configure region `code`'s custodian, e.g.
    /// `REEL_EU_CUSTODIAN_URL` for `eu`.
    static func custodianEnvironmentKey(_ code: RegionCode, _ field: String) -> String {
        "REEL_\(code.rawValue.uppercased())_CUSTODIAN_\(field)"
    }

    /// Applies `REEL_<REGION>_CUSTODIAN_URL`, `_SOCKET` and `_CREDENTIAL_FILE` (each overriding the
    /// file's setting; an empty URL and socket remove the region's custodian, so `reel serve` starts
    /// its own), and `REEL_DATA_KEY_CACHE_SECONDS`.
    mutating func applyCustodianEnvironment(_ environment: [String: String]) throws {
        for region in regions.regions {
            func value(_ field: String) -> String? { environment[Self.custodianEnvironmentKey(region.code, field)] }
            guard value("URL") != nil || value("SOCKET") != nil || value("CREDENTIAL_FILE") != nil else { continue }
            var settings = CustodianSettings()
            switch custodians[region.code]?.address {
            case .url(let url): settings.url = url.absoluteString
            case .unixSocket(let path): settings.socket = path
            case nil: break
            }
            settings.credentialFile = custodians[region.code]?.credentialFile.path
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
