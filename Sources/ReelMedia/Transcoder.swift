import Foundation

/// Turns an accepted upload into the MP4 every player can stream, and cuts its poster frame.
///
/// Output: H.264 (libx264, yuv420p, `veryfast`, CRF 23) and AAC 128 kb/s stereo in an MP4 with
/// the index at the front (`+faststart`), fitted inside `maxWidth`×`maxHeight` without upscaling.
/// Sources without sound get a silent track so that every output has the same two streams.
/// Metadata (camera, GPS position) is dropped because it is personal and the player needs none.
public struct Transcoder: Sendable {
    /// The tools used to transcode.
    public let tools: FFmpegTools
    /// Largest output width in pixels.
    public let maxWidth: Int
    /// Largest output height in pixels.
    public let maxHeight: Int
    /// Longest one ffmpeg run may take before it is terminated.
    public let timeout: Duration

    /// Creates a transcoder. The default box is portrait 720×1280: landscape sources are fitted to
    /// its width, which is how a vertical feed shows them anyway.
    public init(tools: FFmpegTools, maxWidth: Int = 720, maxHeight: Int = 1280, timeout: Duration = .seconds(1800)) {
        self.tools = tools
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.timeout = timeout
    }

    /// Transcodes `source` into `destination`, replacing it atomically.
    ///
    /// ffmpeg writes a temporary file beside `destination`, which is synced and renamed into place
    /// only after ffmpeg succeeded, and deleted otherwise. Runs for roughly the clip's duration.
    /// - Returns: the output's duration and size as measured by probing it.
    /// - Throws: ``MediaRejection`` if `source` cannot be probed or has no video stream;
    ///   ``MediaError/toolFailed(tool:exitStatus:stderrTail:)`` if ffmpeg fails; other ``MediaError``s
    ///   for timeouts and file-system failures.
    public func transcode(_ source: URL, to destination: URL) async throws -> TranscodedVideo {
        let probe = MediaProbe(tools: tools)
        let input = try await probe.probe(fileAt: source)
        guard let video = input.video else { throw MediaRejection.noVideoStream }
        let size = Self.fittedSize(
            width: video.displayWidth, height: video.displayHeight, maxWidth: maxWidth, maxHeight: maxHeight
        )

        var arguments = ["-v", "error", "-protocol_whitelist", "file", "-i", source.path]
        if input.audio == nil {
            arguments += ["-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"]
            arguments += ["-map", "0:v:0", "-map", "1:a:0", "-shortest"]
        } else {
            arguments += ["-map", "0:v:0", "-map", "0:a:0"]
        }
        arguments += [
            // ffmpeg has already applied the source's rotation when the filter sees the frames.
            "-vf", "scale=\(size.width):\(size.height),setsar=1",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-fpsmax", "60",
            "-c:a", "aac", "-b:a", "128k", "-ac", "2",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-movflags", "+faststart", "-f", "mp4",
        ]
        try await tools.ffmpeg(arguments, writingAtomically: destination, timeout: timeout)

        let output = try await probe.probe(fileAt: destination)
        guard let outputVideo = output.video, let milliseconds = output.durationMilliseconds else {
            throw MediaError.unexpectedOutput(tool: "ffmpeg", detail: "transcoded file has no video or duration")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: destination.path)
        return TranscodedVideo(
            durationMilliseconds: milliseconds,
            width: outputVideo.displayWidth,
            height: outputVideo.displayHeight,
            byteCount: (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        )
    }

    /// Writes a JPEG of one frame of `video` to `destination`, replacing it atomically.
    ///
    /// The frame is taken at 1 s, or at the middle of clips shorter than 2 s, because the very
    /// first frame is often black. It is fitted into the same box as videos.
    /// - Throws: ``MediaRejection`` if `video` cannot be probed or has no video stream;
    ///   ``MediaError`` if ffmpeg fails or times out.
    public func poster(from video: URL, to destination: URL) async throws {
        let input = try await MediaProbe(tools: tools).probe(fileAt: video)
        guard let stream = input.video else { throw MediaRejection.noVideoStream }
        let duration = input.durationSeconds ?? 0
        let offset = duration >= 2 ? 1.0 : duration / 2
        let size = Self.fittedSize(
            width: stream.displayWidth, height: stream.displayHeight, maxWidth: maxWidth, maxHeight: maxHeight
        )
        try await tools.ffmpeg([
            "-v", "error", "-ss", String(format: "%.3f", offset), "-protocol_whitelist", "file", "-i", video.path,
            "-map", "0:v:0", "-frames:v", "1", "-vf", "scale=\(size.width):\(size.height),setsar=1",
            "-q:v", "3", "-map_metadata", "-1", "-f", "mjpeg",
        ], writingAtomically: destination, timeout: timeout)
    }

    /// The largest even size with the source's aspect ratio that fits the box, never larger than the source.
    ///
    /// H.264 in 4:2:0 needs even dimensions; the result is at least 2×2.
    public static func fittedSize(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0 else { return (2, 2) }
        let scale = min(1, Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        func even(_ length: Int) -> Int { max(2, Int((Double(length) * scale).rounded(.down)) & ~1) }
        return (even(width), even(height))
    }
}
