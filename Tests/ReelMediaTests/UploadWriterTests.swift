import Foundation
import ReelMedia
import Testing

@Suite("Media: streamed uploads into the scratch folder")
struct UploadWriterTests {
    @Test("an upload written in chunks arrives whole at the upload path")
    func streamsUpload() async throws {
        try await withTemporaryDirectory { root in
            let scratch = try ScratchFolder(root: root)
            let writer = try scratch.makeUploadWriter(for: "v1", byteLimit: 1_000)
            try writer.write([UInt8](repeating: 1, count: 400))
            try writer.write([UInt8](repeating: 2, count: 300)[...])
            // The server hands over raw buffers from the request body.
            try [UInt8](repeating: 2, count: 300).withUnsafeBytes { try writer.write($0) }
            // Nothing appears at the final path until the upload is finished.
            #expect(!FileManager.default.fileExists(atPath: scratch.uploadURL(for: "v1").path))
            #expect(try writer.finish() == 1_000)
            let data = try Data(contentsOf: scratch.uploadURL(for: "v1"))
            #expect(data == Data(repeating: 1, count: 400) + Data(repeating: 2, count: 600))
            #expect(try entries(of: root) == ["v1.upload"])
        }
    }

    @Test("going over the byte limit throws tooLarge and leaves no file")
    func enforcesLimit() async throws {
        try await withTemporaryDirectory { root in
            let writer = try ScratchFolder(root: root).makeUploadWriter(for: "big", byteLimit: 1_000)
            try writer.write(Data(count: 999))
            #expect(throws: MediaRejection.tooLarge(limit: 1_000)) { try writer.write(Data(count: 2)) }
            #expect(try entries(of: root).isEmpty)
        }
    }

    @Test("aborting, or dropping an unfinished writer, leaves no file")
    func abortsUpload() async throws {
        try await withTemporaryDirectory { root in
            let scratch = try ScratchFolder(root: root)
            let aborted = try scratch.makeUploadWriter(for: "a", byteLimit: 100)
            try aborted.write([1, 2, 3])
            aborted.abort()
            aborted.abort()
            do {
                let dropped = try scratch.makeUploadWriter(for: "b", byteLimit: 100)
                try dropped.write([1, 2, 3])
            }
            #expect(try entries(of: root).isEmpty)
        }
    }

    @Test("IDs must be URL-safe so no path can leave the store", arguments: [
        ("0A1b-_z", true), ("", false), ("../etc", false), ("a/b", false), (".hidden", false), ("é", false),
        (String(repeating: "a", count: 128), true), (String(repeating: "a", count: 129), false),
    ])
    func validatesIDs(id: String, isValid: Bool) {
        #expect(MediaKey.isValidID(id) == isValid)
    }

    @Test("object paths keep the folder layout: uploads, videos (default and named renditions), posters")
    func paths() {
        let ladder = RenditionLadder.renditions(topWidth: 1080, topHeight: 1920)
        let named = ladder.first { $0.name == "360p" }!
        #expect(MediaKey.upload("v").path == "uploads/v.upload")
        #expect(MediaKey.video("v").path == "videos/v.mp4")
        #expect(MediaKey.video("v", rendition: RenditionLadder.defaultRendition(of: ladder), of: ladder).path == "videos/v.mp4")
        #expect(MediaKey.video("v", rendition: named, of: ladder).path == "videos/v.360p.mp4")
        #expect(MediaKey.poster("v").path == "posters/v.jpg")
    }
}
