import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

/// Staff members and audit-log reading for the gate's tests: staff added as `reel staff add` does,
/// their TOTP codes computed from the enrolment URI, and entries read back from the region's real custodian.
extension TestApp {
    /// Adds a staff member and returns their TOTP generator (from the `otpauth://` URI's secret).
    func addStaff(region: String, role: String, handle: String, password: String = "staff password 123") async throws -> TOTP {
        let uri = try await StaffEnrolment.add(configuration: configuration, region: region, role: role, handle: handle,
                                               password: password, logger: Logger(label: "reel.test.staff"))
        let secret = try #require(URLComponents(string: uri)?.queryItems?.first { $0.name == "secret" }?.value.flatMap(Base32.decode))
        return TOTP(secret: secret)
    }

    /// Every entry of `region`'s audit log, from its custodian.
    func auditEntries(_ region: RegionCode) async throws -> [AuditEntry] {
        let client = try app.custodians.client(for: region)
        let size = Int(try await client.signedTreeHead().treeSize)
        var entries: [AuditEntry] = []
        var start = 0
        while start < size {
            let page = try await client.entries(start: start, end: min(size, start + 1000)).entries
            entries += try page.map { try AuditEntry.decodeCanonical(Array($0.entry.utf8)) }
            start += max(page.count, 1)
        }
        return entries
    }

    /// The entries of `region`'s log about `user` (by their subject commitment).
    func auditEntries(_ region: RegionCode, about user: ReelID) async throws -> [AuditEntry] {
        // The nonce is sealed in the store: opened as the user's own read.
        let subject = try await app.accounts.protectedAccount(user, access: .user(user, in: region)).subjectCommitment
        return try await auditEntries(region).filter { $0.subject == subject }
    }
}

extension TestClientProtocol {
    /// Signs a staff member in with the code of `step` (default: now's).
    func staffSignIn(region: String, handle: String, totp: TOTP, step: Int64? = nil,
                     password: String = "staff password 123") async throws -> TestResponse {
        let code = totp.code(step: step ?? totp.step(at: Date()))
        return try await send(.post, "/v1/staff/sessions", json: """
            {"region":"\(region)","handle":"\(handle)","password":"\(password)","code":"\(code)"}
            """)
    }

    /// Signs a staff member in and returns their token.
    func staffToken(region: String, handle: String, totp: TOTP) async throws -> String {
        let response = try await staffSignIn(region: region, handle: handle, totp: totp)
        #expect(response.status == .created, "staff sign-in failed: \(response.text)")
        return try response.decode(StaffSessionBody.self).token
    }
}

struct StaffSessionBody: Decodable {
    struct Staff: Decodable {
        var handle: String
        var role: String
        var region: String
    }
    var staff: Staff
    var token: String
}
