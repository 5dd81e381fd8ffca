import Foundation
import Hummingbird
import ReelCore
import ReelGuard

/// A person's access log (`GET /v1/me/access-log`): every entry of their region's audit log that
/// names them, except their own requests, newest first, each with an inclusion proof against one
/// signed tree head, so the client can check that every item is in the public log.
///
/// The person is found in the log by ``SubjectCommitment/commitment(userID:nonce:)`` over their ID
/// and ``Account/subjectNonce``; the custodian's subject index (`GET /v1/audit/entries?subject=`)
/// lists their entries without reading the whole log.
struct AccessLogService: Sendable {
    /// One page of the log.
    struct Page: Codable, Sendable, ResponseEncodable {
        /// The region whose log this is.
        var region: RegionCode
        /// The person's ``SubjectCommitment``: every entry about them in the public log carries it,
        /// so they can also look for their entries in the log themselves.
        var subject: String
        /// The signed head every item's proof leads to.
        var treeHead: SignedTreeHead
        /// The accesses, newest first.
        var items: [Item]
        /// The cursor of the next (older) page; null on the last.
        var nextCursor: String?

        /// Writes `nextCursor` as `null` on the last page rather than leaving it out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(region, forKey: .region)
            try container.encode(subject, forKey: .subject)
            try container.encode(treeHead, forKey: .treeHead)
            try container.encode(items, forKey: .items)
            try container.encode(nextCursor, forKey: .nextCursor)
        }
    }

    /// One access: the entry's fields, its exact stored bytes, and its audit path.
    struct Item: Codable, Sendable {
        /// The entry's index in the log.
        var index: Int
        /// The entry's exact stored text (canonical JSON); its leaf hash is `SHA-256(0x00 ‖ entry)`.
        var entry: String
        /// What happened (`gateDecision`, `keyOperation`, `export`, `erasure`, …).
        var kind: AuditEntry.Kind
        /// When, RFC 3339 UTC.
        var time: String
        /// Who acted: kind, role and jurisdiction.
        var principal: AuditPrincipal
        /// The declared purpose.
        var purpose: String
        /// The stated justification.
        var justification: String
        /// For gate decisions: `allowed` or `denied`.
        var decision: AuditEntry.Decision?
        /// What was touched (e.g. `account.email`).
        var resource: String?
        /// For key operations: `create`, `unwrap`, `destroy`, ….
        var operation: String?
        /// The inclusion proof (RFC 9162 §2.1.3.1) of this entry in ``Page/treeHead``, leaf first.
        var auditPath: [MerkleHash]
    }

    let accounts: AccountService
    let regions: RegionMap
    let custodians: Custodians

    /// Up to `limit` accesses to `userID`'s data by anyone but them, older than `cursor`.
    /// - Parameter cursor: A previous page's `nextCursor` (an entry index), or nil for the newest.
    /// - Complexity: one custodian round trip per 1–`limit` index lookups, plus one proof per item.
    /// - Throws: ``ReelError`` 400 `invalid_cursor`; 503 `custodian_unavailable` when the region's
    ///   custodian can't be reached.
    func page(of userID: ReelID, cursor: String?, limit: Int) async throws -> Page {
        var before: Int?
        if let cursor {
            guard let value = Int(cursor), value >= 0 else {
                throw ReelError.badRequest("The cursor is not one this route returned.", code: "invalid_cursor")
            }
            before = value
        }
        guard let region = regions.region(of: userID)?.code else { throw ReelError.unauthorized() }
        // The commitment's nonce is sealed under the account's data key: opened as the user's own read.
        let account = try await accounts.protectedAccount(userID, access: .user(userID, in: region, purpose: "access-log"))
        let subject = account.subjectCommitment
        return try await custodians.perform(in: region) { client in
            try await page(subject: subject, region: region, before: before, limit: limit, client: client)
        }
    }

    /// The page of `subject`'s entries below `before` (or from the head's end), with proofs.
    private func page(subject: String, region: RegionCode, before: Int?, limit: Int, client: CustodianClient) async throws -> Page {
        let head = try await client.signedTreeHead()
        let size = Int(head.treeSize)
        // Entries appended after the head was signed are left for the next request.
        var next: Int? = min(before ?? size, size)
        var found: [(index: Int, entry: AuditEntry, text: String)] = []
        while found.count < limit, let upper = next, upper > 0 {
            let batch = try await client.entries(subject: subject, before: upper, limit: limit - found.count)
            for item in batch.entries {
                guard let entry = try? AuditEntry.decodeCanonical(Array(item.entry.utf8)), entry.principal.kind != .user else { continue }
                found.append((item.index, entry, item.entry))
            }
            next = batch.nextBefore
        }
        var items: [Item] = []
        for item in found {
            let proof = try await client.inclusionProof(index: item.index, treeSize: size)
            let entry = item.entry
            items.append(Item(index: item.index, entry: item.text, kind: entry.kind, time: entry.time, principal: entry.principal,
                              purpose: entry.purpose, justification: entry.justification, decision: entry.decision,
                              resource: entry.resource, operation: entry.operation, auditPath: proof.path))
        }
        return Page(region: region, subject: subject, treeHead: head, items: items, nextCursor: next.flatMap { $0 > 0 ? "\($0)" : nil })
    }
}
