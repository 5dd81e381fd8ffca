import Foundation

/// One region's media files on local disk: `uploads/`, `videos/` and `posters/` under a root folder.
///
/// Paths are derived from the video's ID alone, so the database stores no paths. IDs must be
/// URL-safe (`A–Z a–z 0–9 _ -`, at most 128 characters, see ``isValidID(_:)``); anything else is a
/// programming error and traps, because a path built from an unchecked string could escape the root.
public struct DiskMediaStore: Sendable {
    /// The region's media folder.
    public let root: URL

    /// Opens the store at `root`, creating it and its subfolders if needed.
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if a folder cannot be created.
    public init(root: URL) throws(MediaError) {
        self.root = root
        for folder in Folder.allCases {
            let url = root.appendingPathComponent(folder.rawValue, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw .fileSystem(path: url.path, reason: error.localizedDescription)
            }
        }
    }

    /// Whether `id` may name files in a store: 1–128 characters from `A–Z a–z 0–9 _ -`.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// Where the raw upload of video `id` is kept until it has been transcoded.
    ///
    /// The name has no media extension, so ffprobe identifies the content, not the name.
    public func uploadURL(for id: String) -> URL {
        url(in: .uploads, id: id, extension: "upload")
    }

    /// Where the default rendition of video `id` is served from (`videos/<id>.mp4`).
    public func videoURL(for id: String) -> URL {
        url(in: .videos, id: id, extension: "mp4")
    }

    /// Where `rendition` of video `id`, one of `renditions`, lives: the default rendition
    /// (``RenditionLadder/defaultRendition(of:)``) at ``videoURL(for:)``, the others at
    /// `videos/<id>.<name>.mp4`.
    /// - Precondition: `rendition.name` is a ladder rung's name.
    public func videoURL(for id: String, rendition: Rendition, of renditions: [Rendition]) -> URL {
        precondition(RenditionLadder.rung(named: rendition.name) != nil, "unknown rendition \(rendition.name)")
        if rendition == RenditionLadder.defaultRendition(of: renditions) { return videoURL(for: id) }
        return url(in: .videos, id: id, extension: "\(rendition.name).mp4")
    }

    /// Where the JPEG poster of video `id` is served from.
    public func posterURL(for id: String) -> URL {
        url(in: .posters, id: id, extension: "jpg")
    }

    /// Starts streaming an upload for video `id` to ``uploadURL(for:)``.
    /// - Parameter byteLimit: most bytes accepted; more makes `write` throw ``MediaRejection/tooLarge(limit:)``.
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if the file cannot be created.
    public func makeUploadWriter(for id: String, byteLimit: Int64) throws(MediaError) -> UploadWriter {
        try UploadWriter(destination: uploadURL(for: id), byteLimit: byteLimit)
    }

    /// Deletes the raw upload of video `id`, e.g. once it has been transcoded; missing is fine.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    public func removeUpload(for id: String) throws(MediaError) {
        try DurableFile.remove(uploadURL(for: id))
    }

    /// IDs of every finished upload in `uploads/`, in no particular order.
    ///
    /// At startup, after ``removePartialFiles()``, uploads whose ID has no queued job are orphans of
    /// a crash between upload and enqueue. Names that are not `<valid id>.upload` are skipped.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    public func uploadIDs() throws(MediaError) -> [String] {
        let suffix = ".upload"
        return try names(in: .uploads).compactMap { name in
            guard name.hasSuffix(suffix) else { return nil }
            let id = String(name.dropLast(suffix.count))
            return Self.isValidID(id) ? id : nil
        }
    }

    /// Deletes every file of video `id`: upload, every rendition and poster. Idempotent.
    ///
    /// Temporary files of a transcode still running for `id` are not touched; the caller cancels
    /// that job first (or deletes again after it ends). Crash leftovers are swept by
    /// ``removePartialFiles()``.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``; files not yet reached remain.
    public func removeAll(for id: String) throws(MediaError) {
        try DurableFile.remove(uploadURL(for: id))
        try DurableFile.remove(videoURL(for: id))
        for rung in RenditionLadder.rungs {
            try DurableFile.remove(url(in: .videos, id: id, extension: "\(rung.name).mp4"))
        }
        try DurableFile.remove(posterURL(for: id))
    }

    /// Deletes the temporary files of interrupted writes in all three folders.
    ///
    /// Call it at startup, before any upload or transcode runs: it cannot tell a crashed write
    /// from one in progress. Scans each folder once.
    /// - Returns: how many files were deleted.
    /// - Throws: ``MediaError/fileSystem(path:reason:)``.
    @discardableResult
    public func removePartialFiles() throws(MediaError) -> Int {
        var removed = 0
        for folder in Folder.allCases {
            let directory = root.appendingPathComponent(folder.rawValue, isDirectory: true)
            for name in try names(in: folder) where name.hasPrefix(".") && name.hasSuffix(".partial") {
                try DurableFile.remove(directory.appendingPathComponent(name))
                removed += 1
            }
        }
        return removed
    }

    private enum Folder: String, CaseIterable {
        case uploads
        case videos
        case posters
    }

    private func names(in folder: Folder) throws(MediaError) -> [String] {
        let directory = root.appendingPathComponent(folder.rawValue, isDirectory: true)
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .fileSystem(path: directory.path, reason: error.localizedDescription)
        }
    }

    private func url(in folder: Folder, id: String, extension fileExtension: String) -> URL {
        precondition(Self.isValidID(id), "media ID must be URL-safe: \(id.debugDescription)")
        return root.appendingPathComponent(folder.rawValue, isDirectory: true)
            .appendingPathComponent("\(id).\(fileExtension)")
    }
}
