import Foundation
import ReelMedia

/// Runs `body` with a fresh empty directory that is deleted afterwards, so tests share no files.
func withTemporaryDirectory<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("reel-media-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Names of every entry in `directory` (including hidden temporary files), sorted.
func entries(of directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// A small vertical clip with sound, fast enough to make in every test that needs one.
func makeSmallClip(in directory: URL, name: String = "clip.mp4", seconds: Double = 2, audio: Bool = true) async throws -> URL {
    let url = directory.appendingPathComponent(name)
    let generator = TestClipGenerator(tools: try FFmpegTools.locate())
    try await generator.makeVideo(
        at: url, options: .init(durationSeconds: seconds, width: 320, height: 568, includesAudio: audio)
    )
    return url
}

/// Runs ffmpeg with `arguments` (to make an unusual input) and requires success.
func runFFmpeg(_ arguments: [String]) async throws {
    try await FFmpegTools.locate().ffmpeg(["-v", "error"] + arguments, timeout: .seconds(120)).requireSuccess()
}

/// ffprobe's `key=value` fields of the first video stream of `url`, e.g. `pix_fmt`, `color_primaries`,
/// `sample_aspect_ratio`, plus its side data (`rotation`).
func videoStreamFields(of url: URL) async throws -> [String: String] {
    let output = try await FFmpegTools.locate().ffprobe([
        "-v", "error", "-select_streams", "v:0", "-show_streams", "-of", "default=noprint_wrappers=1", url.path,
    ], timeout: .seconds(30)).requireSuccess()
    var fields: [String: String] = [:]
    for line in String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n") {
        let parts = line.split(separator: "=", maxSplits: 1)
        if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
    }
    return fields
}

/// Mean luma (`YAVG`) and mean saturation (`SATAVG`) over every frame of `url`, from ffmpeg's
/// `signalstats` filter, in 8-bit units.
func pictureStatistics(of url: URL) async throws -> (luma: Double, saturation: Double) {
    let output = try await FFmpegTools.locate().ffmpeg([
        "-v", "error", "-i", url.path, "-vf", "format=yuv444p,signalstats,metadata=print:file=-", "-f", "null", "-",
    ], timeout: .seconds(60)).requireSuccess()
    var luma: [Double] = []
    var saturation: [Double] = []
    for line in String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n") {
        if let value = line.split(separator: "=").last.flatMap({ Double($0) }) {
            if line.contains("signalstats.YAVG") { luma.append(value) }
            if line.contains("signalstats.SATAVG") { saturation.append(value) }
        }
    }
    guard !luma.isEmpty, !saturation.isEmpty else { throw MediaError.unexpectedOutput(tool: "ffmpeg", detail: "no signalstats") }
    return (luma.reduce(0, +) / Double(luma.count), saturation.reduce(0, +) / Double(saturation.count))
}

/// Transcodes `source` into `directory`, naming each rendition `<name>.mp4`.
func transcodeLadder(_ source: URL, into directory: URL, stage: Transcoder.Stage = .all) async throws -> TranscodedVideo? {
    try await Transcoder(tools: try FFmpegTools.locate()).transcode(source, stage: stage) { rendition, _ in
        directory.appendingPathComponent("\(rendition.name).mp4")
    }
}

/// Transcodes the whole ladder of `source` into `directory`, naming each rendition `<name>.mp4`.
func transcodeLadder(_ source: URL, into directory: URL) async throws -> TranscodedVideo {
    guard let result = try await transcodeLadder(source, into: directory, stage: .all) else {
        throw MediaError.unexpectedOutput(tool: "ffmpeg", detail: "the whole ladder made nothing")
    }
    return result
}
