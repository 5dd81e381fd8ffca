import AsyncHTTPClient
import Foundation
import NIOCore
import ReelCore
import ReelGuard

/// Every region's key custodian, as the server reaches it: one ``CustodianClient`` per region,
/// presenting that region's app credential. The server holds no key-encryption key; it asks the
/// region's custodian to create, unwrap and destroy data keys and to append audit entries.
struct Custodians: Sendable {
    /// Longest a request to a custodian may take, connecting included, before the server answers
    /// 503 `custodian_unavailable`.
    static let requestTimeout: TimeAmount = .seconds(5)

    private let clients: [RegionCode: CustodianClient]

    /// Clients for the configured custodians, reading each credential file (and TLS files) once.
    /// - Throws: ``ReelError`` `invalid_config` when a credential file cannot be read or is empty, or
    ///   a TLS file can't be used.
    init(configuration: ReelConfiguration) throws {
        var clients: [RegionCode: CustodianClient] = [:]
        for (region, endpoint) in configuration.custodians {
            let text: String
            do { text = try String(contentsOf: endpoint.credentialFile, encoding: .utf8) } catch {
                throw ReelError.invalidConfig("""
                    cannot read the credential file \(endpoint.credentialFile.path) of region \(region)'s custodian: \
                    \(error.localizedDescription)
                    """)
            }
            let credential = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !credential.isEmpty else {
                throw ReelError.invalidConfig("the credential file \(endpoint.credentialFile.path) of region \(region)'s custodian is empty")
            }
            // Mutual TLS (a custodian on another machine): a client presenting this server's certificate.
            let http = try endpoint.tls.map { try HTTPClient.custodianClient(tls: $0) } ?? .shared
            clients[region] = CustodianClient(address: endpoint.address, credential: credential, timeout: Self.requestTimeout, http: http)
        }
        self.clients = clients
    }

    /// The client of `region`'s custodian.
    /// - Throws: ``ReelError`` 503 `custodian_unavailable` when the region has no custodian configured.
    func client(for region: RegionCode) throws -> CustodianClient {
        guard let client = clients[region] else {
            throw ReelError.unavailable("Region \(region) has no key custodian configured, so its protected data cannot be read or written.",
                                        code: "custodian_unavailable")
        }
        return client
    }

    /// Runs `body` with `region`'s client, turning the custodian's failures into ``ReelError``s:
    /// unreachable (within ``requestTimeout``), or refusing this server's credential (401), is 503
    /// `custodian_unavailable`; a key it does not hold or has destroyed is a 404 keeping the
    /// custodian's code (`key_not_found`, `key_destroyed`); anything else is a 500 `custodian_failed`.
    func perform<Value: Sendable>(in region: RegionCode, _ body: (CustodianClient) async throws -> Value) async throws -> Value {
        let client = try client(for: region)
        do {
            return try await body(client)
        } catch let error as CustodianClientError {
            throw Self.reelError(error, region: region)
        }
    }

    /// The ``ReelError`` a custodian failure becomes (see ``perform(in:_:)``).
    static func reelError(_ error: CustodianClientError, region: RegionCode) -> ReelError {
        switch error.status {
        case 0:
            return .unavailable("The key custodian of region \(region) cannot be reached, so this request cannot use protected data now; try again later.",
                                code: "custodian_unavailable")
        case 401:
            return .unavailable("The key custodian of region \(region) refused this server's credential, so protected data cannot be used now.",
                                code: "custodian_unavailable")
        case 404, 410:
            return ReelError(.notFound, code: error.code, message: error.message)
        default:
            return ReelError(.internal, code: "custodian_failed", message: "The key custodian of region \(region) failed: \(error.message)")
        }
    }
}
