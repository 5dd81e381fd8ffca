import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReelCore
import ReelGuard

/// The custodian's HTTP routes (docs/sovereignty.md lists them). Key operations and appends need
/// the app credential (``CustodianAuthMiddleware``); the audit log's read routes are public.
struct CustodianController {
    let custody: KeyCustody
    let log: AuditLog

    func add(to router: Router<CustodianRequestContext>) {
        router.get("healthz") { _, _ in try Self.json(["status": "ok", "region": log.region.rawValue]) }
        router.post("v1/keys") { request, context in
            try Self.json(try await custody.createDataKey(try await request.decode(as: CustodianAPI.KeyAccess.self, context: context)), status: .created)
        }
        router.post("v1/keys/:id/unwrap") { request, context in
            let access = try await request.decode(as: CustodianAPI.KeyAccess.self, context: context)
            return try Self.json(try await custody.unwrapDataKey(id: try context.parameters.require("id"), access))
        }
        router.post("v1/keys/:id/destroy") { request, context in
            let access = try await request.decode(as: CustodianAPI.KeyAccess.self, context: context)
            return try Self.json(try await custody.destroyDataKey(id: try context.parameters.require("id"), access))
        }
        router.get("v1/kek") { _, _ in try Self.json(try custody.keyEncryptionKeys()) }
        router.post("v1/kek/rotate") { request, context in
            try Self.json(try await custody.rotate(try await request.decode(as: CustodianAPI.KeyAccess.self, context: context)))
        }
        router.post("v1/audit/entries") { request, context in
            let body = try await request.decode(as: CustodianAPI.AppendEntries.self, context: context)
            guard !body.entries.isEmpty, body.entries.count <= 1000 else {
                throw CustodianError.unprocessable("invalid_entries", "Send between 1 and 1,000 entries at a time.")
            }
            // Key operations are the custodian's own record: a restore re-applies their destructions.
            guard !body.entries.contains(where: { $0.kind == .keyOperation }) else {
                throw CustodianError.unprocessable("key_operation_entry", "Key operations are recorded by the custodian itself; append other kinds of entries.")
            }
            let first = try await log.append(body.entries)
            return try Self.json(CustodianAPI.AppendedEntries(firstIndex: first, count: body.entries.count, treeSize: await log.size), status: .created)
        }
        router.get("v1/audit/sth") { _, _ in try Self.json(try await log.signedHead()) }
        router.get("v1/audit/public-key") { _, _ in
            try Self.json(CustodianAPI.PublicKey(algorithm: "Ed25519", publicKey: Data(log.publicKey)))
        }
        router.get("v1/audit/entries") { request, _ in
            if let subject = request.uri.queryParameters["subject"] { return try await Self.subjectEntries(request, subject: String(subject), log: log) }
            let start = try Self.integer(request, "start")
            let end = try Self.integer(request, "end")
            guard end - start <= 1000 else { throw CustodianError.badRequest("Ask for at most 1,000 entries at a time.") }
            let items = try await log.entries(start: start, end: end).map {
                CustodianAPI.Entries.Item(index: $0.index, entry: String(decoding: $0.bytes, as: UTF8.self))
            }
            return try Self.json(CustodianAPI.Entries(entries: items))
        }
        router.get("v1/audit/proof/inclusion") { request, _ in
            try Self.json(try await log.inclusionProof(index: try Self.integer(request, "index"), treeSize: try Self.integer(request, "treeSize")))
        }
        router.get("v1/audit/proof/consistency") { request, _ in
            try Self.json(try await log.consistencyProof(oldSize: try Self.integer(request, "oldSize"), newSize: try Self.integer(request, "newSize")))
        }
    }

    /// `GET /v1/audit/entries?subject=&before=&limit=`: one person's entries, newest first (limit 1–1,000, default 100).
    private static func subjectEntries(_ request: Request, subject: String, log: AuditLog) async throws -> Response {
        guard SubjectCommitment.isWellFormed(subject) else {
            throw CustodianError.badRequest("The subject must be a commitment: 64 lower-case hex digits.")
        }
        let before = request.uri.queryParameters["before"] == nil ? nil : try integer(request, "before")
        let limit = request.uri.queryParameters["limit"] == nil ? 100 : try integer(request, "limit")
        guard (1...1000).contains(limit) else { throw CustodianError.badRequest("The limit must be between 1 and 1,000.") }
        let found = try await log.entries(subject: subject, before: before, limit: limit)
        let items = found.map { CustodianAPI.Entries.Item(index: $0.index, entry: String(decoding: $0.bytes, as: UTF8.self)) }
        let nextBefore = found.count == limit ? found.last?.index : nil
        return try json(CustodianAPI.SubjectEntries(entries: items, nextBefore: nextBefore))
    }

    private static func integer(_ request: Request, _ name: String) throws -> Int {
        guard let text = request.uri.queryParameters[Substring(name)], let value = Int(text), value >= 0 else {
            throw CustodianError.badRequest("The query parameter \(name) must be a non-negative integer.")
        }
        return value
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Lets through only the region's app server (bearer credential), except the public routes:
/// `GET /healthz` and `GET /v1/audit/…` (the log is public by design). Asking for one person's
/// entries (`GET /v1/audit/entries?subject=…`) is not public: it links that person's entries together.
struct CustodianAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let credential: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !Self.isPublic(request) {
            let presented = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
            guard CustodianCredential.matches(presented, credential) else { throw CustodianError.unauthorized() }
        }
        return try await next(request, context)
    }

    /// Whether anyone may call this route: health and the audit log's read routes, except one
    /// person's entries (`?subject=`), which link that person's entries together.
    static func isPublic(_ request: Request) -> Bool {
        let path = request.uri.path
        return request.method == .get && (path == "/healthz" || path.hasPrefix("/v1/audit/"))
            && request.uri.queryParameters["subject"] == nil
    }
}
