import Foundation
import ReelMedia
import Testing

/// Every ready video has a poster made from a frame that exists, or the job fails.
@Suite("Media: posters of short and odd clips")
struct PosterTests {
    enum Input: String, CaseIterable, Sendable {
        case oneFrameVideo, shortPictureLongSound, oneFrameGIF
    }

    private func make(_ input: Input, in directory: URL) async throws -> URL {
        let picture = ["-f", "lavfi", "-i", "testsrc2=size=320x568:rate=25"]
        switch input {
        case .oneFrameVideo:
            let url = directory.appendingPathComponent("one.mp4")
            try await runFFmpeg(picture + ["-frames:v", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", url.path])
            return url
        case .shortPictureLongSound:
            let url = directory.appendingPathComponent("short.mp4")
            try await runFFmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x568:rate=25:duration=0.9",
                                 "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=3",
                                 "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-y", url.path])
            return url
        case .oneFrameGIF:
            let url = directory.appendingPathComponent("one.gif")
            try await runFFmpeg(picture + ["-frames:v", "1", "-f", "gif", "-y", url.path])
            return url
        }
    }

    @Test("a one-frame video, 0.9 s of picture under 3 s of sound, and a one-frame GIF get a decodable, non-empty poster",
          arguments: Input.allCases)
    func posterFromExistingFrame(input: Input) async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let source = try await make(input, in: directory)
            let out = directory.appendingPathComponent("out", isDirectory: true)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try await transcodeLadder(source, into: out)
            let poster = out.appendingPathComponent("poster.jpg")
            try await Transcoder(tools: tools).poster(from: out.appendingPathComponent("\(result.renditions[0].name).mp4"), to: poster)
            let jpeg = try Data(contentsOf: poster)
            #expect(jpeg.count > 1_000 && jpeg.starts(with: [0xFF, 0xD8]))
            let picture = try await MediaProbe(tools: tools).probe(fileAt: poster)
            #expect(picture.video?.width == 320 && picture.video?.height == 568)
            // testsrc2 is colourful: a black or grey poster would have almost no saturation.
            #expect(try await pictureStatistics(of: poster).saturation > 20)
        }
    }

    @Test("when no frame can be decoded the poster fails with no_poster_frame and leaves no file")
    func noFrameFails() async throws {
        try await withTemporaryDirectory { directory in
            let source = directory.appendingPathComponent("one.mp4")
            try await runFFmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x568:rate=25", "-frames:v", "1", "-c:v", "libx264",
                                 "-movflags", "+faststart", "-y", source.path])
            // Zero the coded picture: ffprobe still sees a 320×568 stream, but nothing decodes.
            var bytes = try Data(contentsOf: source)
            let mdat = try #require(bytes.firstRange(of: Data("mdat".utf8)))
            bytes.replaceSubrange(mdat.upperBound..<bytes.endIndex, with: Data(count: bytes.endIndex - mdat.upperBound))
            try bytes.write(to: source)

            await #expect(throws: MediaRejection.noPosterFrame) {
                try await Transcoder(tools: try FFmpegTools.locate()).poster(from: source, to: directory.appendingPathComponent("poster.jpg"))
            }
            #expect(try entries(of: directory) == ["one.mp4"])
        }
    }
}
