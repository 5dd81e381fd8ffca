import Foundation
import ReelSafety
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
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

/// The real `reel serve` as a child process, alive for the duration of a closure.
///
/// Started through swift-subprocess rather than Foundation's `Process`: on Linux, Foundation 6.3's
/// `Process.run()` over-reads a `dirent` while listing `/proc/self/fd` and now and then crashed the
/// whole test run (swift-corelibs-foundation PR #5472).
struct ReelServeProcess: Sendable {
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

    /// The server's base URL, `http://127.0.0.1:PORT`.
    let base: URL
    /// The child's process id. It is not reaped (it stays a zombie once it exits) before the closure
    /// returns, so it names this child for the whole closure.
    let processIdentifier: pid_t
    /// Where the child's standard error goes, if kept: quoted when it exits early.
    let errorLog: URL?

    /// Runs `reel serve --data-dir dataDirectory --port port` (bcrypt cost 4, log level warning, and
    /// `environment` added to the inherited one) while
    /// `body` runs; when `body` returns or throws, kills it with SIGKILL (as `kill -9` does; a child
    /// that already exited is left as it ended) and waits for it to end.
    /// - Parameters:
    ///   - standardOutput: The file the child's stdout goes to, created or truncated; nil discards it.
    ///   - standardError: The file the child's stderr goes to, created or truncated; nil discards it.
    ///   - environment: Variables set for the child on top of the inherited ones and the two above
    ///     (e.g. `LOG_LEVEL`, `REEL_SHUTDOWN_GRACE_SECONDS`).
    /// - Returns: What `body` returned and how the child ended: `.signaled(SIGKILL)` when it was still
    ///   running at the end of `body`, else its own exit.
    /// - Throws: An error opening an output file, `SubprocessError` when the child can't be started,
    ///   or what `body` throws.
    static func run<Value: Sendable>(
        dataDirectory: URL, port: Int, standardOutput: URL? = nil, standardError: URL? = nil, environment: [String: String] = [:],
        _ body: (ReelServeProcess) async throws -> Value
    ) async throws -> (value: Value, status: TerminationStatus) {
        let output = try openForWriting(standardOutput)
        let errors: FileDescriptor
        do { errors = try openForWriting(standardError) } catch { try? output.close(); throw error }
        var variables: [Environment.Key: String?] = ["REEL_BCRYPT_COST": "4", "LOG_LEVEL": "warning"]
        // Rate limits out of reach, as in TestApp (RateLimitHTTPTests checks the defaults).
        for action in RateLimitAction.allCases { variables[Environment.Key(stringLiteral: action.environmentKey)] = "1000000/1" }
        for (name, value) in environment { variables[Environment.Key(stringLiteral: name)] = value }
        let result = try await Subprocess.run(
            .path(FilePath(binary.path)),
            arguments: ["serve", "--data-dir", dataDirectory.path, "--port", "\(port)"],
            environment: .inherit.updating(variables),
            input: .none,
            output: .fileDescriptor(output, closeAfterSpawningProcess: true),
            error: .fileDescriptor(errors, closeAfterSpawningProcess: true)
        ) { execution in
            defer { try? execution.send(signal: .kill) }
            let server = ReelServeProcess(base: URL(string: "http://127.0.0.1:\(port)")!,
                                          processIdentifier: execution.processIdentifier.value, errorLog: standardError)
            return try await body(server)
        }
        return (result.closureResult, result.terminationStatus)
    }

    /// `url` opened write-only (created, truncated), or `/dev/null` when nil.
    private static func openForWriting(_ url: URL?) throws -> FileDescriptor {
        try FileDescriptor.open(FilePath(url?.path ?? "/dev/null"), .writeOnly,
                                options: [.create, .truncate], permissions: [.ownerReadWrite])
    }

    /// Whether the child is still running. `waitid` with `WNOWAIT` only looks: the exit status stays
    /// for swift-subprocess to collect when the closure returns.
    var isRunning: Bool {
        var info = siginfo_t()
        while waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT) != 0 {
            if errno != EINTR { return false }
        }
        return info.si_signo == 0  // SIGCHLD once it has exited
    }

    /// Sends SIGTERM, as an orchestrator stopping the node does.
    func terminate() {
        kill(processIdentifier, SIGTERM)
    }

    /// Polls until the child has exited.
    /// - Throws: `CancellationError` when it is still running after `limit` (a hang guard).
    func waitUntilExited(limit: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + limit
        while isRunning {
            guard ContinuousClock.now < deadline else {
                Issue.record("reel serve was still running \(limit) after it was asked to stop; its standard error ends:\n\(ReelServeExited.tail(of: errorLog))")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Polls `GET /healthz` until it answers 200.
    /// - Throws: ``ReelServeExited`` when the child ends first, `CancellationError` after ``TestDeadline/transcode``.
    func waitUntilHealthy() async throws {
        // A hang guard, not a speed check: with the whole suite on two cores, CPU-bound tests can
        // hold the cooperative pool for tens of seconds, so waking up to poll may itself be late.
        let deadline = ContinuousClock.now + TestDeadline.transcode
        while ContinuousClock.now < deadline {
            if let (_, status) = try? await request("GET", "/healthz"), status == 200 { return }
            guard isRunning else { throw ReelServeExited(errorLog: errorLog) }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("reel serve did not answer GET /healthz with 200 within \(TestDeadline.transcode); its standard error ends:\n\(ReelServeExited.tail(of: errorLog))")
        throw CancellationError()
    }

    /// Sends `method path` with an optional bearer `token` and JSON body.
    /// - Returns: The response's JSON object (empty when it is none) and its status code.
    func request(_ method: String, _ path: String, token: String? = nil, json: String? = nil) async throws -> ([String: Any], Int) {
        try await request(method, path, token: token, body: json.map { Data($0.utf8) }, contentType: "application/json")
    }

    /// Sends `method path` (which may carry a query) with an optional bearer `token` and a body of `contentType`.
    /// - Returns: The response's JSON object (empty when it is none) and its status code.
    func request(_ method: String, _ path: String, token: String? = nil, body: Data?, contentType: String) async throws -> ([String: Any], Int) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (object, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }
}

/// `reel serve` ended before it answered; the description quotes the end of its standard error.
struct ReelServeExited: Error, CustomStringConvertible {
    /// The child's standard error file, when it was kept.
    let errorLog: URL?

    var description: String {
        "reel serve exited before /healthz answered 200; its standard error ends:\n\(Self.tail(of: errorLog))"
    }

    /// The last 15 lines of the child's standard error file, or a note that it was not kept.
    static func tail(of errorLog: URL?) -> String {
        errorLog.flatMap { try? String(contentsOf: $0, encoding: .utf8) }
            .map { $0.split(separator: "\n").suffix(15).joined(separator: "\n") } ?? "(standard error not kept)"
    }
}
