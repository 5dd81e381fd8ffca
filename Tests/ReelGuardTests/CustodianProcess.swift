import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReelCore
import ReelGuard
import Subprocess
import Testing
#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real `reel custodian serve` child process on a Unix socket, alive for the duration of a closure.
struct CustodianProcess: Sendable {
    /// The `reel` executable built next to the test bundle.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("reel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/reel")
    }

    /// The region it serves.
    let region: String
    /// Its socket.
    let socket: String
    /// Its data directory.
    let dataDirectory: URL
    /// Its process id.
    let processIdentifier: pid_t

    /// A client presenting the custodian's own app credential.
    var client: CustodianClient {
        let credential = (try? String(contentsOf: dataDirectory.appendingPathComponent("app-credential"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return CustodianClient(address: .unixSocket(socket), credential: credential)
    }

    /// Runs the custodian for `region` in `dataDirectory` (socket `dataDirectory/../<region>.sock`)
    /// while `body` runs, then kills it with SIGKILL, as `kill -9` does.
    static func run<Value: Sendable>(region: String, dataDirectory: URL, extraArguments: [String] = [],
                                     _ body: (CustodianProcess) async throws -> Value) async throws -> Value {
        let socket = dataDirectory.deletingLastPathComponent().appendingPathComponent("\(region).sock").path
        let result = try await Subprocess.run(
            .path(FilePath(binary.path)),
            arguments: .init(["custodian", "serve", "--region", region, "--data-dir", dataDirectory.path, "--socket", socket] + extraArguments),
            environment: .inherit.updating(["LOG_LEVEL": "warning"]),
            input: .none, output: .discarded, error: .discarded
        ) { execution in
            defer { try? execution.send(signal: .kill) }
            let custodian = CustodianProcess(region: region, socket: socket, dataDirectory: dataDirectory,
                                             processIdentifier: execution.processIdentifier.value)
            try await custodian.waitUntilReady()
            return try await body(custodian)
        }
        return result.closureResult
    }

    /// Polls the public key route until it answers (a hang guard, not a speed check).
    func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if (try? await client.publicKey()) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CancellationError()
    }

    /// The shared libraries the process has mapped (from `/proc/<pid>/maps`).
    var mappedFiles: String { Self.mappedFiles(of: processIdentifier) }

    /// `/proc/<pid>/maps`, read to its end (its reported size is 0, so whole-file readers stop short).
    static func mappedFiles(of pid: pid_t) -> String {
        let data = FileHandle(forReadingAtPath: "/proc/\(pid)/maps")?.readDataToEndOfFile() ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// SoftHSM2 for the custodian tests: required on CI, optional elsewhere.
enum SoftHSM {
    static let modulePath = ProcessInfo.processInfo.environment["REEL_PKCS11_MODULE"] ?? "/usr/lib/softhsm/libsofthsm2.so"

    /// Fails on CI (`CI=true`) when SoftHSM2 is missing; elsewhere cancels the test with a note.
    static func require() throws {
        guard !FileManager.default.fileExists(atPath: modulePath) else { return }
        let note = "SoftHSM2 (\(modulePath)) is not installed, so the custodian was not tested: run `make test` or scripts/install-deps.sh softhsm2."
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record(Comment(rawValue: note))
        } else {
            try Test.cancel(Comment(rawValue: note))
        }
    }
}

/// A fresh temporary directory, short enough for Unix socket paths.
func temporaryDirectory() throws -> URL {
    let url = URL(fileURLWithPath: "/tmp/reel-guard-\(UUID().uuidString.prefix(8))", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A key request from the `accounts` service of `region`.
func access(_ region: String, purpose: String = "account-creation", justification: String = "sign-up") -> CustodianAPI.KeyAccess {
    .init(principal: AuditPrincipal(kind: .service, role: "accounts", jurisdiction: .init(region)), purpose: purpose, justification: justification)
}

/// A real `reel serve` child process, to look at what it maps.
enum ServerProcess {
    /// Runs `reel serve` until `/healthz` answers, then gives `body` its `/proc/<pid>/maps`; kills it afterwards.
    /// `environment` is added to this process's (custodian URLs, TLS files).
    static func run(dataDirectory: URL, port: Int, environment: [String: String] = [:], _ body: (String) async throws -> Void) async throws {
        var variables: [Environment.Key: String?] = ["LOG_LEVEL": "warning", "REEL_BCRYPT_COST": "4"]
        for (name, value) in environment { variables[Environment.Key(stringLiteral: name)] = value }
        _ = try await Subprocess.run(
            .path(FilePath(CustodianProcess.binary.path)),
            arguments: ["serve", "--data-dir", dataDirectory.path, "--port", "\(port)"],
            environment: .inherit.updating(variables),
            input: .none, output: .discarded, error: .discarded
        ) { execution in
            defer { try? execution.send(signal: .kill) }
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")
                if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)), response.status == .ok { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await body(CustodianProcess.mappedFiles(of: execution.processIdentifier.value))
        }
    }
}
