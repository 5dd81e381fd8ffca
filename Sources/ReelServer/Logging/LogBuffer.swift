#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Log lines waiting to be written to a file descriptor (stderr for `reel serve`).
///
/// Appending costs a lock and a copy, not a system call: ``LogFlushService`` writes the buffer every
/// `flushInterval`, and it is written at once when it passes ``limit`` bytes or when a line is urgent
/// (a warning or worse), so a request's log line does not wait on the terminal or pipe. If the
/// process is killed, at most one interval of info lines is lost.
public final class LogBuffer: Sendable {
    private let pending = Mutex<[UInt8]>([])
    /// Held while writing, so flushes reach the descriptor in the order their lines were appended.
    private let writing = Mutex<Void>(())
    private let descriptor: Int32
    /// Buffered bytes that trigger a write from the appending thread.
    let limit: Int

    /// A buffer for `descriptor` (kept open by the caller), written once it holds `limit` bytes.
    public init(descriptor: Int32, limit: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.limit = limit
    }

    /// Adds one line (with its newline); writes everything pending if `isUrgent` or the buffer is full.
    func append(_ line: String, isUrgent: Bool) {
        let isFull = pending.withLock { bytes in
            bytes.append(contentsOf: line.utf8)
            return bytes.count >= limit
        }
        if isUrgent || isFull { flush() }
    }

    /// Writes everything pending. Safe to call from any thread; errors writing logs are ignored.
    public func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { bytes in
                let taken = bytes
                bytes.removeAll(keepingCapacity: true)
                return taken
            }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }
}
