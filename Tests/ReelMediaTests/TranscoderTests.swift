import Foundation
import ReelMedia
import Testing

@Suite("Media: transcoding and posters with real ffmpeg")
struct TranscoderTests {
    @Test("a 1080×1920 clip becomes H.264/AAC within 720×1280, and its poster is a JPEG")
    func transcodesVerticalClip() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let source = directory.appendingPathComponent("source.mp4")
            try await TestClipGenerator(tools: tools).makeVideo(
                at: source, options: .init(durationSeconds: 1, width: 1080, height: 1920, frameRate: 10)
            )
            let output = directory.appendingPathComponent("video.mp4")
            let transcoder = Transcoder(tools: tools)
            let result = try await transcoder.transcode(source, to: output)

            let probe = try await MediaProbe(tools: tools).probe(fileAt: output)
            let video = try #require(probe.video)
            #expect(video.codec == "h264")
            #expect(probe.audio?.codec == "aac")
            #expect(video.width == 720 && video.height == 1280)
            #expect(result.width == 720 && result.height == 1280)
            #expect(abs(result.durationMilliseconds - 1_000) < 150)
            #expect(result.byteCount == Int64(try Data(contentsOf: output).count))
            try expectFastStart(output)

            let poster = directory.appendingPathComponent("poster.jpg")
            try await transcoder.poster(from: output, to: poster)
            let jpeg = try Data(contentsOf: poster)
            #expect(jpeg.starts(with: [0xFF, 0xD8]))
            let posterProbe = try await MediaProbe(tools: tools).probe(fileAt: poster)
            #expect(posterProbe.video?.width == 720 && posterProbe.video?.height == 1280)
            // Only the two final files remain: no temporary files beside them.
            #expect(try entries(of: directory) == ["poster.jpg", "source.mp4", "video.mp4"])
        }
    }

    @Test("a silent, small clip gets a silent AAC track and is not upscaled")
    func addsSilentAudio() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let source = try await makeSmallClip(in: directory, seconds: 1, audio: false)
            let output = directory.appendingPathComponent("video.mp4")
            let result = try await Transcoder(tools: tools).transcode(source, to: output)
            let probe = try await MediaProbe(tools: tools).probe(fileAt: output)
            #expect(probe.audio?.codec == "aac")
            #expect(probe.video?.codec == "h264")
            #expect(result.width == 320 && result.height == 568)
            #expect(abs(result.durationMilliseconds - 1_000) < 150)
        }
    }

    @Test("a clip rotated a quarter turn comes out upright in landscape")
    func appliesRotation() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let clip = try await makeSmallClip(in: directory, seconds: 1)
            let rotated = directory.appendingPathComponent("rotated.mp4")
            try await tools.ffmpeg(
                ["-v", "error", "-i", clip.path, "-c", "copy", "-metadata:s:v:0", "rotate=90", "-y", rotated.path],
                timeout: .seconds(60)
            ).requireSuccess()
            let source = try #require(try await MediaProbe(tools: tools).probe(fileAt: rotated).video)
            #expect(source.displayWidth == 568 && source.displayHeight == 320)

            let result = try await Transcoder(tools: tools).transcode(rotated, to: directory.appendingPathComponent("out.mp4"))
            #expect(result.width == 568 && result.height == 320)
        }
    }

    @Test("a failed transcode leaves neither a destination nor a temporary file")
    func failureLeavesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let text = directory.appendingPathComponent("text.upload")
            try Data("not a video".utf8).write(to: text)
            await #expect(throws: MediaRejection.notAVideo) {
                try await Transcoder(tools: try FFmpegTools.locate())
                    .transcode(text, to: directory.appendingPathComponent("video.mp4"))
            }
            #expect(try entries(of: directory) == ["text.upload"])
        }
    }

    @Test("sizes fit the box, keep the aspect ratio, stay even and never grow", arguments: [
        (1080, 1920, 720, 1280), (1920, 1080, 720, 404), (320, 568, 320, 568), (721, 1281, 720, 1278),
        (2160, 2160, 720, 720), (333, 555, 332, 554), (4000, 2, 720, 2),
    ])
    func fittedSize(width: Int, height: Int, expectedWidth: Int, expectedHeight: Int) {
        let size = Transcoder.fittedSize(width: width, height: height, maxWidth: 720, maxHeight: 1280)
        #expect(size.width == expectedWidth && size.height == expectedHeight)
    }

    /// `+faststart` puts the index (`moov`) before the media data (`mdat`) so playback starts at once.
    private func expectFastStart(_ url: URL) throws {
        let head = try Data(contentsOf: url).prefix(64 << 10)
        let moov = try #require(head.firstRange(of: Data("moov".utf8)))
        let mdat = head.firstRange(of: Data("mdat".utf8))
        #expect(mdat == nil || moov.lowerBound < mdat!.lowerBound)
    }
}
