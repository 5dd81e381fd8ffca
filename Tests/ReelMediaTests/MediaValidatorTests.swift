import Foundation
import ReelMedia
import Testing

@Suite("Media: validating uploads with real files")
struct MediaValidatorTests {
    @Test("a generated clip is accepted and probed correctly")
    func acceptsClip() async throws {
        try await withTemporaryDirectory { directory in
            let clip = try await makeSmallClip(in: directory, seconds: 2)
            let probe = try await MediaValidator(tools: try FFmpegTools.locate()).validate(fileAt: clip)
            #expect(probe.formatName.split(separator: ",").contains("mp4"))
            let duration = try #require(probe.durationSeconds)
            #expect(abs(duration - 2) < 0.2)
            let video = try #require(probe.video)
            #expect(video.codec == "h264" && video.width == 320 && video.height == 568 && video.rotation == 0)
            #expect(video.sampleAspectRatio == (1, 1))
            #expect(abs((video.durationSeconds ?? 0) - 2) < 0.2)
            #expect(probe.audio == ProbeResult.AudioStream(codec: "aac"))
        }
    }

    @Test("a text file is not a video")
    func rejectsText() async throws {
        try await withTemporaryDirectory { directory in
            let text = directory.appendingPathComponent("notes.upload")
            try Data(String(repeating: "definitely not a video\n", count: 200).utf8).write(to: text)
            await #expect(throws: MediaRejection.notAVideo) {
                try await MediaValidator(tools: try FFmpegTools.locate()).validate(fileAt: text)
            }
        }
    }

    @Test("an empty file is not a video")
    func rejectsEmpty() async throws {
        try await withTemporaryDirectory { directory in
            let empty = directory.appendingPathComponent("empty.upload")
            try Data().write(to: empty)
            await #expect(throws: MediaRejection.notAVideo) {
                try await MediaValidator(tools: try FFmpegTools.locate()).validate(fileAt: empty)
            }
        }
    }

    @Test("the first 30 % of an MP4 is rejected, whether its index is at the end or the front", arguments: [false, true])
    func rejectsTruncated(faststart: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            var clip = try await makeSmallClip(in: directory, seconds: 3)
            if faststart {
                let moved = directory.appendingPathComponent("faststart.mp4")
                try await tools.ffmpeg(
                    ["-v", "error", "-i", clip.path, "-c", "copy", "-movflags", "+faststart", "-y", moved.path],
                    timeout: .seconds(60)
                ).requireSuccess()
                clip = moved
            }
            let whole = try Data(contentsOf: clip)
            let truncated = directory.appendingPathComponent("truncated.upload")
            try whole.prefix(whole.count * 3 / 10).write(to: truncated)
            // With the index in front, ffprobe alone reports full streams and duration.
            let probe = try? await MediaProbe(tools: tools).probe(fileAt: truncated)
            #expect((probe != nil) == faststart)

            await #expect(throws: MediaRejection.notAVideo) {
                try await MediaValidator(tools: tools).validate(fileAt: truncated)
            }
        }
    }

    @Test("a well-formed MP4 whose picture data is zeroed is unreadable")
    func rejectsUndecodable() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let clip = try await makeSmallClip(in: directory, seconds: 1, audio: false)
            let faststart = directory.appendingPathComponent("faststart.mp4")
            try await tools.ffmpeg(
                ["-v", "error", "-i", clip.path, "-c", "copy", "-movflags", "+faststart", "-y", faststart.path],
                timeout: .seconds(60)
            ).requireSuccess()
            // With the index first, everything after the `mdat` tag is frame data; zero it all.
            var bytes = try Data(contentsOf: faststart)
            let mdat = try #require(bytes.firstRange(of: Data("mdat".utf8)))
            bytes.replaceSubrange(mdat.upperBound..., with: Data(count: bytes.count - mdat.upperBound))
            let blank = directory.appendingPathComponent("blank.upload")
            try bytes.write(to: blank)

            await #expect(throws: MediaRejection.unreadable) {
                try await MediaValidator(tools: tools).validate(fileAt: blank)
            }
        }
    }

    @Test("an audio-only file has no video stream")
    func rejectsAudioOnly() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let audio = directory.appendingPathComponent("tone.m4a")
            try await TestClipGenerator(tools: tools).makeAudioOnly(at: audio, durationSeconds: 1)
            await #expect(throws: MediaRejection.noVideoStream) {
                try await MediaValidator(tools: tools).validate(fileAt: audio)
            }
        }
    }

    @Test("a clip over the duration limit is too long")
    func rejectsTooLong() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let clip = try await makeSmallClip(in: directory, seconds: 3, audio: false)
            let validator = MediaValidator(tools: tools, rules: MediaRules(maxDurationSeconds: 2))
            let error = await #expect(throws: MediaRejection.self) { try await validator.validate(fileAt: clip) }
            guard case .tooLong(let seconds, let limit)? = error else {
                Issue.record("expected tooLong, got \(String(describing: error))")
                return
            }
            #expect(abs(seconds - 3) < 0.2)
            #expect(limit == 2)
            #expect(error?.code == "video_too_long")
            #expect(error?.message == "The video is 3 s long; the limit is 2 s.")
        }
    }
}
