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
