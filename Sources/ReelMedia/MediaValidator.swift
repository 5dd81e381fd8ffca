import Foundation

/// Decides whether an uploaded file is a playable video within the ``MediaRules``.
///
/// Probing alone is not enough: a fast-start MP4 cut off after its header still probes with full
/// duration and streams. So an accepted probe is followed by a read of every packet
/// (stream copy into ffmpeg's null muxer, cheap because nothing is decoded) and a decode of the
/// first video frame.
public struct MediaValidator: Sendable {
    /// The tools used to check files.
    public let tools: FFmpegTools
    /// The limits applied to the probe.
    public let rules: MediaRules
    /// Longest each tool run may take; the packet read is proportional to file size.
    public let timeout: Duration

    /// Creates a validator.
    public init(tools: FFmpegTools, rules: MediaRules = MediaRules(), timeout: Duration = .seconds(120)) {
        self.tools = tools
        self.rules = rules
        self.timeout = timeout
    }

    /// Checks the file at `url` and returns its probe when it is acceptable.
    ///
    /// Costs one ffprobe run, one pass over the file's packets and one frame decode.
    /// - Throws: ``MediaRejection`` when the client's file is unacceptable (`notAVideo`,
    ///   `noVideoStream`, `tooLong`, `unreadable`); ``MediaError`` when a tool is missing, fails
    ///   to start or times out.
    public func validate(fileAt url: URL) async throws -> ProbeResult {
        let probe = try await MediaProbe(tools: tools, timeout: timeout).probe(fileAt: url)
        if let rejection = rules.rejection(for: probe) { throw rejection }

        let packets = try await tools.ffmpeg([
            "-v", "error", "-xerror", "-protocol_whitelist", "file", "-i", url.path,
            "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy", "-f", "null", "-",
        ], timeout: timeout)
        // "-xerror" turns the demuxer's "partial file" report on a truncated file into a failure.
        guard packets.succeeded else { throw MediaRejection.notAVideo }

        guard try await decodesFirstFrame(url) else { throw MediaRejection.unreadable }
        return probe
    }

    /// Whether ffprobe can decode one picture from the first video stream.
    private func decodesFirstFrame(_ url: URL) async throws -> Bool {
        let output = try await tools.ffprobe([
            "-v", "error", "-protocol_whitelist", "file", "-select_streams", "v:0",
            "-read_intervals", "%+#1", "-show_entries", "frame=width", "-of", "csv=p=0",
            url.path,
        ], timeout: timeout)
        // ffprobe exits 0 even when the decoder yields nothing, so look for the frame it printed.
        // The line reads "320," (csv with a trailing empty field).
        let width = String(decoding: output.standardOutput, as: UTF8.self)
            .split(whereSeparator: \.isNewline).first?
            .split(separator: ",").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return output.succeeded && (width ?? 0) > 0
    }
}
