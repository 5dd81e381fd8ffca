import Foundation

/// Makes real media files from ffmpeg's built-in sources, for demo content and tests.
///
/// No input files are needed; titles are drawn with a TrueType font (Debian's `fonts-dejavu-core`)
/// when it is installed and left out when it is not. Clips are H.264/AAC MP4s encoded with
/// `ultrafast`, so a 4 s 540×960 scene takes about a second; a 1080×1920 one a few seconds.
public struct TestClipGenerator: Sendable {
    /// The picture drawn in a clip.
    public enum Pattern: Sendable, Equatable {
        /// ffmpeg's `testsrc2`: moving colour pattern with a running frame counter.
        case testPattern
        /// SMPTE colour bars (`smptebars`), static.
        case colorBars
        /// An animated Mandelbrot zoom (`mandelbrot`) with slowly turning hues.
        case mandelbrot
        /// One flat colour (`color`).
        case solidColor(red: UInt8, green: UInt8, blue: UInt8)
        /// Three colours flowing into each other (`gradients`), given as `0xRRGGBB`.
        case gradients(UInt32, UInt32, UInt32)
        /// Conway's Game of Life (`life`) in big cells: `alive` cells on `background`.
        case life(alive: UInt32, background: UInt32)
        /// An elementary cellular automaton (`cellauto`, Wolfram rule number) scrolling upward, tinted.
        case cellularAutomaton(rule: Int, tint: UInt32)
    }

    /// The sound track.
    public enum Sound: Sendable, Equatable {
        /// A steady sine tone at the options' frequency.
        case tone
        /// A three-note figure (root, fifth, octave) on the options' frequency, two notes a second.
        case melody
        /// Soft noise under a quiet tone, like wind or a room.
        case noise
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
        /// Whether the clip has a sound track.
        public var includesAudio: Bool
        /// Pitch of the tone (or the melody's root) in hertz.
        public var toneFrequency: Int
        /// The kind of sound.
        public var sound: Sound
        /// A title drawn over the lower third, fading in and bobbing gently; `nil` for none.
        public var title: String?
        /// A small label in the top-left corner (e.g. a hashtag); `nil` for none.
        public var label: String?
        /// The TrueType font for ``title`` and ``label``; text is skipped if the file is missing.
        public var fontFile: URL

        /// Creates options; the defaults make a small 2 s vertical clip with sound, fit for tests.
        public init(
            durationSeconds: Double = 2, width: Int = 320, height: Int = 568, frameRate: Int = 25,
            pattern: Pattern = .testPattern, includesAudio: Bool = true, toneFrequency: Int = 440,
            sound: Sound = .tone, title: String? = nil, label: String? = nil,
            fontFile: URL = URL(fileURLWithPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
        ) {
            self.durationSeconds = durationSeconds
            self.width = width
            self.height = height
            self.frameRate = frameRate
            self.pattern = pattern
            self.includesAudio = includesAudio
            self.toneFrequency = toneFrequency
            self.sound = sound
            self.title = title
            self.label = label
            self.fontFile = fontFile
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
    /// - Throws: ``MediaError`` if ffmpeg fails or times out, or the title cannot be written.
    public func makeVideo(at url: URL, options: Options = Options()) async throws {
        var texts: [URL] = []
        defer { for text in texts { try? DurableFile.remove(text) } }
        var picture = Self.source(options)
        if FileManager.default.fileExists(atPath: options.fontFile.path) {
            // Text goes through files (`textfile=`), so captions need no filter-graph escaping.
            let font = "fontfile=\(options.fontFile.path):fontcolor=white"
            if let label = options.label {
                texts.append(try Self.writeText(label, beside: url))
                picture += ",drawtext=\(font)@0.85:textfile=\(texts[texts.count - 1].path):fontsize=w/20:x=w*0.06:y=h*0.05"
                    + ":borderw=2:bordercolor=black@0.4"
            }
            if let title = options.title {
                texts.append(try Self.writeText(title, beside: url))
                picture += ",drawtext=\(font):textfile=\(texts[texts.count - 1].path):fontsize=w/14:borderw=4"
                    + ":bordercolor=black@0.6:x=(w-text_w)/2:y=h*0.72+h*0.01*sin(2*PI*t):alpha='min(1,t/0.6)'"
            }
        }
        var arguments = ["-v", "error", "-f", "lavfi", "-i", picture]
        if options.includesAudio {
            arguments += ["-f", "lavfi", "-i", Self.sound(options)]
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

    /// The `lavfi` source graph of the options' picture at their size and rate.
    private static func source(_ options: Options) -> String {
        let (width, height) = (options.width & ~1, options.height & ~1)
        let size = "\(width)x\(height)"
        let rate = "rate=\(options.frameRate)"
        // Cell patterns are computed on a quarter-size grid and enlarged without smoothing.
        let cells = "\(max(2, width / 4))x\(max(2, height / 4))"
        let enlarge = "scale=\(width):\(height):flags=neighbor,format=yuv420p"
        return switch options.pattern {
        case .testPattern: "testsrc2=size=\(size):\(rate)"
        case .colorBars: "smptebars=size=\(size):\(rate)"
        case .mandelbrot: "mandelbrot=size=\(size):\(rate):maxiter=300:end_scale=0.02:end_pts=400,hue=H=t/2"
        case .solidColor(let red, let green, let blue):
            "color=c=0x\(hex(UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue))):size=\(size):\(rate)"
        case .gradients(let first, let second, let third):
            "gradients=size=\(size):\(rate):n=3:c0=0x\(hex(first)):c1=0x\(hex(second)):c2=0x\(hex(third)):speed=0.05"
        case .life(let alive, let background):
            "life=size=\(cells):\(rate):ratio=0.3:life_color=#\(hex(alive)):death_color=#\(hex(background)),\(enlarge)"
        case .cellularAutomaton(let rule, let tint):
            "cellauto=size=\(cells):\(rate):rule=\(rule):scroll=1,\(enlarge),"
                + "colorchannelmixer=rr=\(channel(tint, 16)):gg=\(channel(tint, 8)):bb=\(channel(tint, 0))"
        }
    }

    /// The `lavfi` audio source of the options' sound, at 48 kHz.
    private static func sound(_ options: Options) -> String {
        let pitch = options.toneFrequency
        return switch options.sound {
        case .tone: "sine=frequency=\(pitch):sample_rate=48000"
        case .melody:
            // Steps through 1, 3/2 and 2 times the root, changing every half second.
            "aevalsrc=0.2*sin(2*PI*\(pitch)*(1+0.5*mod(floor(2*t)\\,3))*t):sample_rate=48000"
        case .noise: "aevalsrc=0.05*sin(2*PI*\(pitch)*t)+0.08*(random(0)-0.5):sample_rate=48000"
        }
    }

    private static func writeText(_ text: String, beside url: URL) throws(MediaError) -> URL {
        let file = url.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).title.partial")
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            throw .fileSystem(path: file.path, reason: error.localizedDescription)
        }
        return file
    }

    /// A colour channel (`shift` 16 red, 8 green, 0 blue) of `0xRRGGBB` as a 0–1 gain.
    private static func channel(_ colour: UInt32, _ shift: UInt32) -> String {
        String(format: "%.2f", Double((colour >> shift) & 0xFF) / 255)
    }

    /// `0xRRGGBB` as six lower-case hex digits.
    private static func hex(_ colour: UInt32) -> String {
        let digits = String(colour & 0xFF_FFFF, radix: 16)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}
