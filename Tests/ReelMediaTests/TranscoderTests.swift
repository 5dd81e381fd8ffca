import Foundation
import ReelMedia
import Testing

@Suite("Media: transcoding and posters with real ffmpeg")
struct TranscoderTests {
    @Test("a 1080×1920 clip becomes a 360p–1080p ladder of tagged H.264/AAC faststart MP4s, and its poster is a JPEG")
    func transcodesVerticalClip() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let source = directory.appendingPathComponent("source.mp4")
            try await TestClipGenerator(tools: tools).makeVideo(
                at: source, options: .init(durationSeconds: 1, width: 1080, height: 1920, frameRate: 10)
            )
            // First what the video needs to be ready, then the larger rendition.
            let playable = try #require(try await transcodeLadder(source, into: directory, stage: .playable))
            #expect(playable.renditions.map(\.name) == ["360p", "540p", "720p"])
            #expect(playable.width == 720 && playable.height == 1280)
            #expect(abs(playable.durationMilliseconds - 1_000) < 150)
            let larger = try #require(try await transcodeLadder(source, into: directory, stage: .larger))
            #expect(larger.renditions.map(\.name) == ["1080p"])
            #expect(larger.width == 1080 && larger.height == 1920)
            #expect(RenditionLadder.renditions(topWidth: 1080, topHeight: 1920) == playable.renditions + larger.renditions)
            var bytes: Int64 = 0
            for rendition in playable.renditions + larger.renditions {
                let output = directory.appendingPathComponent("\(rendition.name).mp4")
                let probe = try await MediaProbe(tools: tools).probe(fileAt: output)
                let video = try #require(probe.video)
                #expect(video.codec == "h264")
                #expect(probe.audio?.codec == "aac")
                #expect(video.width == rendition.width && video.height == rendition.height)
                let fields = try await videoStreamFields(of: output)
                #expect(fields["pix_fmt"] == "yuv420p")
                #expect(fields["color_primaries"] == "bt709" && fields["color_transfer"] == "bt709"
                        && fields["color_space"] == "bt709" && fields["color_range"] == "tv", "\(rendition.name): \(fields)")
                try expectFastStart(output)
                bytes += Int64(try Data(contentsOf: output).count)
            }
            #expect(playable.byteCount + larger.byteCount == bytes)

            let poster = directory.appendingPathComponent("poster.jpg")
            try await Transcoder(tools: tools).poster(from: directory.appendingPathComponent("720p.mp4"), to: poster)
            let jpeg = try Data(contentsOf: poster)
            #expect(jpeg.starts(with: [0xFF, 0xD8]))
            let posterProbe = try await MediaProbe(tools: tools).probe(fileAt: poster)
            #expect(posterProbe.video?.width == 720 && posterProbe.video?.height == 1280)
            // Only the final files remain: no temporary files beside them.
            #expect(try entries(of: directory) == ["1080p.mp4", "360p.mp4", "540p.mp4", "720p.mp4", "poster.jpg", "source.mp4"])
        }
    }

    @Test("a silent, small clip gets a silent AAC track and is not upscaled")
    func addsSilentAudio() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let source = try await makeSmallClip(in: directory, seconds: 1, audio: false)
            let result = try await transcodeLadder(source, into: directory)
            #expect(result.renditions.map(\.name) == ["360p"])
            #expect(try await transcodeLadder(source, into: directory, stage: .larger) == nil, "nothing above the default")
            let probe = try await MediaProbe(tools: tools).probe(fileAt: directory.appendingPathComponent("360p.mp4"))
            #expect(probe.audio?.codec == "aac")
            #expect(probe.video?.codec == "h264")
            #expect(result.width == 320 && result.height == 568)
            #expect(abs(result.durationMilliseconds - 1_000) < 150)
        }
    }

    @Test("a failed transcode leaves neither a destination nor a temporary file")
    func failureLeavesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let text = directory.appendingPathComponent("text.upload")
            try Data("not a video".utf8).write(to: text)
            await #expect(throws: MediaRejection.notAVideo) {
                try await transcodeLadder(text, into: directory)
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
