import Foundation
import ReelMedia
import Testing

@Suite("Media: disk store and streamed uploads")
struct DiskMediaStoreTests {
    @Test("an upload written in chunks arrives whole at the upload path")
    func streamsUpload() async throws {
        try await withTemporaryDirectory { root in
            let store = try DiskMediaStore(root: root)
            let writer = try store.makeUploadWriter(for: "v1", byteLimit: 1_000)
            try writer.write([UInt8](repeating: 1, count: 400))
            try writer.write([UInt8](repeating: 2, count: 300)[...])
            // The server hands over raw buffers from the request body.
            try [UInt8](repeating: 2, count: 300).withUnsafeBytes { try writer.write($0) }
            // Nothing appears at the final path until the upload is finished.
            #expect(!FileManager.default.fileExists(atPath: store.uploadURL(for: "v1").path))
            #expect(try writer.finish() == 1_000)
            let data = try Data(contentsOf: store.uploadURL(for: "v1"))
            #expect(data == Data(repeating: 1, count: 400) + Data(repeating: 2, count: 600))
            #expect(try entries(of: root.appendingPathComponent("uploads")) == ["v1.upload"])
        }
    }

    @Test("going over the byte limit throws tooLarge and leaves no file")
    func enforcesLimit() async throws {
        try await withTemporaryDirectory { root in
            let store = try DiskMediaStore(root: root)
            let writer = try store.makeUploadWriter(for: "big", byteLimit: 1_000)
            try writer.write(Data(count: 999))
            #expect(throws: MediaRejection.tooLarge(limit: 1_000)) { try writer.write(Data(count: 2)) }
            #expect(try entries(of: root.appendingPathComponent("uploads")).isEmpty)
        }
    }

    @Test("aborting, or dropping an unfinished writer, leaves no file")
    func abortsUpload() async throws {
        try await withTemporaryDirectory { root in
            let store = try DiskMediaStore(root: root)
            let aborted = try store.makeUploadWriter(for: "a", byteLimit: 100)
            try aborted.write([1, 2, 3])
            aborted.abort()
            aborted.abort()
            do {
                let dropped = try store.makeUploadWriter(for: "b", byteLimit: 100)
                try dropped.write([1, 2, 3])
            }
            #expect(try entries(of: root.appendingPathComponent("uploads")).isEmpty)
        }
    }

    @Test("removeAll deletes upload, video and poster of one video only, and is idempotent")
    func removesEverything() async throws {
        try await withTemporaryDirectory { root in
            let store = try DiskMediaStore(root: root)
            for id in ["gone", "kept"] {
                try Data("u".utf8).write(to: store.uploadURL(for: id))
                try Data("v".utf8).write(to: store.videoURL(for: id))
                try Data("p".utf8).write(to: store.posterURL(for: id))
            }
            try store.removeAll(for: "gone")
            try store.removeAll(for: "gone")
            for folder in ["uploads", "videos", "posters"] {
                let names = try entries(of: root.appendingPathComponent(folder))
                #expect(names.count == 1 && names[0].hasPrefix("kept."))
            }
        }
    }

    @Test("temporary files of interrupted writes are swept; finished uploads are listed")
    func sweepsPartialFiles() async throws {
        try await withTemporaryDirectory { root in
            let store = try DiskMediaStore(root: root)
            let stale = root.appendingPathComponent("videos/.x.mp4.C0FFEE.partial")
            try Data("half".utf8).write(to: stale)
            try Data("v".utf8).write(to: store.videoURL(for: "x"))
            let unfinished = try store.makeUploadWriter(for: "y", byteLimit: 10)
            try unfinished.write([1])
            try Data("u".utf8).write(to: store.uploadURL(for: "z"))
            #expect(try store.removePartialFiles() == 2)
            #expect(try entries(of: root.appendingPathComponent("videos")) == ["x.mp4"])
            #expect(try store.uploadIDs() == ["z"])
        }
    }

    @Test("IDs must be URL-safe so no path can leave the root", arguments: [
        ("0A1b-_z", true), ("", false), ("../etc", false), ("a/b", false), (".hidden", false), ("é", false),
        (String(repeating: "a", count: 128), true), (String(repeating: "a", count: 129), false),
    ])
    func validatesIDs(id: String, isValid: Bool) {
        #expect(DiskMediaStore.isValidID(id) == isValid)
    }
}
