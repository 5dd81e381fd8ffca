import Foundation

/// Turns an accepted upload into the ladder of MP4s every player can stream, and cuts its poster.
///
/// Output: one H.264 (libx264, yuv420p, CRF 23 capped at each rung's bit rate) and AAC 128 kb/s
/// stereo MP4 per ``RenditionLadder`` rung, with the index at the front (`+faststart`), square
/// pixels, upright, SDR BT.709 with explicit colour tags (see ``LadderFilterGraph``). All
/// renditions come from one ffmpeg run that decodes the source once and `split`s the picture.
/// Sources without sound get a silent track so that every output has the same two streams.
/// Metadata (camera, GPS position) is dropped because it is personal and the player needs none.
public struct Transcoder: Sendable {
    /// The tools used to transcode.
    public let tools: FFmpegTools
    /// Longest one ffmpeg run may take before it is terminated.
    public let timeout: Duration

    /// Creates a transcoder.
    public init(tools: FFmpegTools, timeout: Duration = .seconds(1800)) {
        self.tools = tools
        self.timeout = timeout
    }

    /// Which renditions one ``transcode(_:stage:to:)`` run makes.
    public enum Stage: Sendable, Equatable {
        /// The whole ladder in one run.
        case all
        /// The renditions up to the default one: what a video needs to be ready.
        case playable
        /// The renditions above the default one (1080p), made after the video is ready.
        case larger
    }

