import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams an upload to disk chunk by chunk, enforcing a byte limit, so a body is never held in memory.
///
/// Bytes go to a temporary file beside the final upload path; ``finish()`` syncs it and renames it
/// into place, so the final path only ever holds complete uploads. Exceeding the limit, calling
/// ``abort()``, or dropping the writer unfinished deletes the temporary file.
///
/// Writes are blocking `write(2)` calls of one chunk each. Use a writer from one task at a time.
public final class UploadWriter {
    private enum State {
        case open(descriptor: Int32)
        case closed
    }

    /// Where the finished upload will be.
    public let destination: URL
    /// Most bytes accepted.
    public let byteLimit: Int64
    /// Bytes written so far.
    public private(set) var byteCount: Int64 = 0

    private let temporary: URL
    private var state: State

    /// Creates the temporary file; prefer ``ScratchFolder/makeUploadWriter(for:byteLimit:)``.
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if the file cannot be created.
    public init(destination: URL, byteLimit: Int64) throws(MediaError) {
        self.destination = destination
        self.byteLimit = byteLimit
        temporary = DurableFile.temporaryURL(for: destination)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw .fileSystem(path: temporary.path, reason: String(cString: strerror(errno)))
        }
        state = .open(descriptor: descriptor)
    }

    deinit {
        discard()
    }

    /// Appends `bytes`.
    ///
    /// - Throws: ``MediaRejection/tooLarge(limit:)`` when the total would exceed ``byteLimit`` (the
    ///   partial file is deleted and the writer closed); ``MediaError`` on a disk error (likewise).
    /// - Precondition: the writer is neither finished nor aborted.
    public func write(_ bytes: some Collection<UInt8>) throws {
        guard case .open(let descriptor) = state else { preconditionFailure("write after finish or abort") }
        guard byteCount + Int64(bytes.count) <= byteLimit else {
            discard()
            throw MediaRejection.tooLarge(limit: byteLimit)
        }
        let written: Bool = bytes.withContiguousStorageIfAvailable { Self.writeAll($0, to: descriptor) }
            ?? Array(bytes).withUnsafeBufferPointer { Self.writeAll($0, to: descriptor) }
        guard written else {
            let reason = String(cString: strerror(errno))
            discard()
            throw MediaError.fileSystem(path: temporary.path, reason: reason)
        }
        byteCount += Int64(bytes.count)
    }

    /// Syncs the upload to disk and moves it to ``destination``.
    /// - Returns: the number of bytes written.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``; the temporary file is deleted on failure.
    /// - Precondition: the writer is neither finished nor aborted.
    @discardableResult
    public func finish() throws(MediaError) -> Int64 {
        guard case .open(let descriptor) = state else { preconditionFailure("finish after finish or abort") }
        state = .closed
        close(descriptor)
        do {
            // `commit` syncs the file before renaming it, and the folder after.
            try DurableFile.commit(temporary, to: destination)
        } catch {
            try? DurableFile.remove(temporary)
            throw error
        }
        return byteCount
    }

    /// Closes and deletes the partial upload; calling it again, or after ``finish()``, does nothing.
    public func abort() {
        discard()
    }

    private func discard() {
        guard case .open(let descriptor) = state else { return }
        state = .closed
        close(descriptor)
        try? DurableFile.remove(temporary)
    }

    /// Writes the whole buffer, retrying short writes and interrupted calls.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        guard var address = buffer.baseAddress else { return true }
        var remaining = buffer.count
        while remaining > 0 {
            let result = systemWrite(descriptor, address, remaining)
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            address += result
            remaining -= result
        }
        return true
    }
}

/// `write(2)`; a free function because inside ``UploadWriter`` the name means its own method.
private func systemWrite(_ descriptor: Int32, _ address: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, address, count)
}

// A writer owns an open file descriptor and a running count; sharing it between tasks would race.
@available(*, unavailable)
extension UploadWriter: Sendable {}
