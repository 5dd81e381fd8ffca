import AsyncHTTPClient
import Foundation
import NIOCore
import _NIOFileSystem
import SystemPackage

/// One region's media in an S3 bucket (any S3-compatible server: AWS S3, SeaweedFS, MinIO…),
/// each object under its ``MediaKey/path`` as the object key.
///
/// A PutObject replaces an object whole, so readers never see part of one. Reads are proxied
/// (HeadObject for the size, then a ranged GetObject streamed through), or, when the
/// configuration says ``S3Configuration/redirect``, clients are sent to a presigned URL.
/// The ``scratch`` folder is local: uploads stream there, and ffmpeg reads a downloaded copy of
/// the upload and writes its renditions there before they are put into the bucket.
public struct S3MediaStore: MediaStore {
    /// Endpoint, bucket and credentials.
    public let configuration: S3Configuration
    /// How old a stored upload must be before ``uploadIDs()`` lists it, in seconds: far longer
    /// than the milliseconds between putting an upload and inserting its job.
    public static let orphanGrace: TimeInterval = 600
    public let scratch: ScratchFolder
    private let client: S3Client

    /// Creates a store on `configuration`'s bucket, with a local scratch folder at `scratchRoot`.
    ///
    /// Makes no request: ``verifyAccess()`` checks the bucket and credentials.
    /// - Parameter http: the HTTP client to use (the shared singleton by default).
    /// - Throws: ``MediaError/fileSystem(path:reason:)`` if the scratch folder cannot be created.
    public init(configuration: S3Configuration, scratchRoot: URL, http: HTTPClient = .shared) throws(MediaError) {
        self.configuration = configuration
        scratch = try ScratchFolder(root: scratchRoot)
        client = S3Client(configuration: configuration, http: http)
    }

    public func put(fileAt file: URL, as key: MediaKey) async throws {
        try await client.putObject(key.path, fromFile: file, contentType: key.contentType)
        try scratch.remove(file)
    }

    public func info(of key: MediaKey) async throws -> MediaObjectInfo? {
        try await client.headObject(key.path).map(MediaObjectInfo.init(size:))
    }

    public func read(_ key: MediaKey, range: ClosedRange<Int>?, to consume: (ByteBuffer) async throws -> Void) async throws {
        try await client.getObject(key.path, range: range, to: consume)
    }

    /// Downloads the object into ``scratch``, runs `body` on the copy and deletes it.
    public func withLocalFile<Result>(of key: MediaKey, _ body: (URL) async throws -> Result) async throws -> Result {
        let copy = scratch.temporaryURL(for: key)
        defer { try? scratch.remove(copy) }
        try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(copy.path), options: .newFile(replaceExisting: true)) { handle in
            var offset: Int64 = 0
            try await client.getObject(key.path, range: nil) { chunk in
                try await handle.write(contentsOf: chunk, toAbsoluteOffset: offset)
                offset += Int64(chunk.readableBytes)
            }
        }
        return try await body(copy)
    }

    public func remove(_ key: MediaKey) async throws {
        try await client.deleteObject(key.path)
    }

    /// Deletes the upload and poster by key, and every `videos/<id>.…` object found by listing,
    /// so renditions of any name go too.
    public func removeAll(for id: String) async throws {
        try await client.deleteObject(MediaKey.upload(id).path)
        let video = MediaKey.video(id)
        let prefix = "\(video.folder)/\(id)."
        for objectKey in try await client.listKeys(prefix: prefix) { try await client.deleteObject(objectKey) }
        try await client.deleteObject(MediaKey.poster(id).path)
    }

    /// Stored uploads written more than ``orphanGrace`` ago. A bucket may be shared by several
    /// nodes, and another node may have just put an upload whose job it is about to insert;
    /// younger uploads are left for a later sweep.
    public func uploadIDs() async throws -> [String] {
        let prefix = "uploads/", suffix = ".upload"
        let cutoff = Date().addingTimeInterval(-Self.orphanGrace)
        return try await client.listObjects(prefix: prefix).compactMap { object in
            let objectKey = object.key
            guard objectKey.hasSuffix(suffix), (object.lastModified ?? .distantPast) < cutoff else { return nil }
            let id = String(objectKey.dropFirst(prefix.count).dropLast(suffix.count))
            return MediaKey.isValidID(id) ? id : nil
        }
    }

    public func verifyAccess() async throws {
        try await client.headBucket()
    }

    /// Empties ``scratch``; the bucket has no partial objects to sweep.
    @discardableResult
    public func removePartialFiles() async throws -> Int {
        try scratch.removeAll()
    }

    /// A presigned GET URL valid for ``S3Configuration/redirectLifetimeSeconds`` when the
    /// configuration asks for redirects, else nil.
    public func redirectURL(for key: MediaKey, now: Date) -> URL? {
        guard configuration.redirect else { return nil }
        return presignedURL(for: key, at: now, lifetime: configuration.redirectLifetimeSeconds)
    }

    /// A presigned GET URL for `key` (SigV4 query authentication, `X-Amz-Expires` = `lifetime`
    /// seconds from `date`) on ``S3Configuration/publicEndpoint`` (or the endpoint).
    public func presignedURL(for key: MediaKey, at date: Date, lifetime: Int) -> URL {
        client.presignedGetURL(key.path, at: date, lifetime: lifetime)
    }

    /// Every object key in the bucket that starts with `prefix` (ListObjectsV2), for residency
    /// checks and tests.
    public func objectKeys(withPrefix prefix: String = "") async throws -> [String] {
        try await client.listKeys(prefix: prefix)
    }
}
