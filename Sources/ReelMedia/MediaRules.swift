/// The limits an upload must meet, checked against its probe without running any tool.
public struct MediaRules: Sendable, Equatable {
    /// Containers we transcode from, as they appear in ffprobe's `format_name` list.
    ///
    /// An allow-list rather than "whatever ffprobe parses": ffmpeg also reads playlists (HLS,
    /// concat) that point at other files, images and ANSI text, none of which is an upload.
    public static let acceptedContainers: Set<String> = [
        "mov", "mp4", "matroska", "webm", "avi", "mpegts", "flv", "ogg", "gif", "mpeg", "asf",
    ]

    /// Longest accepted video, in seconds; 600 (10 minutes) by default.
    public var maxDurationSeconds: Double

    /// Creates rules with the given limits.
    public init(maxDurationSeconds: Double = 600) {
        self.maxDurationSeconds = maxDurationSeconds
    }

    /// Why `probe` describes an unacceptable upload, or `nil` when it is acceptable.
    ///
    /// Audio-only files get ``MediaRejection/noVideoStream`` even in containers we do not accept
    /// (an MP3), because "it has no picture" is the more useful thing to tell that user.
    public func rejection(for probe: ProbeResult) -> MediaRejection? {
        if probe.video == nil && probe.audio != nil { return .noVideoStream }
        let containers = probe.formatName.split(separator: ",").map(String.init)
        guard containers.contains(where: Self.acceptedContainers.contains) else { return .notAVideo }
        guard probe.video != nil else { return .noVideoStream }
        // A stream with no duration is a still image or a broken file, not a clip.
        guard let duration = probe.durationSeconds else { return .notAVideo }
        if duration > maxDurationSeconds { return .tooLong(seconds: duration, limit: maxDurationSeconds) }
        return nil
    }
}
