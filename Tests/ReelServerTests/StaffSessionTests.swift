import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ReelCore
import ReelGuard
@testable import ReelServer
import ReelSafety
import ReelStore
import Testing

/// Staff sign-in as an operator sees it: refused attempts in the public audit log, a throttle per
/// staff member and per client address, sign-out, and TOTP secrets that the store keeps sealed under
/// a key only the region's custodian holds (real custodian processes).
@Suite("Staff sessions and sealed TOTP secrets", .dropsEngineScratch)
struct StaffSessionTests {
    /// The `staffSignIn` entries of `region` by staff of `role` there.
    static func signInEntries(_ t: TestApp, region: RegionCode, role: String) async throws -> [AuditEntry] {
        try await t.auditEntries(region).filter {
            $0.kind == .staffSignIn && $0.principal == AuditPrincipal(kind: .staff, role: role, jurisdiction: region)
        }
    }

    @Test("a wrong password, a wrong code and a reused code are each one denied staffSignIn entry, without the password or code")
    func failedSignInsAreAudited() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        // The auditor role in eu is used by no other test, so the shared custodian's entries are this test's.
        let totp = try await t.addStaff(region: "eu", role: "auditor", handle: "ada_audit")
        try await t.test { client in
            let before = try await Self.signInEntries(t, region: "eu", role: "auditor").count
            let step = totp.step(at: Date())
            let wrongPassword = "not the staff password 9"
            let badPassword = try await client.staffSignIn(region: "eu", handle: "ada_audit", totp: totp, step: step, password: wrongPassword)
            #expect(badPassword.status == .unauthorized)
            let staleCode = totp.code(step: step - 5)
            let badCode = try await client.staffSignIn(region: "eu", handle: "ada_audit", totp: totp, step: step - 5)
            #expect(try badCode.decode(ErrorEnvelope.self).error.code == "invalid_credentials")
            #expect(try await client.staffSignIn(region: "eu", handle: "ada_audit", totp: totp, step: step).status == .created)
            let reused = try await client.staffSignIn(region: "eu", handle: "ada_audit", totp: totp, step: step)
            #expect(try reused.decode(ErrorEnvelope.self).error.code == "totp_reused")
            // A handle that names nobody has no one to record.
            #expect(try await client.staffSignIn(region: "eu", handle: "nobody_here", totp: totp).status == .unauthorized)

            let new = try await Self.signInEntries(t, region: "eu", role: "auditor").dropFirst(before)
            #expect(new.map(\.decision) == [.denied, .denied, .allowed, .denied])
            #expect(new.map(\.justification) == ["Wrong password.", "Wrong sign-in code.", "Password and TOTP code accepted.",
                                                  "A sign-in code was used again."])
            let code = totp.code(step: step)
            for entry in new {
                let text = String(decoding: try entry.canonicalBytes(), as: UTF8.self)
                #expect(!text.contains(wrongPassword) && !text.contains("staff password 123"), "\(text)")
                #expect(!text.contains("\"\(code)\"") && !text.contains("\"\(staleCode)\"") && !text.contains("ada_audit"), "\(text)")
            }
        }
    }

    @Test("DELETE /v1/staff/sessions/current signs the staff member out: the token then answers 401 session_revoked")
    func signOut() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "us", role: "support", handle: "sol_out")
        try await t.test { client in
            _ = try await client.signUp("olga")
            let token = try await client.staffToken(region: "us", handle: "sol_out", totp: totp)
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.send(.get, "/v1/staff/accounts/olga?justification=TICKET-201", headers: headers).status == .ok)
            let out = try await client.send(.delete, "/v1/staff/sessions/current", headers: headers)
            #expect(out.status == .noContent, "\(out.text)")
            let after = try await client.send(.get, "/v1/staff/accounts/olga?justification=TICKET-201", headers: headers)
            #expect(after.status == .unauthorized)
            #expect(try after.decode(ErrorEnvelope.self).error.code == "session_revoked")
            let again = try await client.send(.delete, "/v1/staff/sessions/current", headers: headers)
            #expect(again.status == .unauthorized)
            #expect(try await client.send(.delete, "/v1/staff/sessions/current").status == .unauthorized)
        }
    }

    @Test("a staff token, genuine, signed out or forged, is refused with 401 invalid_token on user routes, public ones included")
    func staffTokenOnUserRoutes() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "us", role: "support", handle: "stu_routes")
        let otherTOTP = try await t.addStaff(region: "us", role: "support", handle: "stu_gone")
        try await t.test { client in
            _ = try await client.signUp("ulla")
            let token = try await client.staffToken(region: "us", handle: "stu_routes", totp: totp)
            let signedOut = try await client.staffToken(region: "us", handle: "stu_gone", totp: otherTOTP)
            #expect(try await client.send(.delete, "/v1/staff/sessions/current", headers: [.authorization: "Bearer \(signedOut)"]).status == .noContent)
            for bearer in [token, signedOut, "rs1.garbage.garbage"] {
                for path in ["/v1/me", "/v1/users/ulla", "/v1/feed?kind=popular", "/v1/videos/v_unknown", "/v1/guidelines"] {
                    let response = try await client.send(.get, path, headers: [.authorization: "Bearer \(bearer)"])
                    #expect(response.status == .unauthorized, "\(path) with \(bearer.prefix(12)): \(response.text)")
                    let error = try response.decode(ErrorEnvelope.self).error
                    #expect(error.code == "invalid_token", "\(path)")
                    #expect(error.message == "A staff token cannot be used on user routes; use a user session.")
                }
            }
            // The staff routes still take the genuine token and refuse the others.
            let lookup = "/v1/staff/accounts/ulla?justification=TICKET-202"
            #expect(try await client.send(.get, lookup, headers: [.authorization: "Bearer \(token)"]).status == .ok)
            let revoked = try await client.send(.get, lookup, headers: [.authorization: "Bearer \(signedOut)"])
            #expect(try revoked.decode(ErrorEnvelope.self).error.code == "session_revoked")
            let forged = try await client.send(.get, lookup, headers: [.authorization: "Bearer rs1.garbage.garbage"])
            #expect(try forged.decode(ErrorEnvelope.self).error.code == "invalid_token")
        }
    }

    @Test("staff sign-in is throttled per staff member and client address, and per address, 429 with Retry-After, until the window passes",
          arguments: TestEngine.all)
    func throttle(_ engine: TestEngine) async throws {
        let clock = ManualClock()
        let reel = try await TestApp.make(engine, clock: clock) {
            $0.rateLimits = RateLimits([.staffSignIn: RateLimit(count: 2, seconds: 900)])
            $0.trustedProxies = ["127.0.0.1", "::1"]
        }
        defer { reel.cleanUp() }
        let totp = try await reel.addStaff(region: "us", role: "moderator", handle: "tess_throttle")
        var logger = Logger(label: "reel.test.live")
        logger.logLevel = .warning
        try await PoolsRunOutside(buildApplication(reel.app, logger: logger)).test(.live) { client in
            func signIn(_ handle: String, from address: String, password: String = "staff password 123",
                        stepOffset: Int64 = 0) async throws -> TestResponse {
                let code = totp.code(step: totp.step(at: Date()) + stepOffset)
                return try await client.execute(uri: "/v1/staff/sessions", method: .post,
                                                headers: [.contentType: "application/json", .xForwardedFor: address], body: ByteBuffer(string: """
                    {"region":"us","handle":"\(handle)","password":"\(password)","code":"\(code)"}
                    """))
            }
            // Per staff member from one address: two attempts, then 429 even with the right password and code.
            for _ in 1...2 { #expect(try await signIn("tess_throttle", from: "203.0.113.10", password: "wrong password 12").status == .unauthorized) }
            try RateLimitHTTPTests.expectRateLimited(try await signIn("tess_throttle", from: "203.0.113.10"), after: 900)
            // Those attempts do not lock the staff member out: from their own address they still sign in.
            let elsewhere = try await signIn("tess_throttle", from: "198.51.100.20", stepOffset: -1)
            #expect(elsewhere.status == .created, "\(elsewhere.text)")
            // Per client address: five times the staff member's limit, whatever the handle (these name nobody).
            for n in 1...(2 * RateLimitAction.addressAllowanceFactor) {
                #expect(try await signIn("ghost_\(n)", from: "192.0.2.30").status == .unauthorized, "attempt \(n)")
            }
            try RateLimitHTTPTests.expectRateLimited(try await signIn("ghost_more", from: "192.0.2.30"), after: 900)
            try RateLimitHTTPTests.expectRateLimited(try await signIn("tess_throttle", from: "192.0.2.30"), after: 900)
            clock.advance(900)
            let later = try await signIn("tess_throttle", from: "203.0.113.10")
            #expect(later.status == .created, "\(later.text)")
        }
    }

    @Test("the store keeps a staff member's TOTP secret sealed under a custodian key, and the code still signs them in",
          arguments: TestEngine.all)
    func secretIsSealed(_ engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        let totp = try await t.addStaff(region: "eu", role: "support", handle: "sealed_sue")
        let store = try #require(t.app.stores.router.allStores.first { $0.region.code == "eu" })
        let stored = try #require(try await store.staff(handle: "sealed_sue"))
        #expect(stored.dataKeyID?.hasPrefix("dk-") == true)
        #expect(stored.totpSecret.count == totp.secret.count + 28)
        #expect(Data(stored.totpSecret).range(of: Data(totp.secret)) == nil)
        if engine == .sqlite {
            #expect(try Self.filesContaining(Data(totp.secret), under: t.directory).isEmpty)
        }
        try await t.test { client in
            let signedIn = try await client.staffSignIn(region: "eu", handle: "sealed_sue", totp: totp)
            #expect(signedIn.status == .created, "\(signedIn.text)")
        }
    }

    @Test("TOTP secrets stored in plain before sealing are sealed at the next start, and their codes still sign in",
          arguments: TestEngine.all)
    func sealsExistingSecrets(_ engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        // A row as the previous release wrote it: the plain 20-byte secret, no data key.
        let region = try #require(t.configuration.regions.definition(for: "us"))
        let secret = TOTP.makeSecret()
        let legacy = StaffMember(id: t.app.ids.newID(in: region), handle: "legacy_lee", role: .support,
                                 passwordHash: try await t.app.accounts.hasher.hash("staff password 123"), totpSecret: secret, createdAt: Date())
        let store = try #require(t.app.stores.router.allStores.first { $0.region.code == "us" })
        try await store.insertStaff(legacy)
        #expect(try await store.unsealedStaff(limit: 10).map(\.id) == [legacy.id])

        let restarted = try await t.reopened()
        try await restarted.test { client in
            let signedIn = try await client.staffSignIn(region: "us", handle: "legacy_lee", totp: TOTP(secret: secret))
            #expect(signedIn.status == .created, "\(signedIn.text)")
        }
        let stored = try #require(try await store.staff(handle: "legacy_lee"))
        #expect(stored.dataKeyID != nil)
        #expect(Data(stored.totpSecret).range(of: Data(secret)) == nil)
        #expect(try await store.unsealedStaff(limit: 10).isEmpty)
    }

    /// The files under `directory` holding `bytes`.
    static func filesContaining(_ bytes: Data, under directory: URL) throws -> [String] {
        var found: [String] = []
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = files?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url), data.range(of: bytes) != nil else { continue }
            found.append(url.path)
        }
        return found
    }
}
