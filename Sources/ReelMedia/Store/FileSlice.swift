#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Blocking reads of a byte range of a file with plain POSIX calls, meant to run on NIO's thread
/// pool (``DiskMediaStore/read(_:range:to:)``): one job opens, sizes and reads, where NIO's async
/// `FileSystem` takes a thread hop for each of open, read and close.
enum FileSlice {
    /// A file's size and the bytes read from its start offset.
    struct Read {
        /// Size of the whole file in bytes.
        var fileSize: Int
        /// The bytes read (empty when nothing was asked for).
        var bytes: ByteBuffer
    }

    /// The failures of a read: the file is missing or unreadable, or it shrank under the reader.
    enum Failure: Error {
        case cannotOpen(errno: Int32)
        case cannotRead(errno: Int32)
        case truncated

        /// A sentence for ``MediaError/fileSystem(path:reason:)``.
        var reason: String {
            switch self {
            case .cannotOpen(let code): "Cannot open the file: \(String(cString: strerror(code)))."
            case .cannotRead(let code): "Cannot read the file: \(String(cString: strerror(code)))."
            case .truncated: "The file ended before the requested bytes."
            }
        }
    }

    /// Opens `path`, learns its size, and reads `bytes(size)` — a start offset and a length — from it.
    /// - Throws: ``Failure``.
    static func read(path: String, bytes: (Int) -> (offset: Int, count: Int)) throws -> Read {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure.cannotOpen(errno: errno) }
        defer { close(descriptor) }
        // The size from the end offset: `pread` below does not use the file position.
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else { throw Failure.cannotRead(errno: errno) }
        let size = Int(end)
        let (offset, count) = bytes(size)
        return Read(fileSize: size, bytes: try read(descriptor, offset: offset, count: count))
    }

    /// Reads `count` bytes at `offset` of the open file `descriptor`, repeating short reads.
    /// - Throws: ``Failure/truncated`` when the file ends first.
    private static func read(_ descriptor: Int32, offset: Int, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var done = 0
        while done < count {
            let result = buffer.withUnsafeMutableWritableBytes { target in
                pread(descriptor, target.baseAddress, count - done, off_t(offset + done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure.cannotRead(errno: errno)
            }
            guard result > 0 else { throw Failure.truncated }
            buffer.moveWriterIndex(forwardBy: result)
            done += result
        }
        return buffer
    }
}
