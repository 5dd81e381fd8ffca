import Foundation
import Logging
import NIOCore
import ReelCore
import ReelGuard
import ReelServer
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The custodians `reel serve` (and `reel seed`) start themselves: one `reel custodian serve` child
/// process per region that has no custodian configured, each with its data directory
/// `<dataDirectory>/custodians/<region>` and a Unix socket in a directory only this user can enter
/// (mode 0700). The server process itself never opens a PKCS#11 token.
///
/// Each child runs with `--stop-with-parent` and a pipe as its standard input, so it ends with this
/// process even when this process is killed; ``stop()`` ends them with SIGTERM. A child that dies
/// while the server runs is started again (see ``supervise(binary:arguments:region:stopping:logger:)``).
final class CustodianChildren: Sendable {
    private let tasks: [Task<Void, Never>]
    private let stopping: StopFlag

    private init(tasks: [Task<Void, Never>], stopping: StopFlag) {
        self.tasks = tasks
        self.stopping = stopping
    }

    /// Set once ``stop()`` begins: the supervisors stop their children and restart none.
    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .acquiring) }
        func set() { flag.store(true, ordering: .releasing) }
    }

    /// Starts a custodian for every region of `configuration` without one, waits until each answers
    /// with the credential it created, and returns the configuration pointing at them.
    /// - Throws: ``ReelError`` `invalid_config` when a child exits or stays silent for two minutes
    ///   (e.g. SoftHSM2 is not installed).
    static func start(for configuration: ReelConfiguration, logger: Logger) async throws -> (ReelConfiguration, CustodianChildren) {
        var configuration = configuration
        var tasks: [Task<Void, Never>] = []
        let stopping = StopFlag()
        let regions = configuration.regionsWithoutCustodian
        guard !regions.isEmpty else { return (configuration, CustodianChildren(tasks: [], stopping: stopping)) }
        let root = configuration.dataDirectory.appendingPathComponent("custodians", isDirectory: true)
        let sockets = try socketDirectory(root)
        let binary = executable
        for region in regions {
            let dataDirectory = root.appendingPathComponent(region.code.rawValue, isDirectory: true)
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let socket = sockets.appendingPathComponent("\(region.code.rawValue).sock").path
            let endpoint = CustodianEndpoint(address: .unixSocket(socket), credentialFile: dataDirectory.appendingPathComponent("app-credential"))
            let exited = Mutex(false)
            let arguments = ["custodian", "serve", "--region", region.code.rawValue, "--data-dir", dataDirectory.path,
                             "--socket", socket, "--stop-with-parent"]
            tasks.append(Task.detached {
                await supervise(binary: binary, arguments: arguments, region: region.code, stopping: stopping, logger: logger)
                exited.withLock { $0 = true }
            })
            try await waitUntilAnswering(endpoint, region: region.code) { exited.withLock { $0 } }
            configuration.custodians[region.code] = endpoint
            logger.info("custodian started", metadata: ["region": "\(region.code)", "socket": "\(socket)"])
        }
        return (configuration, CustodianChildren(tasks: tasks, stopping: stopping))
    }

    /// Stops every child with SIGTERM and waits until each has ended.
    func stop() async {
        stopping.set()
        for task in tasks { await task.value }
    }

    /// Runs one region's custodian until ``stop()``: a child that exits on its own (killed, crashed)
    /// is logged as an error and started again after a back-off of 1 s, doubling to 30 s while it keeps
    /// dying within a minute. Its standard output (one line when it is serving) goes to this process's
    /// standard error, as its log does; the end of that output is how its exit is noticed.
    private static func supervise(binary: URL, arguments: [String], region: RegionCode, stopping: StopFlag, logger: Logger) async {
        var backOff = Duration.seconds(1)
        var hasServed = false
        while !stopping.isSet {
            let started = ContinuousClock.now
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(binary.path)), arguments: Arguments(arguments),
                    input: .inputWriter, output: .sequence,
                    error: .fileDescriptor(FileDescriptor.standardError, closeAfterSpawningProcess: false)
                ) { execution in
                    let watcher = Task {
                        while !stopping.isSet { try? await Task.sleep(for: .milliseconds(100)) }
                        try? execution.send(signal: .terminate)
                        try? await execution.standardInputWriter.finish()
                    }
                    defer { watcher.cancel() }
                    var served = false
                    for try await chunk in execution.standardOutput {
                        let text = chunk.withUnsafeBytes { Data($0) }
                        FileHandle.standardError.write(text)
                        served = served || String(decoding: text, as: UTF8.self).contains("is serving")
                    }
                    return served
                }
                hasServed = hasServed || result.closureResult
            } catch {
                logger.error("the custodian of region \(region) could not be started", metadata: ["error": "\(error)"])
            }
            // A child that never served is a start-up fault (no SoftHSM2, a locked data directory): reported by start.
            guard !stopping.isSet, hasServed else { return }
            if ContinuousClock.now - started > .seconds(60) { backOff = .seconds(1) }
            logger.error("the custodian of region \(region) exited; starting it again", metadata: ["after": "\(backOff)"])
            try? await Task.sleep(for: backOff)
            backOff = min(backOff * 2, .seconds(30))
        }
    }

    /// This `reel` executable (`/proc/self/exe` on Linux), so the child runs the very same build.
    private static var executable: URL {
        let proc = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: proc.path) { return proc.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// `<root>/sockets`, mode 0700; a fresh 0700 folder under `/tmp` instead when socket paths there
    /// would pass the 107 bytes a Unix socket path may have.
    private static func socketDirectory(_ root: URL) throws -> URL {
        var directory = root.appendingPathComponent("sockets", isDirectory: true)
        if directory.path.utf8.count > 90 {
            directory = URL(fileURLWithPath: "/tmp/reel-custodians-\(UUID().uuidString.prefix(12))", isDirectory: true)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        return directory
    }

    /// Polls the custodian with its credential until it answers (a hang guard of two minutes).
    private static func waitUntilAnswering(_ endpoint: CustodianEndpoint, region: RegionCode, exited: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline && !exited() {
            if let text = try? String(contentsOf: endpoint.credentialFile, encoding: .utf8) {
                let client = CustodianClient(address: endpoint.address, credential: text.trimmingCharacters(in: .whitespacesAndNewlines),
                                             timeout: .seconds(5))
                if (try? await client.keyEncryptionKeys()) != nil { return }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ReelError.invalidConfig("""
            the key custodian of region \(region) did not start (see its log above): is SoftHSM2 installed \
            (scripts/install-deps.sh), or give the region a custodian URL (REEL_\(region.rawValue.uppercased())_CUSTODIAN_URL)
            """)
    }
}
