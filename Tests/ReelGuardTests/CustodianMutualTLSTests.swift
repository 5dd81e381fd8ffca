import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import ReelCore
import ReelGuard
import Subprocess
import Testing
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A custodian on another machine, reached over mutual TLS (`reel custodian serve --tls-cert --tls-key
/// --client-ca`): real processes, certificates made at test time.
@Suite("Custodian over mutual TLS")
struct CustodianMutualTLSTests {
    /// The certificates of one test: the trusted CA, the custodian's certificate, the app server's,
    /// and a client certificate another CA signed.
    struct Certificates {
        let ca: TestPKI.Authority
        let custodian: TestPKI.Leaf
        let app: TestPKI.Leaf
        let stranger: TestPKI.Leaf

        init(in directory: URL) throws {
            let pki = TestPKI(directory: directory)
            ca = try pki.authority("reel-test")
            custodian = try pki.leaf("custodian-us", signedBy: ca, isServer: true)
            app = try pki.leaf("app-us", signedBy: ca, isServer: false)
            stranger = try pki.leaf("app-stranger", signedBy: try pki.authority("other"), isServer: false)
        }

        /// Client files presenting `leaf` and trusting the test CA.
        func client(_ leaf: TestPKI.Leaf) -> CustodianTLSFiles {
            CustodianTLSFiles(certificateFile: leaf.certificateFile.path, keyFile: leaf.keyFile.path, caFile: ca.file.path)
        }
    }

    @Test("without a client certificate, or with one another CA signed, the custodian refuses the connection; the right one works")
    func refusesWrongClients() async throws {
        try SoftHSM.require()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = try Certificates(in: directory)
        try await Self.runCustodian(dataDirectory: directory.appendingPathComponent("us"), certificates: certificates) { port, credential in
            let url = try #require(URL(string: "https://localhost:\(port)"))
            func client(_ http: HTTPClient) -> CustodianClient {
                CustodianClient(address: .url(url), credential: credential, timeout: .seconds(10), http: http)
            }
            let right = client(try HTTPClient.custodianClient(tls: certificates.client(certificates.app)))
            #expect(try await right.createDataKey(access("us")).key.count == 32)
            let size = try await right.signedTreeHead().treeSize

            var trustOnly = TLSConfiguration.makeClientConfiguration()
            trustOnly.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificates.ca.file.path))
            let bare = HTTPClient(configuration: .init(tlsConfiguration: trustOnly))
            let stranger = try HTTPClient.custodianClient(tls: certificates.client(certificates.stranger))
            let plain = CustodianClient(address: .url(try #require(URL(string: "http://localhost:\(port)"))), credential: credential,
                                        timeout: .seconds(10))
            for (name, refused) in [("no client certificate", client(bare)), ("another CA's certificate", client(stranger)),
                                    ("plain HTTP", plain)] {
                let error = await #expect(throws: CustodianClientError.self, "\(name)") { try await refused.createDataKey(access("us")) }
                #expect(error?.status == 0, "\(name): \(String(describing: error))")
            }
            try await bare.shutdown()
            // Refused during the handshake: nothing reached the API, so nothing was logged.
            #expect(try await right.signedTreeHead().treeSize == size)
        }
    }

    @Test("reel serve reaches a custodian configured with an https URL and a client certificate; another CA's certificate gets 503")
    func serverUsesClientCertificate() async throws {
        try SoftHSM.require()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = try Certificates(in: directory)
        try await Self.runCustodian(dataDirectory: directory.appendingPathComponent("us"), certificates: certificates) { port, _ in
            func environment(_ leaf: TestPKI.Leaf) -> [String: String] {
                ["REEL_US_CUSTODIAN_URL": "https://localhost:\(port)",
                 "REEL_US_CUSTODIAN_CREDENTIAL_FILE": directory.appendingPathComponent("us/app-credential").path,
                 "REEL_US_CUSTODIAN_CLIENT_CERT": leaf.certificateFile.path, "REEL_US_CUSTODIAN_CLIENT_KEY": leaf.keyFile.path,
                 "REEL_US_CUSTODIAN_CA": certificates.ca.file.path]
            }
            try await ServerProcess.run(dataDirectory: directory.appendingPathComponent("server"), port: 27150,
                                        environment: environment(certificates.app)) { _ in
                let (status, body) = try await Self.signUp(port: 27150, handle: "tls_user")
                #expect(status == 201, "\(body)")
            }
            try await ServerProcess.run(dataDirectory: directory.appendingPathComponent("server-stranger"), port: 27151,
                                        environment: environment(certificates.stranger)) { _ in
                let (status, body) = try await Self.signUp(port: 27151, handle: "tls_stranger")
                #expect(status == 503, "\(body)")
                #expect(body.contains("custodian_unavailable"))
            }
        }
    }

    /// Signs up a US account at the server on `port`; returns the status and body.
    static func signUp(port: Int, handle: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/accounts")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: """
            {"handle":"\(handle)","email":"\(handle)@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}
            """))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    /// Runs `reel custodian serve` for `us` on a free loopback port with mutual TLS while `body` runs
    /// (given the port and the app credential), then kills it.
    static func runCustodian(dataDirectory: URL, certificates: Certificates,
                             _ body: (Int, String) async throws -> Void) async throws {
        let arguments = ["custodian", "serve", "--region", "us", "--data-dir", dataDirectory.path, "--port", "0",
                         "--tls-cert", certificates.custodian.certificateFile.path, "--tls-key", certificates.custodian.keyFile.path,
                         "--client-ca", certificates.ca.file.path]
        _ = try await Subprocess.run(
            .path(FilePath(CustodianProcess.binary.path)), arguments: .init(arguments),
            environment: .inherit.updating(["LOG_LEVEL": "warning"]), input: .none, output: .sequence, error: .discarded
        ) { execution in
            defer { try? execution.send(signal: .kill) }
            var text = ""
            var port: Int?
            for try await chunk in execution.standardOutput {
                text += chunk.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
                if let range = text.range(of: "is serving at https://127.0.0.1:"),
                   let digits = text[range.upperBound...].split(whereSeparator: { !$0.isNumber }).first {
                    port = Int(digits)
                    break
                }
            }
            let bound = try #require(port, "the custodian printed no https address: \(text)")
            let credential = try String(contentsOf: dataDirectory.appendingPathComponent("app-credential"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try await body(bound, credential)
        }
    }
}
