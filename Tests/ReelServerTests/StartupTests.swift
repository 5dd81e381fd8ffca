import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif
import Testing

/// `reel serve` as a person starts it: the banner, a busy port, and a `.build` from another checkout.
@Suite("Start-up (real process)", .serialized)
struct StartupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `reel serve` on `port` with stdout and stderr going to files in `directory` while `body`
    /// runs, then kills it (see ``ReelServeProcess/run(dataDirectory:port:standardOutput:standardError:_:)``).
    /// - Returns: How the process ended.
    @discardableResult
    static func serve(port: Int, directory: URL, _ body: (ReelServeProcess) async throws -> Void) async throws -> TerminationStatus {
        let files = outputFiles(in: directory)
        return try await ReelServeProcess.run(dataDirectory: directory.appendingPathComponent("data"), port: port,
                                              standardOutput: files.stdout, standardError: files.stderr, body).status
    }

    /// The files ``serve(port:directory:_:)`` writes the server's stdout and stderr to.
    static func outputFiles(in directory: URL) -> (stdout: URL, stderr: URL) {
        (directory.appendingPathComponent("stdout.txt"), directory.appendingPathComponent("stderr.txt"))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reel-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A socket listening on a free port of 127.0.0.1, as another server would.
    static func occupyPort() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { close(descriptor); throw POSIXError(.EADDRINUSE) }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test("the serving banner is in the output file at once, while the server runs, with the bound port")
    func bannerIsFlushed() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (free, port) = try Self.occupyPort()
        close(free)
        let stdout = Self.outputFiles(in: directory).stdout
        try await Self.serve(port: port, directory: directory) { server in
            let deadline = ContinuousClock.now + .seconds(120)  // a hang guard: start-up opens the stores first
            while ContinuousClock.now < deadline, server.isRunning, !Self.text(stdout).contains("Reel is serving") {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(server.isRunning)
            #expect(Self.text(stdout).contains("at http://127.0.0.1:\(port)/"), "stdout: \(Self.text(stdout))")
        }
    }

    @Test("a busy port says which port and how to pick another, prints no serving line and exits non-zero")
    func busyPort() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (occupied, port) = try Self.occupyPort()
        defer { close(occupied) }
        let files = Self.outputFiles(in: directory)
        // Still running after the hang guard: it is killed, which also counts as a non-zero exit.
        let status = try await Self.serve(port: port, directory: directory) { server in
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline, server.isRunning {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let errors = Self.text(files.stderr)
        #expect(status != .exited(0), "\(status)")
        #expect(errors.contains("port \(port)"), "stderr: \(errors)")
        #expect(errors.contains("PORT="), "stderr: \(errors)")
        #expect(errors.contains("--port"), "stderr: \(errors)")
        #expect(!Self.text(files.stdout).contains("Reel is serving"), "stdout: \(Self.text(files.stdout))")
    }

    /// Runs `scripts/check-build-dir.sh` in `directory`.
    /// - Returns: How it ended and what it wrote to stderr.
    static func checkBuildDirectory(in directory: URL) async throws -> (status: TerminationStatus, stderr: String) {
        let result = try await Subprocess.run(
            .path(FilePath(root.appendingPathComponent("scripts/check-build-dir.sh").path)),
            workingDirectory: FilePath(directory.path),
            output: .discarded, error: .string(limit: 64 << 10)
        )
        return (result.terminationStatus, result.standardError)
    }

    @Test("a .build copied from another checkout is detected with advice; a matching or missing one passes")
    func staleBuildDirectory() async throws {
        let directory = try Self.temporaryDirectory().resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await Self.checkBuildDirectory(in: directory).status == .exited(0))
        let build = directory.appendingPathComponent(".build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let manifest = build.appendingPathComponent("debug.yaml")
        try #"  "C.ReelCore": {"inputs": ["/somewhere/else/reel/Sources/ReelCore/"]}"#.write(to: manifest, atomically: true, encoding: .utf8)
        let stale = try await Self.checkBuildDirectory(in: directory)
        #expect(stale.status != .exited(0))
        #expect(stale.stderr.contains("/somewhere/else/reel"), "\(stale.stderr)")
        #expect(stale.stderr.contains("rm -rf .build"), "\(stale.stderr)")
        let here = directory.path
        try #"  "C.ReelCore": {"inputs": ["\#(here)/Sources/ReelCore/"]}"#.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try await Self.checkBuildDirectory(in: directory).status == .exited(0))
    }
}
