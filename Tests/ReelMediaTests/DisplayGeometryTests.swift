import Foundation
import ReelMedia
import Testing

/// The output must look the way the input does in a player: stretched by its sample aspect
/// ratio, turned by its rotation, with square pixels and even sizes.
@Suite("Media: display geometry (sample aspect ratio and rotation)")
struct DisplayGeometryTests {
    @Test("a 320×568 clip with 2:1 pixels comes out 640×568 display size with square pixels, every rendition")
    func nonSquarePixels() async throws {
        try await withTemporaryDirectory { directory in
            let clip = try await makeSmallClip(in: directory, seconds: 1)
            let stretched = directory.appendingPathComponent("stretched.mp4")
            try await runFFmpeg(["-i", clip.path, "-vf", "setsar=2/1", "-c:v", "libx264", "-preset", "ultrafast",
                                 "-c:a", "copy", "-y", stretched.path])
            let source = try #require(try await MediaProbe(tools: FFmpegTools.locate()).probe(fileAt: stretched).video)
            #expect(source.displayWidth == 640 && source.displayHeight == 568)

            let result = try await transcodeLadder(stretched, into: directory)
            #expect(result.width == 640 && result.height == 568)
            #expect(result.renditions.map { "\($0.name) \($0.width)x\($0.height)" } == ["360p 404x360", "540p 608x540", "720p 640x568"])
            for rendition in result.renditions {
                let fields = try await videoStreamFields(of: directory.appendingPathComponent("\(rendition.name).mp4"))
                #expect(fields["width"] == "\(rendition.width)" && fields["height"] == "\(rendition.height)")
                #expect(["1:1", "N/A", "0:1", nil].contains(fields["sample_aspect_ratio"]), "\(fields)")
                #expect(Int(fields["width"] ?? "1")! % 2 == 0 && Int(fields["height"] ?? "1")! % 2 == 0)
            }
        }
    }

    @Test("a phone clip stored landscape with a quarter-turn rotation comes out upright, with no rotation left")
    func rotation() async throws {
        try await withTemporaryDirectory { directory in
            let clip = try await makeSmallClip(in: directory, seconds: 1)
            let rotated = directory.appendingPathComponent("rotated.mp4")
            try await runFFmpeg(["-i", clip.path, "-c", "copy", "-metadata:s:v:0", "rotate=90", "-y", rotated.path])
            let source = try #require(try await MediaProbe(tools: FFmpegTools.locate()).probe(fileAt: rotated).video)
            #expect(source.displayWidth == 568 && source.displayHeight == 320)

            let result = try await transcodeLadder(rotated, into: directory)
            #expect(result.width == 568 && result.height == 320)
            let output = try #require(try await MediaProbe(tools: FFmpegTools.locate())
                .probe(fileAt: directory.appendingPathComponent("360p.mp4")).video)
            #expect(output.width == 568 && output.height == 320 && output.rotation == 0)
        }
    }

    @Test("rotation and non-square pixels together: stretched first, then turned")
    func rotationWithNonSquarePixels() async throws {
        try await withTemporaryDirectory { directory in
            let clip = try await makeSmallClip(in: directory, seconds: 1)
            let stretched = directory.appendingPathComponent("stretched.mp4")
            try await runFFmpeg(["-i", clip.path, "-vf", "setsar=2/1", "-c:v", "libx264", "-preset", "ultrafast",
                                 "-c:a", "copy", "-y", stretched.path])
            let turned = directory.appendingPathComponent("turned.mp4")
            try await runFFmpeg(["-i", stretched.path, "-c", "copy", "-metadata:s:v:0", "rotate=90", "-y", turned.path])
            let result = try await transcodeLadder(turned, into: directory)
            #expect(result.width == 568 && result.height == 640)
            let top = try #require(result.renditions.last)
            let fields = try await videoStreamFields(of: directory.appendingPathComponent("\(top.name).mp4"))
            #expect(fields["width"] == "568" && fields["height"] == "640")
        }
    }
}
