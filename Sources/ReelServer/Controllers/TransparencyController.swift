import Foundation
import Hummingbird
import ReelCore
import ReelGuard

/// The public audit log of every region, relayed from that region's custodian:
/// `GET /v1/transparency/{region}/sth | entries | proof/inclusion | proof/consistency | public-key`.
///
/// No authentication: the log names people only by commitments, so anyone may read and verify it
/// (RFC 9162 §2.1; `reel audit verify --url` does). The server checks the parameters itself, so a
/// bad request never reaches the custodian, and passes the custodian's answers on unchanged.
struct TransparencyController {
    /// The most entries one `entries` request returns (the custodian's own page limit).
    static let maxEntriesPerPage = 1000

    let regions: RegionMap
    let custodians: Custodians

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("transparency/:region/sth", use: signedTreeHead)
            .get("transparency/:region/entries", use: entries)
            .get("transparency/:region/proof/inclusion", use: inclusionProof)
            .get("transparency/:region/proof/consistency", use: consistencyProof)
            .get("transparency/:region/public-key", use: publicKey)
    }

    /// The latest signed tree head (RFC 9162 §4.10 `TreeHeadDataV2`, Ed25519).
    @Sendable func signedTreeHead(_ request: Request, context: AppRequestContext) async throws -> SignedTreeHead {
        try await relay(context) { try await $0.signedTreeHead() }
    }

    /// Entries `start ..< end` (at most ``maxEntriesPerPage``; fewer when the log is shorter).
    /// - Throws: ``ReelError`` 400 `invalid_range` unless `0 ≤ start ≤ end` and `end − start ≤ 1000`.
    @Sendable func entries(_ request: Request, context: AppRequestContext) async throws -> CustodianAPI.Entries {
        let start = try Self.integer(request, "start")
        let end = try Self.integer(request, "end")
        guard start <= end else {
            throw ReelError.badRequest("The range must satisfy start ≤ end; got start \(start) and end \(end).", code: "invalid_range")
        }
        guard end - start <= Self.maxEntriesPerPage else {
            throw ReelError.badRequest("Ask for at most \(Self.maxEntriesPerPage) entries at a time.", code: "invalid_range")
        }
        return try await relay(context) { try await $0.entries(start: start, end: end) }
    }

    /// An inclusion proof for entry `index` in the tree of `treeSize` entries (RFC 9162 §2.1.3).
    /// - Throws: ``ReelError`` 400 `invalid_range` when `index ≥ treeSize` or the log is smaller.
    @Sendable func inclusionProof(_ request: Request, context: AppRequestContext) async throws -> CustodianAPI.InclusionProof {
        let index = try Self.integer(request, "index")
        let treeSize = try Self.integer(request, "treeSize")
        guard index < treeSize else {
            throw ReelError.badRequest("The index must be below the tree size; got index \(index) and treeSize \(treeSize).", code: "invalid_range")
        }
        return try await relay(context) { try await $0.inclusionProof(index: index, treeSize: treeSize) }
    }

    /// A consistency proof from `oldSize` to `newSize` (RFC 9162 §2.1.4).
    /// - Throws: ``ReelError`` 400 `invalid_range` unless `oldSize ≤ newSize ≤` the log's size.
    @Sendable func consistencyProof(_ request: Request, context: AppRequestContext) async throws -> CustodianAPI.ConsistencyProof {
        let oldSize = try Self.integer(request, "oldSize")
        let newSize = try Self.integer(request, "newSize")
        guard oldSize <= newSize else {
            throw ReelError.badRequest("The old size must not exceed the new size; got oldSize \(oldSize) and newSize \(newSize).", code: "invalid_range")
        }
        return try await relay(context) { try await $0.consistencyProof(oldSize: oldSize, newSize: newSize) }
    }

    /// The raw Ed25519 key that signs the region's tree heads.
    @Sendable func publicKey(_ request: Request, context: AppRequestContext) async throws -> CustodianAPI.PublicKey {
        try await relay(context) { try await $0.publicKey() }
    }

    /// Runs `body` with the custodian client of the path's region. The custodian's 400 (a size past
    /// the log's) becomes 400 `invalid_range`; other failures map as ``Custodians/perform(in:_:)`` says.
    /// - Throws: ``ReelError`` 404 `unknown_region` for a region this server does not have; 503
    ///   `custodian_unavailable` when its custodian can't be reached.
    private func relay<Value: Sendable>(_ context: AppRequestContext, _ body: (CustodianClient) async throws -> Value) async throws -> Value {
        let code = RegionCode(try context.parameters.require("region"))
        guard regions.definition(for: code) != nil else {
            let known = regions.regions.map(\.code.rawValue).joined(separator: ", ")
            throw ReelError(.notFound, code: "unknown_region", message: "There is no region \(code.rawValue); this server has \(known).")
        }
        return try await custodians.perform(in: code) { client in
            do {
                return try await body(client)
            } catch let error as CustodianClientError where error.status == 400 {
                throw ReelError.badRequest(error.message, code: "invalid_range")
            }
        }
    }

    /// A required non-negative integer query parameter.
    /// - Throws: ``ReelError`` 400 `invalid_range` when it is missing or not one.
    private static func integer(_ request: Request, _ name: String) throws -> Int {
        guard let text = request.formQuery[name], let value = Int(text), value >= 0 else {
            throw ReelError.badRequest("The query parameter \(name) must be a non-negative integer.", code: "invalid_range")
        }
        return value
    }
}

extension SignedTreeHead: ResponseEncodable {}
extension CustodianAPI.Entries: ResponseEncodable {}
extension CustodianAPI.InclusionProof: ResponseEncodable {}
extension CustodianAPI.ConsistencyProof: ResponseEncodable {}
extension CustodianAPI.PublicKey: ResponseEncodable {}
