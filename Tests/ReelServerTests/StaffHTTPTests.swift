import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

/// Staff read other people's data only through the gate: each case gives the right HTTP answer and
/// exactly one new audit entry about the person in their region's log (real custodian processes).
@Suite("Staff behind the gate", .serialized)
struct StaffHTTPTests {
    @Test("support staff of the account's region read it for a ticket: 200 and one allowed entry")
    func supportAllowed() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "us", role: "support", handle: "sam")
        try await t.test { client in
            let ana = try await client.signUp("ana")
            let token = try await client.staffToken(region: "us", handle: "sam", totp: totp)
            let before = try await t.auditEntries("us", about: ana.id)
            let response = try await client.send(.get, "/v1/staff/accounts/ana?justification=TICKET-101",
                                                 headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok)
            #expect(try response.decode(AccountView.self).email == "ana@example.com")
            let new = try await t.auditEntries("us", about: ana.id).dropFirst(before.count)
            #expect(new.count == 1)
            let entry = try #require(new.first)
            #expect(entry.kind == .gateDecision && entry.decision == .allowed)
            #expect(entry.principal == AuditPrincipal(kind: .staff, role: "support", jurisdiction: "us"))
            #expect(entry.purpose == "support-ticket" && entry.justification == "TICKET-101")
            // Ana sees that look-up in her own access log, end to end.
            let log = try await client.send(.get, "/v1/me/access-log", headers: ana.headers)
            #expect(log.status == .ok)
            let items = try log.decode(AccessLogHTTPTests.Page.self).items
            #expect(items.contains { $0.principal.kind == .staff && $0.justification == "TICKET-101" && $0.decision == "allowed" },
                    "the staff look-up is missing from the person's access log: \(log.text)")
        }
    }

    @Test("a role no rule names is denied by default: 403 access_denied and one denied entry")
    func engineerDenied() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "us", role: "engineer", handle: "eve")
        try await t.test { client in
            let bob = try await client.signUp("bob")
            let token = try await client.staffToken(region: "us", handle: "eve", totp: totp)
            let before = try await t.auditEntries("us", about: bob.id)
            let response = try await client.send(.get, "/v1/staff/accounts/bob?justification=TICKET-102",
                                                 headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .forbidden)
            #expect(try response.decode(ErrorEnvelope.self).error.code == "access_denied")
            #expect(!response.text.contains("bob@example.com"))
            let new = try await t.auditEntries("us", about: bob.id).dropFirst(before.count)
            #expect(new.count == 1)
            #expect(new.first?.decision == .denied)
            #expect(new.first?.principal == AuditPrincipal(kind: .staff, role: "engineer", jurisdiction: "us"))
        }
    }

    @Test("another region's staff are refused and recorded in the account's region, until its policy names their region")
    func crossRegion() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "eu", role: "support", handle: "emma")
        try await t.test { client in
            let cyd = try await client.signUp("cyd", country: "US")
            let token = try await client.staffToken(region: "eu", handle: "emma", totp: totp)
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            let before = try await t.auditEntries("us", about: cyd.id).count
            let refused = try await client.send(.get, "/v1/staff/accounts/cyd?justification=TICKET-103", headers: headers)
            #expect(refused.status == .forbidden)
            let denied = try await t.auditEntries("us", about: cyd.id).dropFirst(before)
            #expect(denied.count == 1)
            #expect(denied.first?.decision == .denied)
            #expect(denied.first?.principal == AuditPrincipal(kind: .staff, role: "support", jurisdiction: "eu"))

            // The US policy is edited to let EU support staff in; the reload is itself an audit entry.
            var policy = AccessPolicy.shippedDefault(for: "us")
            policy.rules.append(.init(name: "eu-support-\(UUID().uuidString)", principal: .staff, roles: ["support"],
                                      jurisdictions: ["eu"], purposes: ["support-ticket"], resources: ["account.*"]))
            let bytes = try policy.encoded()
            try bytes.write(to: PolicyBook.file(for: "us", in: t.configuration.policyDirectory), options: .atomic)
            await t.app.gate.reloadPolicies()
            let digest = SHA256Hex.of(bytes)
            let changes = try await t.auditEntries("us").filter { $0.kind == .policyChange && $0.resource == "policy.sha256:\(digest)" }
            #expect(changes.count == 1)

            let allowed = try await client.send(.get, "/v1/staff/accounts/cyd?justification=TICKET-103", headers: headers)
            #expect(allowed.status == .ok)
            let after = try await t.auditEntries("us", about: cyd.id).dropFirst(before + 1)
            #expect(after.count == 1)
            #expect(after.first?.decision == .allowed)
        }
    }

    @Test("a look-up without a justification is 400 and records nothing; a user's token is not a staff token")
    func justificationAndTokens() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "us", role: "support", handle: "sid")
        try await t.test { client in
            let dia = try await client.signUp("dia")
            let token = try await client.staffToken(region: "us", handle: "sid", totp: totp)
            let before = try await t.auditEntries("us", about: dia.id).count
            let missing = try await client.send(.get, "/v1/staff/accounts/dia", headers: [.authorization: "Bearer \(token)"])
            #expect(missing.status == .badRequest)
            #expect(try missing.decode(ErrorEnvelope.self).error.code == "justification_required")
            // The justification is published: free text that could name or reach a person is refused.
            for personal in ["alice%40example.com", "call%20with%20Dia%20Smith", "x"] {
                let refused = try await client.send(.get, "/v1/staff/accounts/dia?justification=\(personal)", headers: [.authorization: "Bearer \(token)"])
                #expect(refused.status == .badRequest, "\(personal)")
                #expect(try refused.decode(ErrorEnvelope.self).error.code == "invalid_justification", "\(personal)")
            }
            let asUser = try await client.send(.get, "/v1/staff/accounts/dia?justification=TICKET-104", headers: dia.headers)
            #expect(asUser.status == .unauthorized)
            let anonymous = try await client.send(.get, "/v1/staff/accounts/dia?justification=TICKET-104")
            #expect(try anonymous.decode(ErrorEnvelope.self).error.code == "staff_token_required")
            let staffAsUser = try await client.send(.get, "/v1/me", headers: [.authorization: "Bearer \(token)"])
            #expect(staffAsUser.status == .unauthorized, "a staff token is not a user's")
            #expect(try await t.auditEntries("us", about: dia.id).count == before)
        }
    }

    @Test("staff sign-in needs the current TOTP code, refuses a reused one, and each sign-in is one allowed staffSignIn entry")
    func signIn() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "eu", role: "support", handle: "tom")
        try await t.test { client in
            func signIns() async throws -> Int {
                try await t.auditEntries("eu").filter {
                    $0.kind == .staffSignIn && $0.decision == .allowed
                        && $0.principal == AuditPrincipal(kind: .staff, role: "support", jurisdiction: "eu")
                }.count
            }
            let before = try await signIns()
            let step = totp.step(at: Date())
            let wrong = try await client.staffSignIn(region: "eu", handle: "tom", totp: totp, step: step - 5)
            #expect(wrong.status == .unauthorized)
            #expect(try wrong.decode(ErrorEnvelope.self).error.code == "invalid_credentials")
            let badPassword = try await client.staffSignIn(region: "eu", handle: "tom", totp: totp, step: step, password: "wrong password 123")
            #expect(try badPassword.decode(ErrorEnvelope.self).error.code == "invalid_credentials")
            let first = try await client.staffSignIn(region: "eu", handle: "tom", totp: totp, step: step)
            #expect(first.status == .created)
            #expect(try first.decode(StaffSessionBody.self).staff.role == "support")
            let reused = try await client.staffSignIn(region: "eu", handle: "tom", totp: totp, step: step)
            #expect(reused.status == .unauthorized)
            #expect(try reused.decode(ErrorEnvelope.self).error.code == "totp_reused")
            let wrongRegion = try await client.staffSignIn(region: "us", handle: "tom", totp: totp, step: step + 1)
            #expect(try wrongRegion.decode(ErrorEnvelope.self).error.code == "invalid_credentials")
            #expect(try await signIns() == before + 1)
        }
    }

    @Test("an export is read by the region's export service through the gate: one allowed entry per export")
    func exportIsGated() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let eddy = try await client.signUp("eddy", country: "DE")
            let before = try await t.auditEntries("eu", about: eddy.id).count
            #expect(try await client.send(.get, "/v1/me/export", headers: eddy.headers).status == .ok)
            #expect(try await client.send(.get, "/v1/me/export", headers: eddy.headers).status == .ok)
            let new = try await t.auditEntries("eu", about: eddy.id).dropFirst(before)
            #expect(new.count == 2)
            #expect(new.allSatisfy { $0.principal == AuditPrincipal(kind: .service, role: "export", jurisdiction: "eu") && $0.purpose == "export" })
        }
    }

    @Test("erasing an account is one public erasure entry naming the person by their commitment, written before the key goes")
    func erasureIsRecorded() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let erin = try await client.signUp("erin_erased", country: "DE")
            let subject = try await t.app.accounts.protectedAccount(erin.id, access: .user(erin.id, in: "eu")).subjectCommitment
            let before = try await t.auditEntries("eu").filter { $0.subject == subject }.count
            let erased = try await client.send(.delete, "/v1/me", headers: erin.headers, json: #"{"password":"correct horse battery"}"#)
            #expect(erased.status == .noContent, "\(erased.text)")
            let new = try await t.auditEntries("eu").filter { $0.subject == subject }.dropFirst(before)
            #expect(new.count == 1)
            let entry = try #require(new.first)
            #expect(entry.kind == .erasure && entry.principal.kind == .user && entry.purpose == "erasure")
        }
    }

    @Test("a transcode reads the upload as the region's media service: one allowed decision for the job")
    func transcodeIsGated() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let maker = try await client.signUp("mia_media", country: "DE")
            let source = try await TestMedia.clip(seconds: 1, width: 360, height: 640)
            defer { try? FileManager.default.removeItem(at: source) }
            let pending = try await client.upload(source, as: maker, visibility: "private").decode(VideoView.self)
            _ = try await client.waitUntilReady(pending.id, as: maker)
            let media = try await t.auditEntries("eu").filter { $0.principal == AuditPrincipal(kind: .service, role: "media", jurisdiction: "eu") }
            let job = media.filter { $0.justification.contains("job \(pending.id)") }
            #expect(job.count == 1)
            #expect(job.first?.decision == .allowed && job.first?.purpose == "transcoding")
        }
    }

    @Test("the recommender reads a region's new behaviour as its recommender service, recorded in that region's log")
    func recommenderIsGated() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let fay = try await client.signUp("fay")
            _ = try await client.signUp("gus")
            #expect(try await client.send(.put, "/v1/users/gus/follow", headers: fay.headers).status == .ok)
            try await t.app.recommender.catchUpAll()
            let window = Gate.hourWindow(Date())
            let entries = try await t.auditEntries("us").filter {
                $0.principal == AuditPrincipal(kind: .service, role: "recommender", jurisdiction: "us") && $0.purpose == "recommendation"
            }
            #expect(entries.contains { $0.decision == .allowed && $0.subject == nil && $0.justification.contains(String(window.prefix(10))) })
        }
    }
}

/// SHA-256 as lower-case hex.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        Crypto.SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
