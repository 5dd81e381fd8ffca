#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
@testable import ReelServer
import Testing

/// Request log lines are buffered, not written one system call each (issue 11).
@Suite("Buffered logging")
struct BufferedLogTests {
    /// A pipe whose read end is non-blocking, and what has arrived on it so far.
    final class Pipe {
        let read: Int32
        let write: Int32

        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw POSIXError(.EIO) }
            (read, write) = (ends[0], ends[1])
            _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
        }

        deinit { close(read); close(write) }

        func available() -> String {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = Glibc.read(read, &chunk, chunk.count)
                guard count > 0 else { break }
                bytes += chunk.prefix(count)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test("info lines wait for a flush; a warning writes everything pending at once, in order")
    func buffering() throws {
        let pipe = try Pipe()
        let buffer = LogBuffer(descriptor: pipe.write)
        var logger = Logger(label: "reel") { BufferedLogHandler(label: $0, buffer: buffer) }
        logger[metadataKey: "user.id"] = "u1"
        logger.info("request", metadata: ["request.path": "/healthz"])
        #expect(pipe.available().isEmpty)
        buffer.flush()
        let line = pipe.available()
        #expect(line.hasSuffix(" info reel: request.path=/healthz user.id=u1 [ReelServerTests] request\n"), "\(line)")

        logger.info("first")
        logger.warning("second")
        let lines = pipe.available().split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("first") == true)
        #expect(lines.last?.contains(" warning reel: user.id=u1 [ReelServerTests] second") == true)
    }

    @Test("a full buffer is written without waiting for the flush")
    func fullBuffer() throws {
        let pipe = try Pipe()
        let buffer = LogBuffer(descriptor: pipe.write, limit: 1024)
        let logger = Logger(label: "reel") { BufferedLogHandler(label: $0, buffer: buffer) }
        for index in 0..<20 { logger.info("line \(index) with some padding to fill the buffer quickly") }
        #expect(pipe.available().contains("line 0 with"))
    }
}
