import Foundation
import NIOCore
import NIOPosix
import _NIOFileSystem
import SystemPackage

/// One region's media on local disk: `uploads/`, `videos/` and `posters/` under a root folder,
/// each object a file at its ``MediaKey/path``, and the ``scratch`` folder at `scratch/`.
///
/// Files are put by renaming them from `scratch/` (same file system, so the rename is atomic)
/// after syncing them, and the folder is synced after, so a crash leaves the old file or the
/// whole new one. Byte reads run on NIO's thread pool with plain POSIX calls (``FileSlice``): a
/// range up to ``readChunkSize`` (a player's typical request) costs one job, a longer one a job
/// per further chunk, so memory stays bounded.
public struct DiskMediaStore: MediaStore {
    /// The region's media folder.
    public let root: URL
    public let scratch: ScratchFolder
    /// Bytes read per thread-pool job, and the largest chunk ``read(_:range:to:)`` hands over.
    public static let readChunkSize = 256 * 1024

    /// Opens the store at `root`, creating it and its subfolders if needed.
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if a folder cannot be created.
    public init(root: URL) throws(MediaError) {
        self.root = root
        for folder in MediaKey.folders {
            let url = root.appendingPathComponent(folder, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw .fileSystem(path: url.path, reason: error.localizedDescription)
            }
        }
        scratch = try ScratchFolder(root: root.appendingPathComponent("scratch", isDirectory: true))
    }

    /// The file that holds the object at `key`.
    public func fileURL(for key: MediaKey) -> URL {
        root.appendingPathComponent(key.folder, isDirectory: true).appendingPathComponent(key.fileName)
    }

    public func put(fileAt file: URL, as key: MediaKey) async throws {
        try DurableFile.commit(file, to: fileURL(for: key))
    }

    public func info(of key: MediaKey) async throws -> MediaObjectInfo? {
        guard let info = try await FileSystem.shared.info(forFileAt: FilePath(fileURL(for: key).path)) else { return nil }
        return MediaObjectInfo(size: Int(info.size))
    }

    public func read(_ key: MediaKey, range: ClosedRange<Int>?, to consume: (ByteBuffer) async throws -> Void) async throws {
        let path = fileURL(for: key).path
        let chunk = Self.readChunkSize
        // The first job also learns the size, which a whole read needs for its end.
        let first = try await Self.slice(path) { size in
            let start = range?.lowerBound ?? 0
            return (start, max(0, min(chunk, (range.map { $0.upperBound + 1 } ?? size) - start)))
        }
        let start = range?.lowerBound ?? 0
        let end = range.map { $0.upperBound + 1 } ?? first.fileSize
        if first.bytes.readableBytes > 0 { try await consume(first.bytes) }
        for offset in stride(from: start + first.bytes.readableBytes, to: end, by: chunk) {
            let count = min(chunk, end - offset)
            try await consume(try await Self.slice(path) { _ in (offset, count) }.bytes)
        }
    }

    /// One ``FileSlice`` read on NIO's thread pool.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    private static func slice(_ path: String, bytes: @escaping @Sendable (Int) -> (offset: Int, count: Int)) async throws -> FileSlice.Read {
        do {
            return try await NIOThreadPool.singleton.runIfActive { try FileSlice.read(path: path, bytes: bytes) }
        } catch let failure as FileSlice.Failure {
            throw MediaError.fileSystem(path: path, reason: failure.reason)
        }
    }

    public func withLocalFile<Result>(of key: MediaKey, _ body: (URL) async throws -> Result) async throws -> Result {
        let url = fileURL(for: key)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MediaError.fileSystem(path: url.path, reason: "no such file")
        }
        return try await body(url)
    }

    public func remove(_ key: MediaKey) async throws {
        try DurableFile.remove(fileURL(for: key))
    }

    public func removeAll(for id: String) async throws {
        for key in MediaKey.allKeys(of: id) { try DurableFile.remove(fileURL(for: key)) }
    }

    public func uploadIDs() async throws -> [String] {
        let suffix = ".upload"
        return try names(in: "uploads").compactMap { name in
            guard name.hasSuffix(suffix) else { return nil }
            let id = String(name.dropLast(suffix.count))
            return MediaKey.isValidID(id) ? id : nil
        }
    }

    /// Deletes everything in ``scratch`` and the temporary files of interrupted renames in the
    /// three object folders (`.<name>.<uuid>.partial`). Scans each folder once.
    @discardableResult
    public func removePartialFiles() async throws -> Int {
        var removed = try scratch.removeAll()
        for folder in MediaKey.folders {
            let directory = root.appendingPathComponent(folder, isDirectory: true)
            for name in try names(in: folder) where name.hasPrefix(".") && name.hasSuffix(".partial") {
                try DurableFile.remove(directory.appendingPathComponent(name))
                removed += 1
            }
        }
        return removed
    }

    public func verifyAccess() async throws {
        for folder in MediaKey.folders + ["scratch"] {
            let path = root.appendingPathComponent(folder, isDirectory: true).path
            guard FileManager.default.isWritableFile(atPath: path) else {
                throw MediaError.fileSystem(path: path, reason: "the media folder is missing or not writable")
            }
        }
    }

    /// Always nil: a disk store's files are served by this server.
    public func redirectURL(for key: MediaKey, now: Date) -> URL? { nil }

    private func names(in folder: String) throws(MediaError) -> [String] {
        let directory = root.appendingPathComponent(folder, isDirectory: true)
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .fileSystem(path: directory.path, reason: error.localizedDescription)
        }
    }
}
