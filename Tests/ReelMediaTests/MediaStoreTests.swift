import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
@testable import ReelMedia
import Testing

@Suite("Media: stores on disk and on S3 (SeaweedFS)")
struct MediaStoreTests {
    /// A fresh URL-safe video ID, unique across runs sharing a bucket.
    static func newID() -> String { "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased() }

    /// Writes `bytes` into a new file in the store's scratch folder.
    static func scratchFile(_ bytes: Data, in store: any MediaStore) throws -> URL {
        let url = store.scratch.root.appendingPathComponent("put-\(UUID().uuidString)")
        try bytes.write(to: url)
        return url
    }

    static func readAll(_ key: MediaKey, range: ClosedRange<Int>? = nil, from store: any MediaStore) async throws -> Data {
        var data = Data()
        try await store.read(key, range: range) { chunk in data.append(contentsOf: chunk.readableBytesView) }
        return data
    }

    /// 700 KiB of varied bytes: several read chunks on either engine.
    static let payload = Data((0..<700 * 1024).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })

    @Test("the S3 engine is configured (make test starts SeaweedFS)")
    func s3IsConfigured() throws {
        try S3TestEnvironment.requireConfigured()
    }

    @Test("a put object reads back whole, by range and as a local file; put replaces; the scratch file is gone", arguments: MediaEngine.available)
    func putAndRead(engine: MediaEngine) async throws {
        try await withTemporaryDirectory { directory in
            let store = try engine.makeStore(in: directory)
            let key = MediaKey.video(Self.newID())
            #expect(try await store.info(of: key) == nil)
            let file = try Self.scratchFile(Self.payload, in: store)
            try await store.put(fileAt: file, as: key)
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(try await store.info(of: key) == MediaObjectInfo(size: Self.payload.count))
            #expect(try await Self.readAll(key, from: store) == Self.payload)
            #expect(try await Self.readAll(key, range: 100...1099, from: store) == Self.payload[100...1099])
            let tail = (Self.payload.count - 10)...(Self.payload.count - 1)
            #expect(try await Self.readAll(key, range: tail, from: store) == Self.payload[tail])
            let copy = try await store.withLocalFile(of: key) { url in try Data(contentsOf: url) }
            #expect(copy == Self.payload)

            try await store.put(fileAt: try Self.scratchFile(Data("new".utf8), in: store), as: key)
            #expect(try await Self.readAll(key, from: store) == Data("new".utf8))
            #expect(try entries(of: store.scratch.root).isEmpty, "local copies and put files are cleaned up")
            try await store.removeAll(for: key.videoID)
        }
    }

