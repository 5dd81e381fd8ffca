import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import Subprocess
import Testing
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `reel staff add` as an operator runs it: the real binary, the password on standard input or in a
/// file, the TOTP secret printed as an `otpauth://` URI that then signs the staff member in.
@Suite("reel staff add")
struct StaffCommandTests {
    /// Runs `reel` with `arguments` and `input` on standard input; returns how it ended, stdout and stderr.
    /// `custodians` (the test app's) are passed as `REEL_<REGION>_CUSTODIAN_…`, as an operator configures
    /// `reel staff add` like `reel serve`, so the secret is sealed by the custodian the server uses.
    static func reel(_ arguments: [String], input: String,
                     custodians: [RegionCode: CustodianEndpoint] = [:]) async throws -> (status: TerminationStatus, output: String, error: String) {
        var environment: [Environment.Key: String?] = ["REEL_BCRYPT_COST": "4", "LOG_LEVEL": "error"]
        for (region, endpoint) in custodians {
            guard case .unixSocket(let path) = endpoint.address else { continue }
            environment[.init(stringLiteral: ReelConfiguration.custodianEnvironmentKey(region, "SOCKET"))] = path
            environment[.init(stringLiteral: ReelConfiguration.custodianEnvironmentKey(region, "CREDENTIAL_FILE"))] = endpoint.credentialFile.path
        }
        let result = try await Subprocess.run(
            .path(FilePath(ReelServeProcess.binary.path)), arguments: .init(arguments),
            environment: .inherit.updating(environment),
            input: .string(input), output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return (result.terminationStatus, result.standardOutput, result.standardError)
    }

    @Test("the printed otpauth:// URI's secret signs the new staff member in, and the command refuses bad input")
    func endToEnd() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        let data = t.directory.path
        let added = try await Self.reel(["staff", "add", "--data-dir", data, "--region", "eu", "--role", "support", "--handle", "nia"],
                                        input: "staff password 123\n",
                                        custodians: t.configuration.custodians)
        #expect(added.status == .exited(0), "stderr: \(added.error)")
        let uri = try #require(URLComponents(string: added.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(uri.scheme == "otpauth" && uri.host == "totp")
        #expect(uri.queryItems?.contains(URLQueryItem(name: "digits", value: "6")) == true)
        let secret = try #require(uri.queryItems?.first { $0.name == "secret" }?.value.flatMap(Base32.decode))
        #expect(secret.count == 20)

        let passwordFile = t.directory.appendingPathComponent("password.txt")
        try "another staff password\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        let fromFile = try await Self.reel(["staff", "add", "--data-dir", data, "--region", "us", "--role", "moderator", "--handle", "otto",
                                            "--password-file", passwordFile.path], input: "", custodians: t.configuration.custodians)
        #expect(fromFile.status == .exited(0), "stderr: \(fromFile.error)")

        let taken = try await Self.reel(["staff", "add", "--data-dir", data, "--region", "eu", "--role", "support", "--handle", "nia"],
                                        input: "staff password 123\n", custodians: t.configuration.custodians)
        #expect(taken.status != .exited(0))
        #expect(taken.error.contains("already has a staff member with this handle"))
        let badRole = try await Self.reel(["staff", "add", "--data-dir", data, "--region", "eu", "--role", "janitor", "--handle", "pat"],
                                          input: "staff password 123\n", custodians: t.configuration.custodians)
        #expect(badRole.status != .exited(0))
        #expect(badRole.error.contains("not a staff role"))

        try await t.test { client in
            let signedIn = try await client.staffSignIn(region: "eu", handle: "nia", totp: TOTP(secret: secret))
            #expect(signedIn.status == .created)
            #expect(try signedIn.decode(StaffSessionBody.self).staff.region == "eu")
            let otto = try await client.staffSignIn(region: "us", handle: "otto", totp: TOTP(secret: secret), password: "another staff password")
            #expect(otto.status == .unauthorized, "another staff member's secret does not sign otto in")
        }
    }
}
