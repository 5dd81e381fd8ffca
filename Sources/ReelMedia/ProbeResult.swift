/// What ffprobe reports about a media file, reduced to what the pipeline decides on.
public struct ProbeResult: Sendable, Equatable {
    /// The first video stream that is a moving picture (cover art is ignored).
    public struct VideoStream: Sendable, Equatable {
        /// ffprobe's codec name, e.g. `h264`, `hevc`, `vp9`.
        public var codec: String
        /// Width in pixels as stored, before rotation.
        public var width: Int
        /// Height in pixels as stored, before rotation.
        public var height: Int
        /// Clockwise rotation a player applies for display, in degrees: 0, 90, 180 or 270.
        public var rotation: Int
        /// Sample (pixel) aspect ratio as `(numerator, denominator)`; `(1, 1)` for square pixels
        /// and when the file states none or a nonsensical one.
        public var sampleAspectRatio: (numerator: Int, denominator: Int) {
            get { (sarNumerator, sarDenominator) }
            set {
                let valid = newValue.numerator > 0 && newValue.denominator > 0
                sarNumerator = valid ? newValue.numerator : 1
                sarDenominator = valid ? newValue.denominator : 1
            }
        }
        /// The stream's colour description as ffprobe names it.
        public var colour: Colour
        /// Duration of the video stream alone in seconds, when stated; may be shorter than the
        /// file's (e.g. 0.9 s of picture under 3 s of sound).
        public var durationSeconds: Double?

        private var sarNumerator = 1
        private var sarDenominator = 1

        /// Creates a stream description; `rotation` is normalised into 0..<360.
        public init(
            codec: String, width: Int, height: Int, rotation: Int = 0,
            sampleAspectRatio: (numerator: Int, denominator: Int) = (1, 1), colour: Colour = Colour(),
            durationSeconds: Double? = nil
        ) {
            self.codec = codec
            self.width = width
            self.height = height
            self.rotation = ((rotation % 360) + 360) % 360
            self.colour = colour
            self.durationSeconds = durationSeconds
            self.sampleAspectRatio = sampleAspectRatio
        }

        /// Width as displayed: stored width stretched by the sample aspect ratio, then ``rotation``.
        public var displayWidth: Int { isQuarterTurned ? height : stretchedWidth }
        /// Height as displayed, after applying ``rotation``.
        public var displayHeight: Int { isQuarterTurned ? stretchedWidth : height }

        /// The stored width times the sample aspect ratio, rounded (a player's display width).
        private var stretchedWidth: Int {
            guard sarNumerator != sarDenominator else { return width }
            return max(1, Int((Double(width) * Double(sarNumerator) / Double(sarDenominator)).rounded()))
        }

        private var isQuarterTurned: Bool { rotation == 90 || rotation == 270 }
    }

    /// A video stream's colour tags (ffprobe's `color_*` fields); `nil` where the file states none.
    public struct Colour: Sendable, Equatable {
        /// Primaries, e.g. `bt709`, `bt2020`.
        public var primaries: String?
        /// Transfer characteristic, e.g. `bt709`, `arib-std-b67` (HLG), `smpte2084` (PQ).
        public var transfer: String?
        /// Matrix coefficients, e.g. `bt709`, `smpte170m`, `bt2020nc`.
        public var matrix: String?
        /// `tv` (limited) or `pc` (full) range.
        public var range: String?

        /// Creates a colour description.
        public init(primaries: String? = nil, transfer: String? = nil, matrix: String? = nil, range: String? = nil) {
            self.primaries = primaries
            self.transfer = transfer
            self.matrix = matrix
            self.range = range
        }

        /// Whether the transfer is a high-dynamic-range one: HLG (ARIB STD-B67) or PQ (SMPTE ST 2084).
        public var isHighDynamicRange: Bool { transfer == "arib-std-b67" || transfer == "smpte2084" }
        /// Whether the primaries are BT.2020's wide gamut.
        public var isWideGamut: Bool { primaries == "bt2020" }
    }

    /// The first audio stream.
    public struct AudioStream: Sendable, Equatable {
        /// ffprobe's codec name, e.g. `aac`, `opus`.
        public var codec: String

        /// Creates a stream description.
        public init(codec: String) {
            self.codec = codec
        }
    }

    /// ffprobe's container name list, e.g. `mov,mp4,m4a,3gp,3g2,mj2`.
    public var formatName: String
    /// Duration in seconds, or `nil` when neither the container nor a stream states one (e.g. an image).
    public var durationSeconds: Double?
    /// The video stream, or `nil` for audio-only files.
    public var video: VideoStream?
    /// The audio stream, or `nil` for silent videos.
    public var audio: AudioStream?

    /// Creates a result.
    public init(formatName: String, durationSeconds: Double?, video: VideoStream?, audio: AudioStream?) {
        self.formatName = formatName
        self.durationSeconds = durationSeconds
        self.video = video
        self.audio = audio
    }

    /// Duration rounded to whole milliseconds, or `nil` when unknown.
    public var durationMilliseconds: Int? {
        durationSeconds.map { Int(($0 * 1_000).rounded()) }
    }
}
