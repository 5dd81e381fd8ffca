import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `reel serve` as a person starts it: the banner, a busy port, and a `.build` from another checkout.
@Suite("Start-up (real process)", .serialized)
struct StartupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts `reel serve` on `port` with stdout and stderr going to files in `directory`.
    static func serve(port: Int, directory: URL) throws -> (process: Process, stdout: URL, stderr: URL) {
        let stdout = directory.appendingPathComponent("stdout.txt")
        let stderr = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = DurabilityTests.binary
        process.arguments = ["serve", "--data-dir", directory.appendingPathComponent("data").path, "--port", "\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment["REEL_BCRYPT_COST"] = "4"
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return (process, stdout, stderr)
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
        let server = try Self.serve(port: port, directory: directory)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let deadline = ContinuousClock.now + .seconds(120)  // a hang guard: start-up opens the stores first
        while ContinuousClock.now < deadline, server.process.isRunning, !Self.text(server.stdout).contains("Reel is serving") {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(server.process.isRunning)
        #expect(Self.text(server.stdout).contains("at http://127.0.0.1:\(port)/"), "stdout: \(Self.text(server.stdout))")
    }

    @Test("a busy port says which port and how to pick another, prints no serving line and exits non-zero")
    func busyPort() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (occupied, port) = try Self.occupyPort()
        defer { close(occupied) }
        let server = try Self.serve(port: port, directory: directory)
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline, server.process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
        if server.process.isRunning { server.process.terminate() }
        server.process.waitUntilExit()
        let errors = Self.text(server.stderr)
        #expect(server.process.terminationStatus != 0)
        #expect(errors.contains("port \(port)"), "stderr: \(errors)")
        #expect(errors.contains("PORT="), "stderr: \(errors)")
        #expect(errors.contains("--port"), "stderr: \(errors)")
        #expect(!Self.text(server.stdout).contains("Reel is serving"), "stdout: \(Self.text(server.stdout))")
    }

    /// Runs `scripts/check-build-dir.sh` in `directory`.
    static func checkBuildDirectory(in directory: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/check-build-dir.sh")
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("a .build copied from another checkout is detected with advice; a matching or missing one passes")
    func staleBuildDirectory() throws {
        let directory = try Self.temporaryDirectory().resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Self.checkBuildDirectory(in: directory).status == 0)
        let build = directory.appendingPathComponent(".build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let manifest = build.appendingPathComponent("debug.yaml")
        try #"  "C.ReelCore": {"inputs": ["/somewhere/else/reel/Sources/ReelCore/"]}"#.write(to: manifest, atomically: true, encoding: .utf8)
        let stale = try Self.checkBuildDirectory(in: directory)
        #expect(stale.status != 0)
        #expect(stale.stderr.contains("/somewhere/else/reel"), "\(stale.stderr)")
        #expect(stale.stderr.contains("rm -rf .build"), "\(stale.stderr)")
        let here = directory.path
        try #"  "C.ReelCore": {"inputs": ["\#(here)/Sources/ReelCore/"]}"#.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try Self.checkBuildDirectory(in: directory).status == 0)
    }
}
