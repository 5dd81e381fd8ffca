/// A reason to refuse an uploaded file that the client caused and can fix.
///
/// Each case has a stable snake_case `code` clients can switch on and a human `message` that is
/// safe to show; the server maps every case to a 4xx (`tooLarge` to 413, the rest to 422).
/// Tool failures on our side are ``MediaError`` instead.
public enum MediaRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// ffprobe cannot parse the file as media: text, an image, a truncated or corrupt container.
    case notAVideo
    /// The file is media but has no video stream (audio only, or only a cover picture).
    case noVideoStream
    /// The video lasts `seconds`, more than `limit` seconds.
    case tooLong(seconds: Double, limit: Double)
    /// The upload exceeded `limit` bytes.
    case tooLarge(limit: Int64)
    /// The file looks like a video but its frames cannot be decoded, or checking it took too long.
    case unreadable
    /// No frame of the video could be made into a poster picture.
    case noPosterFrame

    /// Stable machine code, e.g. `not_a_video`.
    public var code: String {
        switch self {
        case .notAVideo: "not_a_video"
        case .noVideoStream: "no_video_stream"
        case .tooLong: "video_too_long"
        case .tooLarge: "upload_too_large"
        case .unreadable: "video_unreadable"
        case .noPosterFrame: "no_poster_frame"
        }
    }

    /// Human explanation naming the limit where there is one.
    public var message: String {
        switch self {
        case .notAVideo:
            "The file is not a video we can read; it may be corrupt or incompletely uploaded."
        case .noVideoStream:
            "The file has no video track; audio-only files cannot be posted."
        case .tooLong(let seconds, let limit):
            "The video is \(Self.formatSeconds(seconds)) long; the limit is \(Self.formatSeconds(limit))."
        case .tooLarge(let limit):
            "The upload is larger than the limit of \(Self.formatBytes(limit))."
        case .unreadable:
            "The video's frames cannot be decoded; it may be corrupt."
        case .noPosterFrame:
            "No frame of the video could be made into a poster picture; please upload it again or try another file."
        }
    }

    public var description: String { "\(code): \(message)" }

    /// `75.4` → `1 min 15 s`; whole seconds are enough precision for a human.
    static func formatSeconds(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let minutes = total / 60
        let rest = total % 60
        if minutes == 0 { return "\(rest) s" }
        return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
    }

    /// Binary megabytes, because that is how upload limits are configured (e.g. 200 MB).
    static func formatBytes(_ bytes: Int64) -> String {
        let mebibyte: Int64 = 1 << 20
        if bytes >= mebibyte && bytes % mebibyte == 0 { return "\(bytes / mebibyte) MB" }
        if bytes >= mebibyte { return "\(Double(bytes * 10 / mebibyte) / 10) MB" }
        return "\(bytes) bytes"
    }
}
