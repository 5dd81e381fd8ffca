import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Write-then-rename helpers so a crash never leaves a half-written file at a final path.
///
/// Temporary files live next to their destination (same file system, so `rename(2)` is atomic)
/// and are named `.<destination name>.<uuid>.partial`; ``DiskMediaStore/removePartialFiles()`` finds
/// leftovers by that prefix.
enum DurableFile {
    /// A fresh temporary path in the destination's folder.
    static func temporaryURL(for destination: URL) -> URL {
        destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
    }

    /// Flushes `temporary` to disk, renames it over `destination` and flushes the folder, so
    /// that after a crash the destination holds either the old file or the complete new one.
    static func commit(_ temporary: URL, to destination: URL) throws(MediaError) {
        try synchronize(temporary, isDirectory: false)
        guard rename(temporary.path, destination.path) == 0 else {
            throw .fileSystem(path: destination.path, reason: String(cString: strerror(errno)))
        }
        try synchronize(destination.deletingLastPathComponent(), isDirectory: true)
    }

    /// Deletes the file if it exists; a missing file is success, which makes cleanup idempotent.
    static func remove(_ url: URL) throws(MediaError) {
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw .fileSystem(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// `fsync` on a file or folder; ffmpeg does not sync what it writes.
    static func synchronize(_ url: URL, isDirectory: Bool) throws(MediaError) {
        let descriptor = open(url.path, isDirectory ? O_RDONLY | O_DIRECTORY : O_RDONLY)
        guard descriptor >= 0 else {
            throw .fileSystem(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw .fileSystem(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
}
