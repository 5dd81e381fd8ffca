import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

/// `GET /v1/me/access-log`: who accessed my protected data, each item provably in the public log.
@Suite struct AccessLogHTTPTests {
    /// The page as a client decodes it.
    struct Page: Decodable {
        struct Item: Decodable {
            var index: Int
            var entry: String
            var kind: String
            var principal: AuditPrincipal
            var purpose: String
            var justification: String
            var decision: String?
            var auditPath: [MerkleHash]
        }
        var region: String
        var subject: String
        var treeHead: SignedTreeHead
        var items: [Item]
        var nextCursor: String?
    }

    /// The commitment audit entries name `user` by.
    static func subject(of user: TestUser, in reel: TestApp) async throws -> String {
        // The nonce is sealed in the store: opened as the user's own read, as the server does.
        let region = try #require(reel.app.ids.regions.region(of: user.id)).code
        let account = try await reel.app.accounts.protectedAccount(user.id, access: .user(user.id, in: region))
        return SubjectCommitment.commitment(userID: "\(user.id)", nonce: Array(account.subjectNonce))
    }

    @Test func othersAccessesComeNewestFirstWithProofsAndMyOwnRequestsAreAbsent() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let alice = try await client.signUp("alice_al", country: "DE")
            let bob = try await client.signUp("bob_al", country: "DE")
            let empty = try await client.send(.get, "/v1/me/access-log", headers: alice.headers)
            #expect(empty.status == .ok, "\(empty.text)")
            #expect(try empty.decode(Page.self).items.isEmpty)

            let aliceSubject = try await Self.subject(of: alice, in: reel)
            let bobSubject = try await Self.subject(of: bob, in: reel)
            let support = AuditPrincipal(kind: .staff, role: "support", jurisdiction: "eu")
            let engineer = AuditPrincipal(kind: .staff, role: "engineer", jurisdiction: "us")
            let herself = AuditPrincipal(kind: .user, role: "user", jurisdiction: "eu")
            _ = try await reel.app.custodians.client(for: "eu").append([
                TransparencyHTTPTests.decision("eu", subject: aliceSubject, principal: support, justification: "Ticket T-1"),
                TransparencyHTTPTests.decision("eu", subject: bobSubject, principal: support, justification: "Ticket T-2"),
                TransparencyHTTPTests.decision("eu", subject: aliceSubject, principal: herself, justification: "GET /v1/me"),
                TransparencyHTTPTests.decision("eu", subject: aliceSubject, principal: engineer, justification: "Incident 9", decision: .denied),
            ])

            let response = try await client.send(.get, "/v1/me/access-log", headers: alice.headers)
            #expect(response.status == .ok, "\(response.text)")
            let page = try response.decode(Page.self)
            #expect(page.region == "eu")
            #expect(page.subject == aliceSubject)
            #expect(page.items.map(\.justification) == ["Incident 9", "Ticket T-1"], "newest first, only others' accesses to alice")
            #expect(page.items.map(\.decision) == ["denied", "allowed"])
            #expect(page.items.map(\.principal) == [engineer, support])
            #expect(page.nextCursor == nil)

            // Every item is in the log the custodian signed: its proof leads to the page's signed head.
            let key = try await client.send(.get, "/v1/transparency/eu/public-key").decode(CustodianAPI.PublicKey.self)
            #expect(page.treeHead.isSigned(by: try Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey)))
            for item in page.items {
                let decoded = try AuditEntry.decodeCanonical(Array(item.entry.utf8))
                #expect(decoded.subject == aliceSubject && decoded.justification == item.justification)
                #expect(MerkleVerification.verifyInclusion(leafHash: MerkleHash.leaf(Array(item.entry.utf8)), index: item.index,
                                                           size: Int(page.treeHead.treeSize), path: item.auditPath,
                                                           rootHash: page.treeHead.rootHash))
                // …and a changed entry does not verify with the same proof.
                let altered = item.entry.replacingOccurrences(of: item.justification, with: item.justification + "!")
                #expect(!MerkleVerification.verifyInclusion(leafHash: MerkleHash.leaf(Array(altered.utf8)), index: item.index,
                                                            size: Int(page.treeHead.treeSize), path: item.auditPath,
                                                            rootHash: page.treeHead.rootHash))
            }

            let bobs = try await client.send(.get, "/v1/me/access-log", headers: bob.headers).decode(Page.self)
            #expect(bobs.items.map(\.justification) == ["Ticket T-2"])
        }
    }

    @Test func pagesFollowTheCursorAndBadRequestsAreRefused() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let carol = try await client.signUp("carol_al")
            let subject = try await Self.subject(of: carol, in: reel)
            let support = AuditPrincipal(kind: .staff, role: "support", jurisdiction: "us")
            _ = try await reel.app.custodians.client(for: "us").append((1...5).map {
                TransparencyHTTPTests.decision("us", subject: subject, principal: support, justification: "Ticket T-\($0)")
            })
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "?limit=2&cursor=\($0)" } ?? "?limit=2"
                let page = try await client.send(.get, "/v1/me/access-log\(query)", headers: carol.headers).decode(Page.self)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.justification)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ["Ticket T-5", "Ticket T-4", "Ticket T-3", "Ticket T-2", "Ticket T-1"])

            let badCursor = try await client.send(.get, "/v1/me/access-log?cursor=yesterday", headers: carol.headers)
            #expect(badCursor.status == .badRequest)
            #expect(badCursor.errorCode == "invalid_cursor")
            let badLimit = try await client.send(.get, "/v1/me/access-log?limit=0", headers: carol.headers)
            #expect(badLimit.errorCode == "invalid_limit")
            let anonymous = try await client.send(.get, "/v1/me/access-log")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
