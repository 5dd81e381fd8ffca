import ReelMedia
import Testing

@Suite("Media: rules on probe results")
struct MediaRulesTests {
    private static let h264 = ProbeResult.VideoStream(codec: "h264", width: 1080, height: 1920)
    private static let aac = ProbeResult.AudioStream(codec: "aac")

    @Test("probe results map to the right rejection", arguments: [
        (ProbeResult(formatName: "mov,mp4,m4a,3gp,3g2,mj2", durationSeconds: 30, video: h264, audio: aac), nil),
        (ProbeResult(formatName: "matroska,webm", durationSeconds: 600, video: h264, audio: nil), nil),
        (ProbeResult(formatName: "mov,mp4,m4a,3gp,3g2,mj2", durationSeconds: 600.5, video: h264, audio: aac),
         MediaRejection.tooLong(seconds: 600.5, limit: 600)),
        (ProbeResult(formatName: "mp3", durationSeconds: 30, video: nil, audio: aac), .noVideoStream),
        (ProbeResult(formatName: "png_pipe", durationSeconds: nil, video: h264, audio: nil), .notAVideo),
        (ProbeResult(formatName: "hls", durationSeconds: 30, video: h264, audio: aac), .notAVideo),
        (ProbeResult(formatName: "tty", durationSeconds: 3, video: h264, audio: nil), .notAVideo),
        (ProbeResult(formatName: "mov,mp4,m4a,3gp,3g2,mj2", durationSeconds: nil, video: h264, audio: nil), .notAVideo),
        (ProbeResult(formatName: "mov,mp4,m4a,3gp,3g2,mj2", durationSeconds: 5, video: nil, audio: nil), .noVideoStream),
    ])
    func rejection(probe: ProbeResult, expected: MediaRejection?) {
        #expect(MediaRules().rejection(for: probe) == expected)
    }

    @Test("every rejection has a distinct stable code and a message")
    func codes() {
        let all: [MediaRejection] = [.notAVideo, .noVideoStream, .tooLong(seconds: 700, limit: 600), .tooLarge(limit: 200 << 20), .unreadable]
        #expect(all.map(\.code) == ["not_a_video", "no_video_stream", "video_too_long", "upload_too_large", "video_unreadable"])
        #expect(MediaRejection.tooLong(seconds: 700, limit: 600).message == "The video is 11 min 40 s long; the limit is 10 min.")
        #expect(MediaRejection.tooLarge(limit: 200 << 20).message == "The upload is larger than the limit of 200 MB.")
    }

    @Test("rotation is normalised and swaps the displayed size on quarter turns", arguments: [
        (-90, 270, 568, 320), (90, 90, 568, 320), (270, 270, 568, 320), (180, 180, 320, 568), (0, 0, 320, 568),
    ])
    func rotation(given: Int, normalised: Int, displayWidth: Int, displayHeight: Int) {
        let stream = ProbeResult.VideoStream(codec: "h264", width: 320, height: 568, rotation: given)
        #expect(stream.rotation == normalised)
        #expect(stream.displayWidth == displayWidth)
        #expect(stream.displayHeight == displayHeight)
    }
}
