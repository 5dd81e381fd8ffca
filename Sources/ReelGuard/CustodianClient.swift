import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReelCore

/// Where a custodian listens.
public enum CustodianAddress: Sendable, Equatable, CustomStringConvertible {
    /// Loopback (or other) HTTP, e.g. `http://127.0.0.1:21700`.
    case url(URL)
    /// A Unix domain socket path.
    case unixSocket(String)

    public var description: String {
        switch self {
        case .url(let url): url.absoluteString
        case .unixSocket(let path): "unix:\(path)"
        }
    }
}

/// A custodian's answer that was not a success.
public struct CustodianClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status; 0 when the custodian could not be reached.
    public var status: Int
    /// The error code from the body (`key_not_found`, `key_destroyed`, `unauthorized`, …) or `custodian_unavailable`.
    public var code: String
    /// The message.
    public var message: String

    public var description: String { "\(status) \(code): \(message)" }
}

/// Calls one region's custodian over HTTP (TCP or a Unix socket), presenting the app credential.
///
/// The audit log's public read routes (head, entries, proofs, public key) are the same on the
/// custodian (under `/v1/audit`) and on the app server, which relays them under
/// `/v1/transparency/{region}`; ``transparency(server:region:timeout:http:)`` reads the latter.
public struct CustodianClient: Sendable {
    /// Where it listens.
    public let address: CustodianAddress
    /// The bearer credential; nil for the public audit routes only.
    public let credential: String?
    /// Longest one request may take, connecting included: an unreachable custodian fails after
    /// this long (the HTTP client keeps retrying the connection until then).
    public let timeout: TimeAmount
    /// The path prefix of the public audit routes: `/v1/audit` on a custodian.
    public let auditPath: String
    private let http: HTTPClient

    /// A client on the shared HTTP client.
    public init(address: CustodianAddress, credential: String?, timeout: TimeAmount = .seconds(600), http: HTTPClient = .shared,
                auditPath: String = "/v1/audit") {
        self.address = address
        self.credential = credential
        self.timeout = timeout
        self.http = http
        self.auditPath = auditPath
    }

    /// A client for the public audit routes of a region as an app server relays them
    /// (`/v1/transparency/{region}/…`); only the audit read methods work on it.
    public static func transparency(server: URL, region: RegionCode, timeout: TimeAmount = .seconds(600),
                                    http: HTTPClient = .shared) -> CustodianClient {
        CustodianClient(address: .url(server), credential: nil, timeout: timeout, http: http, auditPath: "/v1/transparency/\(region.rawValue)")
    }

    /// Creates a data key, wrapped and kept by the custodian. `POST /v1/keys`.
    public func createDataKey(_ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.DataKey {
        try await send(.POST, "/v1/keys", body: access)
    }

    /// Unwraps a data key. `POST /v1/keys/{id}/unwrap`.
    /// - Throws: ``CustodianClientError`` 404 `key_not_found`, 410 `key_destroyed`, 401 `unauthorized`.
    public func unwrapDataKey(id: String, _ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.DataKey {
        try await send(.POST, "/v1/keys/\(id)/unwrap", body: access)
    }

    /// Destroys a data key (crypto-shredding). `POST /v1/keys/{id}/destroy`.
    public func destroyDataKey(id: String, _ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.DestroyedKey {
        try await send(.POST, "/v1/keys/\(id)/destroy", body: access)
    }

    /// Rotates the key-encryption key and rewraps every data key. `POST /v1/kek/rotate`.
    public func rotateKeyEncryptionKey(_ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.Rotation {
        try await send(.POST, "/v1/kek/rotate", body: access)
    }

    /// The key-encryption key versions. `GET /v1/kek`.
    public func keyEncryptionKeys() async throws -> CustodianAPI.KeyEncryptionKeys { try await send(.GET, "/v1/kek") }

    /// Appends entries to the audit log. `POST /v1/audit/entries`.
    public func append(_ entries: [AuditEntry]) async throws -> CustodianAPI.AppendedEntries {
        try await send(.POST, "/v1/audit/entries", body: CustodianAPI.AppendEntries(entries: entries))
    }

    /// The latest signed tree head, signing a new one when the log grew. `GET /v1/audit/sth`.
    public func signedTreeHead() async throws -> SignedTreeHead { try await send(.GET, "\(auditPath)/sth") }

    /// Entries `start ..< end` (at most 1,000). `GET /v1/audit/entries?start=&end=`.
    public func entries(start: Int, end: Int) async throws -> CustodianAPI.Entries {
        try await send(.GET, "\(auditPath)/entries?start=\(start)&end=\(end)")
    }

    /// One person's entries (by their ``SubjectCommitment``), newest first: up to `limit` (1–1,000)
    /// entries with an index below `before` (all when nil). `GET /v1/audit/entries?subject=&before=&limit=`,
    /// which needs the app credential, since it links a person's entries together.
    public func entries(subject: String, before: Int? = nil, limit: Int = 100) async throws -> CustodianAPI.SubjectEntries {
        let beforeQuery = before.map { "&before=\($0)" } ?? ""
        return try await send(.GET, "/v1/audit/entries?subject=\(subject)&limit=\(limit)\(beforeQuery)")
    }

    /// An inclusion proof. `GET /v1/audit/proof/inclusion?index=&treeSize=`.
    public func inclusionProof(index: Int, treeSize: Int) async throws -> CustodianAPI.InclusionProof {
        try await send(.GET, "\(auditPath)/proof/inclusion?index=\(index)&treeSize=\(treeSize)")
    }

    /// A consistency proof. `GET /v1/audit/proof/consistency?oldSize=&newSize=`.
    public func consistencyProof(oldSize: Int, newSize: Int) async throws -> CustodianAPI.ConsistencyProof {
        try await send(.GET, "\(auditPath)/proof/consistency?oldSize=\(oldSize)&newSize=\(newSize)")
    }

    /// The log's signing key. `GET /v1/audit/public-key`.
    public func publicKey() async throws -> CustodianAPI.PublicKey { try await send(.GET, "\(auditPath)/public-key") }

    private struct Empty: Encodable {}
    private struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    private func send<Response: Decodable>(_ method: HTTPMethod, _ path: String) async throws -> Response {
        try await send(method, path, body: Optional<Empty>.none)
    }

    private func send<Body: Encodable, Response: Decodable>(_ method: HTTPMethod, _ path: String, body: Body?) async throws -> Response {
        let urlText: String
        switch address {
        case .url(let base): urlText = base.absoluteString.trimmingSuffix("/") + path
        case .unixSocket(let socket):
            guard let url = URL(httpURLWithSocketPath: socket, uri: path) else {
                throw CustodianClientError(status: 0, code: "custodian_unavailable", message: "The socket path \(socket) is not usable.")
            }
            urlText = url.absoluteString
        }
        var request = HTTPClientRequest(url: urlText)
        request.method = method
        if let credential { request.headers.add(name: "Authorization", value: "Bearer \(credential)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await http.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw CustodianClientError(status: 0, code: "custodian_unavailable", message: "The custodian at \(address) could not be reached: \(error).")
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            let detail = try? JSONDecoder().decode(ErrorBody.self, from: data).error
            throw CustodianClientError(status: Int(response.status.code), code: detail?.code ?? "unexpected_status",
                                       message: detail?.message ?? "The custodian answered \(response.status.code).")
        }
        return try JSONDecoder().decode(Response.self, from: data)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
