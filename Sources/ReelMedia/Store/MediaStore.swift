import Foundation
import NIOCore

/// One region's media objects (uploads, renditions, posters), on whatever engine the region is
/// configured with: ``DiskMediaStore`` (local folder, the default) or ``S3MediaStore`` (a bucket).
///
/// Services see only this protocol. Work in progress never happens in the store: uploads stream
/// into, and ffmpeg writes into, the store's local ``scratch`` folder, and only finished files are
/// ``put(fileAt:as:)``. So a reader never sees half an object on either engine.
///
/// Errors are ``MediaError``s (``MediaError/fileSystem(path:reason:)`` on disk,
/// ``MediaError/objectStore(operation:key:detail:)`` on S3); a missing object is not an error
/// where a method says so.
public protocol MediaStore: Sendable {
    /// The local folder for uploads in flight and transcoder output, private to this process.
    var scratch: ScratchFolder { get }

    /// Stores the finished file at `file` under `key`, replacing any object there, and removes
    /// `file`. Readers see the old object or the whole new one, never a part.
    ///
    /// `file` must be in ``scratch`` (on disk it is renamed into place, which needs one file system).
    func put(fileAt file: URL, as key: MediaKey) async throws

    /// The size and type of the object at `key`, or nil when there is none.
    func info(of key: MediaKey) async throws -> MediaObjectInfo?

    /// Streams bytes `range` of the object at `key` (the whole object when nil) to `consume`, in
    /// order, in chunks of at most a few hundred KiB, never the whole object in memory.
    /// - Precondition: `range` lies within the object (check ``info(of:)`` first).
    /// - Throws: ``MediaError`` if the object is missing or cannot be read; whatever `consume` throws.
    func read(_ key: MediaKey, range: ClosedRange<Int>?, to consume: (ByteBuffer) async throws -> Void) async throws

    /// Runs `body` with a local file holding the object at `key` (for ffmpeg, which reads files).
    ///
    /// On disk that is the stored file itself; other engines download a copy into ``scratch`` and
    /// delete it when `body` returns. `body` must not change or keep the file.
    func withLocalFile<Result>(of key: MediaKey, _ body: (URL) async throws -> Result) async throws -> Result

    /// Deletes the object at `key`; a missing object is success.
    func remove(_ key: MediaKey) async throws

    /// Deletes every object of video `id`: upload, every rendition and the poster. Idempotent.
    ///
    /// Files a transcode of `id` is still writing in ``scratch`` are not touched; the caller
    /// cancels that job first (or deletes again after it ends).
    func removeAll(for id: String) async throws

    /// IDs of every stored upload, in no particular order (engines shared by several nodes leave
    /// out uploads written in the last few minutes, see ``S3MediaStore/uploadIDs()``).
    ///
    /// At startup, uploads whose ID has no queued job are orphans of a crash between upload and
    /// enqueue. Names that are not `<valid id>.upload` are skipped.
    func uploadIDs() async throws -> [String]

    /// Deletes what interrupted writes left behind: everything in ``scratch`` and, on disk,
    /// temporary files beside the stored ones.
    ///
    /// Call it at startup, before any upload or transcode runs: it cannot tell a crashed write
    /// from one in progress.
    /// - Returns: how many files were deleted.
    @discardableResult
    func removePartialFiles() async throws -> Int

    /// Checks that the store can be used, so a server does not start on a store it cannot reach:
    /// the folder exists on disk; the bucket exists and accepts the credentials on S3 (HeadBucket).
    /// - Throws: ``MediaError`` saying what is wrong (never a secret).
    func verifyAccess() async throws

    /// A URL a client may fetch the object at `key` from directly, valid for a short while
    /// (an S3 presigned GET), when this store is configured to send readers there; nil when reads
    /// go through this server (``read(_:range:to:)``), as they always do on disk.
    func redirectURL(for key: MediaKey, now: Date) -> URL?
}

/// What a store knows about one object.
public struct MediaObjectInfo: Sendable, Equatable {
    /// Length in bytes.
    public var size: Int

    /// Creates object info.
    public init(size: Int) {
        self.size = size
    }
}
