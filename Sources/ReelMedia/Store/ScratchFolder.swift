import Foundation

/// A region's local folder for work in progress: uploads while they stream in, downloads for
/// ffmpeg, and transcoder output before it is put into the ``MediaStore``.
///
/// Nothing here is ever served; everything here may be deleted at startup (``removeAll()``).
/// Names start with the video ID, so work on different videos never collides.
public struct ScratchFolder: Sendable {
    /// The folder.
    public let root: URL

    /// Opens the folder at `root`, creating it if needed.
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if it cannot be created.
    public init(root: URL) throws(MediaError) {
        self.root = root
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: root.path, reason: error.localizedDescription)
        }
    }

    /// Where the upload of video `id` lands once ``UploadWriter/finish()`` succeeds.
    public func uploadURL(for id: String) -> URL {
        root.appendingPathComponent(MediaKey.upload(id).fileName)
    }

    /// Starts streaming an upload for video `id` to ``uploadURL(for:)``.
    /// - Parameter byteLimit: most bytes accepted; more makes `write` throw ``MediaRejection/tooLarge(limit:)``.
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if the file cannot be created.
    public func makeUploadWriter(for id: String, byteLimit: Int64) throws(MediaError) -> UploadWriter {
        try UploadWriter(destination: uploadURL(for: id), byteLimit: byteLimit)
    }

    /// A fresh, empty folder for one piece of work on video `id` (e.g. one transcode run).
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    public func makeWorkFolder(for id: String) throws(MediaError) -> URL {
        precondition(MediaKey.isValidID(id), "media ID must be URL-safe: \(id.debugDescription)")
        let folder = root.appendingPathComponent("\(id).\(UUID().uuidString).work", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw .fileSystem(path: folder.path, reason: error.localizedDescription)
        }
        return folder
    }

    /// A fresh file name for a temporary copy of `key`'s object.
    func temporaryURL(for key: MediaKey) -> URL {
        root.appendingPathComponent("\(key.videoID).\(UUID().uuidString).\(key.kind == .poster ? "jpg" : "download")")
    }

    /// Deletes a file or folder here; missing is fine.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    public func remove(_ url: URL) throws(MediaError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw .fileSystem(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Deletes everything in the folder.
    /// - Returns: how many entries were deleted.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    @discardableResult
    public func removeAll() throws(MediaError) -> Int {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        } catch {
            throw .fileSystem(path: root.path, reason: error.localizedDescription)
        }
        for name in names { try remove(root.appendingPathComponent(name)) }
        return names.count
    }
}
