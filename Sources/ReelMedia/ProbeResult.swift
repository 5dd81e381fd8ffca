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

        /// Creates a stream description; `rotation` is normalised into 0..<360.
        public init(codec: String, width: Int, height: Int, rotation: Int = 0) {
            self.codec = codec
            self.width = width
            self.height = height
            self.rotation = ((rotation % 360) + 360) % 360
        }

        /// Width as displayed, after applying ``rotation``.
        public var displayWidth: Int { isQuarterTurned ? height : width }
        /// Height as displayed, after applying ``rotation``.
        public var displayHeight: Int { isQuarterTurned ? width : height }

        private var isQuarterTurned: Bool { rotation == 90 || rotation == 270 }
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