    /// Transcodes `source` into the `stage`'s renditions, writing each to
    /// `destination(rendition, wholeLadder)` atomically (temporary files beside them, renamed into
    /// place only after ffmpeg succeeded).
    ///
    /// One ffmpeg run decodes the source once and splits it into every rendition of the stage.
    /// For a 60 s 1080p source on two cores, `.playable` takes about half a minute (BENCHMARKS.md).
    /// - Returns: what the video has after this stage: its size (the largest rendition so far,
    ///   whose ``RenditionLadder/renditions(topWidth:topHeight:)`` are the renditions made by this
    ///   and earlier stages) and duration as measured by probing the output; `nil` when the stage
    ///   has nothing to make (`.larger` for sources no bigger than the default rendition).
    /// - Throws: ``MediaRejection`` if `source` cannot be probed or has no video stream;
    ///   ``MediaError/toolFailed(tool:exitStatus:stderrTail:)`` if ffmpeg fails;
    ///   ``MediaError/unexpectedOutput(tool:detail:)`` if an output is not the size it should be;
    ///   other ``MediaError``s for timeouts and file-system failures.
    public func transcode(
        _ source: URL, stage: Stage = .all, to destination: (Rendition, [Rendition]) -> URL
    ) async throws -> TranscodedVideo? {
        let probe = MediaProbe(tools: tools)
        let input = try await probe.probe(fileAt: source)
        guard let video = input.video else { throw MediaRejection.noVideoStream }
        let top = RenditionLadder.topSize(displayWidth: video.displayWidth, displayHeight: video.displayHeight)
        let ladder = RenditionLadder.renditions(topWidth: top.width, topHeight: top.height)
        let playableSize = RenditionLadder.defaultSize(topWidth: top.width, topHeight: top.height)
        let playable = RenditionLadder.renditions(topWidth: playableSize.width, topHeight: playableSize.height)
        let (renditions, reached) = switch stage {
        case .all: (ladder, top)
        case .playable: (playable, playableSize)
        case .larger: (Array(ladder.dropFirst(playable.count)), top)
        }
        guard !renditions.isEmpty else { return nil }
        let needsZscale = video.colour.isHighDynamicRange || video.colour.isWideGamut
        let filter = LadderFilterGraph(stream: video, renditions: renditions,
                                       hasZscale: needsZscale ? await tools.hasFilter("zscale") : false)

        var arguments = ["-v", "error", "-protocol_whitelist", "file", "-i", source.path]
        let audio: String
        if input.audio == nil {
            arguments += ["-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"]
            audio = "1:a:0"
        } else {
            audio = "0:a:0"
        }
        arguments += ["-filter_complex", filter.graph]
        let outputs = zip(renditions, filter.outputs).map { rendition, pad in
            (arguments: outputArguments(for: rendition, video: pad, audio: audio, isSilent: input.audio == nil),
             destination: destination(rendition, ladder))
        }
        try await tools.ffmpeg(arguments, outputs: outputs, timeout: timeout)

        var byteCount: Int64 = 0
        var durationMilliseconds = 0
        for (rendition, output) in zip(renditions, outputs) {
            let measured = try await probe.probe(fileAt: output.destination)
            guard let stream = measured.video, let milliseconds = measured.durationMilliseconds else {
                throw MediaError.unexpectedOutput(tool: "ffmpeg", detail: "rendition \(rendition.name) has no video or duration")
            }
            guard stream.displayWidth == rendition.width, stream.displayHeight == rendition.height else {
                throw MediaError.unexpectedOutput(
                    tool: "ffmpeg",
                    detail: "rendition \(rendition.name) is \(stream.displayWidth)x\(stream.displayHeight), not \(rendition.width)x\(rendition.height)"
                )
            }
            durationMilliseconds = max(durationMilliseconds, milliseconds)
            let attributes = try? FileManager.default.attributesOfItem(atPath: output.destination.path)
            byteCount += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return TranscodedVideo(durationMilliseconds: durationMilliseconds, width: reached.width, height: reached.height,
                               byteCount: byteCount, renditions: renditions)
    }

    /// Writes a JPEG of one frame of `video` (a transcoded rendition) to `destination`, atomically.
    ///
    /// The frame is taken at 1 s, or at the middle of the picture when it lasts under 2 s, because
    /// the very first frame is often black; the picture's own duration counts, not the file's
    /// (a 0.9 s picture under 3 s of sound). If no frame comes out there (a one-frame clip, a
    /// duration that overstates the picture), the first frame is used. A result is kept only if it
    /// is a non-empty JPEG that ffprobe reads as a picture, so no empty poster is ever served.
    /// - Throws: ``MediaRejection/noVideoStream`` if `video` has no video stream;
    ///   ``MediaRejection/noPosterFrame`` if no frame could be made into a JPEG;
    ///   ``MediaError`` if a tool cannot run or times out.
    public func poster(from video: URL, to destination: URL) async throws {
        let probe = MediaProbe(tools: tools)
        let input = try await probe.probe(fileAt: video)
        guard let stream = input.video else { throw MediaRejection.noVideoStream }
        let length = stream.durationSeconds ?? input.durationSeconds ?? 0
        let preferred = length >= 2 ? 1.0 : length / 2
        for offset in preferred >= 0.001 ? [preferred, 0] : [0] {
            let temporary = DurableFile.temporaryURL(for: destination)
            defer { try? DurableFile.remove(temporary) }
            var arguments = ["-v", "error"]
            if offset > 0 { arguments += ["-ss", String(format: "%.3f", offset)] }
            arguments += [
                "-protocol_whitelist", "file", "-i", video.path, "-map", "0:v:0", "-frames:v", "1",
                "-vf", "setsar=1", "-q:v", "3", "-map_metadata", "-1", "-f", "mjpeg", "-y", temporary.path,
            ]
            guard try await tools.ffmpeg(arguments, timeout: timeout).succeeded,
                  try await isPicture(temporary, probe: probe) else { continue }
            try DurableFile.commit(temporary, to: destination)
            return
        }
        throw MediaRejection.noPosterFrame
    }

    /// The largest even size with the source's aspect ratio that fits the box, never larger than the source.
    ///
    /// H.264 in 4:2:0 needs even dimensions; the result is at least 2×2.
    public static func fittedSize(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0 else { return (2, 2) }
        let scale = min(1, Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        // The epsilon keeps an exact fit (568 × 360/568) from flooring to 359 by rounding error.
        func even(_ length: Int) -> Int { max(2, Int((Double(length) * scale + 1e-9).rounded(.down)) & ~1) }
        return (even(width), even(height))
    }

    /// Encoder and muxer arguments of one rendition, reading the filter pad `video` and stream `audio`.
    private func outputArguments(for rendition: Rendition, video: String, audio: String, isSilent: Bool) -> [String] {
        let rung = RenditionLadder.rung(named: rendition.name)
        let maxrate = rung?.videoBitrate ?? rendition.bitrate - RenditionLadder.audioBitrate
        var arguments = [
            "-map", video, "-map", audio,
            "-c:v", "libx264", "-preset", rung?.preset ?? "veryfast", "-crf", "23",
            "-maxrate", "\(maxrate)", "-bufsize", "\(2 * maxrate)", "-pix_fmt", "yuv420p", "-fpsmax", "60",
            "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
            "-c:a", "aac", "-b:a", "\(RenditionLadder.audioBitrate)", "-ac", "2",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-movflags", "+faststart", "-f", "mp4",
        ]
        if isSilent { arguments += ["-shortest"] }
        return arguments
    }

    /// Whether `url` is a non-empty JPEG (SOI marker `FF D8`, ITU-T T.81 B.1.1.3) that ffprobe
    /// reads as a picture with a size.
    private func isPicture(_ url: URL, probe: MediaProbe) async throws -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        let head = (try? handle.read(upToCount: 2)) ?? Data()
        try? handle.close()
        guard head == Data([0xFF, 0xD8]) else { return false }
        guard let picture = try? await probe.probe(fileAt: url).video else { return false }
        return picture.width > 0 && picture.height > 0
    }
}
