import Foundation

/// Reads a media file's container, duration and streams with ffprobe.
public struct MediaProbe: Sendable {
    /// The tools used to probe.
    public let tools: FFmpegTools
    /// Longest a single ffprobe run may take before it is terminated.
    public let timeout: Duration

    /// Creates a probe; 30 s is ample for any local file since ffprobe reads only headers.
    public init(tools: FFmpegTools, timeout: Duration = .seconds(30)) {
        self.tools = tools
        self.timeout = timeout
    }

    /// Probes the file at `url` (`ffprobe -v error -print_format json -show_format -show_streams`).
    ///
    /// Only the local `file` protocol is allowed, so a playlist disguised as a video cannot make
    /// ffprobe fetch URLs.
    /// - Returns: the container, duration and first video and audio streams.
    /// - Throws: ``MediaRejection/notAVideo`` when ffprobe cannot parse the file;
    ///   ``MediaError`` when ffprobe is missing, times out or prints something that is not its JSON.
    public func probe(fileAt url: URL) async throws -> ProbeResult {
        let output = try await tools.ffprobe([
            "-v", "error", "-protocol_whitelist", "file",
            "-print_format", "json", "-show_format", "-show_streams",
            url.path,
        ], timeout: timeout)
        guard output.succeeded else { throw MediaRejection.notAVideo }
        let report: FFprobeReport
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            report = try decoder.decode(FFprobeReport.self, from: output.standardOutput)
        } catch {
            throw MediaError.unexpectedOutput(tool: "ffprobe", detail: "\(error)")
        }
        guard let format = report.format else { throw MediaRejection.notAVideo }
        return report.result(format: format)
    }
}

/// The parts of ffprobe's JSON that ``MediaProbe`` reads (keys converted from snake_case);
/// ffprobe prints durations as strings.
private struct FFprobeReport: Decodable {
    struct Format: Decodable {
        var formatName: String?
        var duration: String?
    }

    struct Stream: Decodable {
        struct Disposition: Decodable {
            var attachedPic: Int?
        }

        struct SideData: Decodable {
            var rotation: Double?
        }

        var codecType: String?
        var codecName: String?
        var width: Int?
        var height: Int?
        var duration: String?
        var sampleAspectRatio: String?
        var colorPrimaries: String?
        var colorTransfer: String?
        var colorSpace: String?
        var colorRange: String?
        var disposition: Disposition?
        var tags: [String: String]?
        var sideDataList: [SideData]?

        /// Clockwise display rotation. The display matrix states it counter-clockwise (ffmpeg ≥ 5),
        /// older muxers write a clockwise `rotate` tag.
        var clockwiseRotation: Int {
            if let matrix = sideDataList?.lazy.compactMap(\.rotation).first {
                return -Int(matrix.rounded())
            }
            return tags?["rotate"].flatMap { Int($0) } ?? 0
        }

        /// `"2:1"` → `(2, 1)`; ffprobe prints `0:1` or `N/A` when the file states none.
        var sampleAspectRatioParts: (numerator: Int, denominator: Int) {
            let parts = (sampleAspectRatio ?? "").split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return (1, 1) }
            return (parts[0], parts[1])
        }

        var colour: ProbeResult.Colour {
            func stated(_ value: String?) -> String? { value == nil || value == "unknown" ? nil : value }
            return ProbeResult.Colour(primaries: stated(colorPrimaries), transfer: stated(colorTransfer),
                                      matrix: stated(colorSpace), range: stated(colorRange))
        }
    }

    var format: Format?
    var streams: [Stream]?

    func result(format: Format) -> ProbeResult {
        let streams = streams ?? []
        let video = streams.first {
            // An MP3 or M4A with cover art has a one-frame "video" stream; it is not a video.
            $0.codecType == "video" && $0.disposition?.attachedPic != 1 && ($0.width ?? 0) > 0 && ($0.height ?? 0) > 0
        }
        let audio = streams.first { $0.codecType == "audio" }
        let duration = Self.seconds(format.duration)
            ?? streams.compactMap { Self.seconds($0.duration) }.max()
        return ProbeResult(
            formatName: format.formatName ?? "",
            durationSeconds: duration,
            video: video.map {
                ProbeResult.VideoStream(
                    codec: $0.codecName ?? "unknown", width: $0.width ?? 0, height: $0.height ?? 0,
                    rotation: $0.clockwiseRotation, sampleAspectRatio: $0.sampleAspectRatioParts,
                    colour: $0.colour, durationSeconds: Self.seconds($0.duration)
                )
            },
            audio: audio.map { ProbeResult.AudioStream(codec: $0.codecName ?? "unknown") }
        )
    }

    private static func seconds(_ text: String?) -> Double? {
        guard let text, let value = Double(text), value.isFinite, value > 0 else { return nil }
        return value
    }
}
