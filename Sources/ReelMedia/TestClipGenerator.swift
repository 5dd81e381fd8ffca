import Foundation

/// Makes real media files from ffmpeg's built-in test sources, for demo content and tests.
///
/// No fonts or input files are needed. Clips are H.264/AAC MP4s encoded with `ultrafast`, so a
/// 3 s 320×568 clip takes well under a second; a 1080×1920 one takes a few seconds per clip.
public struct TestClipGenerator: Sendable {
    /// The picture drawn in a clip.
    public enum Pattern: Sendable, Equatable {
        /// ffmpeg's `testsrc2`: moving colour pattern with a running frame counter.
        case testPattern
        /// SMPTE colour bars (`smptebars`), static.
        case colorBars
        /// An animated Mandelbrot zoom (`mandelbrot`); slow to render at large sizes.
        case mandelbrot
        /// One flat colour (`color`).
        case solidColor(red: UInt8, green: UInt8, blue: UInt8)
    }

    /// What to generate.
    public struct Options: Sendable, Equatable {
        /// Length in seconds.
        public var durationSeconds: Double
        /// Width in pixels; made even if odd, as H.264 requires.
        public var width: Int
        /// Height in pixels; made even if odd.
        public var height: Int
        /// Frames per second.
        public var frameRate: Int
        /// The picture.
        public var pattern: Pattern
        /// Whether the clip has a sine-tone audio track.
        public var includesAudio: Bool
        /// Pitch of the tone in hertz.
        public var toneFrequency: Int

        /// Creates options; the defaults make a small 2 s vertical clip with sound, fit for tests.
        public init(
            durationSeconds: Double = 2, width: Int = 320, height: Int = 568, frameRate: Int = 25,
            pattern: Pattern = .testPattern, includesAudio: Bool = true, toneFrequency: Int = 440
        ) {
            self.durationSeconds = durationSeconds
            self.width = width
            self.height = height
            self.frameRate = frameRate
            self.pattern = pattern
            self.includesAudio = includesAudio
            self.toneFrequency = toneFrequency
        }
    }

    /// The tools used to generate.
    public let tools: FFmpegTools
    /// Longest one generation may take.
    public let timeout: Duration

    /// Creates a generator.
    public init(tools: FFmpegTools, timeout: Duration = .seconds(300)) {
        self.tools = tools
        self.timeout = timeout
    }

    /// Writes an MP4 clip to `url` (replaced atomically).
    /// - Throws: ``MediaError`` if ffmpeg fails or times out.
    public func makeVideo(at url: URL, options: Options = Options()) async throws {
        let size = "\(options.width & ~1)x\(options.height & ~1)"
        let rate = "rate=\(options.frameRate)"
        let source = switch options.pattern {
        case .testPattern: "testsrc2=size=\(size):\(rate)"
        case .colorBars: "smptebars=size=\(size):\(rate)"
        case .mandelbrot: "mandelbrot=size=\(size):\(rate)"
        case .solidColor(let red, let green, let blue):
            "color=c=0x\(Self.hex(red))\(Self.hex(green))\(Self.hex(blue)):size=\(size):\(rate)"
        }
        var arguments = ["-v", "error", "-f", "lavfi", "-i", source]
        if options.includesAudio {
            arguments += ["-f", "lavfi", "-i", "sine=frequency=\(options.toneFrequency):sample_rate=48000"]
            arguments += ["-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "96k"]
        }
        arguments += [
            "-t", String(format: "%.3f", options.durationSeconds),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4",
        ]
        try await tools.ffmpeg(arguments, writingAtomically: url, timeout: timeout)
    }

    /// Writes an audio-only M4A (AAC in MP4) with a sine tone to `url` (replaced atomically).
    /// - Throws: ``MediaError`` if ffmpeg fails or times out.
    public func makeAudioOnly(at url: URL, durationSeconds: Double = 2, toneFrequency: Int = 440) async throws {
        try await tools.ffmpeg([
            "-v", "error", "-f", "lavfi", "-i", "sine=frequency=\(toneFrequency):sample_rate=48000",
            "-t", String(format: "%.3f", durationSeconds), "-c:a", "aac", "-b:a", "96k", "-f", "mp4",
        ], writingAtomically: url, timeout: timeout)
    }

    private static func hex(_ component: UInt8) -> String {
        let digits = String(component, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