    @Test("removeAll deletes upload, every rendition and poster of one video only, and is idempotent", arguments: MediaEngine.available)
    func removesEverything(engine: MediaEngine) async throws {
        try await withTemporaryDirectory { directory in
            let store = try engine.makeStore(in: directory)
            let gone = Self.newID(), kept = Self.newID()
            for id in [gone, kept] {
                for key in MediaKey.allKeys(of: id) { try await store.put(fileAt: try Self.scratchFile(Data(key.path.utf8), in: store), as: key) }
            }
            try await store.removeAll(for: gone)
            try await store.removeAll(for: gone)
            for key in MediaKey.allKeys(of: gone) { #expect(try await store.info(of: key) == nil, "\(key) is left") }
            for key in MediaKey.allKeys(of: kept) { #expect(try await store.info(of: key) != nil, "\(key) was deleted") }
            // S3 buckets may be shared by nodes: a fresh upload may be another node's, not yet enqueued.
            #expect(try await store.uploadIDs().contains(kept) == (engine == .disk))
            #expect(try await !store.uploadIDs().contains(gone))
            try await store.remove(.upload(kept))
            try await store.remove(.upload(kept))
            #expect(try await !store.uploadIDs().contains(kept))
            try await store.removeAll(for: kept)
        }
    }

    @Test("reading a missing object fails instead of returning nothing", arguments: MediaEngine.available)
    func missingObject(engine: MediaEngine) async throws {
        try await withTemporaryDirectory { directory in
            let store = try engine.makeStore(in: directory)
            await #expect(throws: (any Error).self) { _ = try await Self.readAll(.poster(Self.newID()), from: store) }
            await #expect(throws: (any Error).self) { try await store.withLocalFile(of: .upload(Self.newID())) { _ in } }
        }
    }

    @Test("interrupted work in the scratch folder is swept at startup", arguments: MediaEngine.available)
    func sweepsScratch(engine: MediaEngine) async throws {
        try await withTemporaryDirectory { directory in
            let store = try engine.makeStore(in: directory)
            let unfinished = try store.scratch.makeUploadWriter(for: "y", byteLimit: 10)
            try unfinished.write([1])
            _ = try store.scratch.makeWorkFolder(for: "z")
            #expect(try await store.removePartialFiles() == 2)
            #expect(try entries(of: store.scratch.root).isEmpty)
        }
    }

    @Test("disk: temporary files of interrupted renames beside stored files are swept too")
    func sweepsDiskPartials() async throws {
        try await withTemporaryDirectory { root in
            let store = try DiskMediaStore(root: root)
            try Data("half".utf8).write(to: root.appendingPathComponent("videos/.x.mp4.C0FFEE.partial"))
            try await store.put(fileAt: try Self.scratchFile(Data("v".utf8), in: store), as: .video("x"))
            #expect(try await store.removePartialFiles() == 1)
            #expect(try entries(of: root.appendingPathComponent("videos")) == ["x.mp4"])
            #expect(store.redirectURL(for: .video("x"), now: Date()) == nil, "disk media is always served by the server")
        }
    }

    @Test("S3: wrong credentials fail with the status and S3 error code, never the secret")
    func wrongCredentials() async throws {
        try S3TestEnvironment.requireConfigured()
        try await withTemporaryDirectory { directory in
            var configuration = try #require(S3TestEnvironment.configuration(bucket: "media"))
            configuration.secretAccessKey = "wrong-secret-never-printed"
            let store = try S3MediaStore(configuration: configuration, scratchRoot: directory)
            let file = try Self.scratchFile(Data("x".utf8), in: store)
            let error = try await #require(throws: MediaError.self) { try await store.put(fileAt: file, as: .poster(Self.newID())) }
            #expect("\(error)".contains("HTTP 403") && "\(error)".contains("SignatureDoesNotMatch"), "\(error)")
            #expect(!"\(error)".contains("wrong-secret-never-printed"))
            #expect(FileManager.default.fileExists(atPath: file.path), "a failed put keeps the file for a retry")
        }
    }

    @Test("a usable store passes the start-up check; a missing bucket does not", arguments: MediaEngine.available)
    func verifiesAccess(engine: MediaEngine) async throws {
        try await withTemporaryDirectory { directory in
            try await engine.makeStore(in: directory).verifyAccess()
            guard engine == .s3 else { return }
            var configuration = try #require(S3TestEnvironment.configuration(bucket: "media"))
            configuration.bucket = "reel-test-no-such-bucket"
            let missing = try S3MediaStore(configuration: configuration, scratchRoot: directory)
            let error = try await #require(throws: MediaError.self) { try await missing.verifyAccess() }
            #expect("\(error)".contains("HTTP 404 (no such bucket)"), "\(error)")
        }
    }

    @Test("S3: a presigned URL serves the object until it expires; without redirect the store proxies")
    func presignedURL() async throws {
        try S3TestEnvironment.requireConfigured()
        try await withTemporaryDirectory { directory in
            let store = try #require(try MediaEngine.s3.makeStore(in: directory, redirect: true) as? S3MediaStore)
            let key = MediaKey.poster(Self.newID())
            try await store.put(fileAt: try Self.scratchFile(Self.payload, in: store), as: key)
            let url = try #require(store.redirectURL(for: key, now: Date()))
            #expect(url.query?.contains("X-Amz-Expires=300") == true)
            let fetched = try await HTTPClient.shared.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(30))
            #expect(fetched.status == .ok)
            #expect(Data(buffer: try await fetched.body.collect(upTo: 1 << 20)) == Self.payload)
            #expect(fetched.headers.first(name: "content-type") == "image/jpeg")

            let expired = store.presignedURL(for: key, at: Date().addingTimeInterval(-120), lifetime: 60)
            let refused = try await HTTPClient.shared.execute(HTTPClientRequest(url: expired.absoluteString), timeout: .seconds(30))
            #expect(refused.status == .forbidden)
            let proxying = try MediaEngine.s3.makeStore(in: directory)
            #expect(proxying.redirectURL(for: key, now: Date()) == nil)
            try await store.removeAll(for: key.videoID)
        }
    }
}

@Suite("S3: ListObjectsV2 answers")
struct S3ListPageTests {
    @Test("keys, times, truncation and the continuation token are read, entities decoded")
    func parsesPage() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>reel-eu</Name><Prefix>uploads/</Prefix>
            <KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
            <Contents><Key>uploads/a.upload</Key><LastModified>2026-11-30T07:46:18.000Z</LastModified><Size>5</Size></Contents>
            <Contents><Key>uploads/b&amp;c.upload</Key><LastModified>2026-11-30T07:46:19Z</LastModified><Size>7</Size></Contents>
            <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken></ListBucketResult>
            """
        let page = S3ListPage(xml: xml)
        #expect(page.keys == ["uploads/a.upload", "uploads/b&c.upload"])
        #expect(page.objects.map(\.lastModified) == [Date(timeIntervalSince1970: 1_796_024_778), Date(timeIntervalSince1970: 1_796_024_779)])
        #expect(page.isTruncated)
        #expect(page.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    }
}
