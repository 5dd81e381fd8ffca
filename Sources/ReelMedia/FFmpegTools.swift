import Foundation

/// The `ffmpeg` and `ffprobe` executables and an asynchronous way to run them.
///
/// Runs never block the cooperative thread pool: the process is awaited through its termination
/// handler and its pipes are drained on dispatch threads, so large output cannot deadlock it.
/// A run that outlives its timeout, or whose task is cancelled, is killed.
public struct FFmpegTools: Sendable {
    /// Path of the `ffmpeg` executable.
    public let ffmpegURL: URL
    /// Path of the `ffprobe` executable.
    public let ffprobeURL: URL

    /// Uses the given executables as they are; see ``locate(environment:)`` to find them.
    public init(ffmpegURL: URL, ffprobeURL: URL) {
        self.ffmpegURL = ffmpegURL
        self.ffprobeURL = ffprobeURL
    }

    /// Finds the tools: `REEL_FFMPEG` / `REEL_FFPROBE` if set, else the first match on `PATH`.
    ///
    /// A variable that is set but names no executable is an error rather than a silent fallback to
    /// `PATH`, so a misconfigured server fails at startup, not at its first upload.
    /// - Throws: ``MediaError/toolNotFound(tool:)``.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(MediaError) -> FFmpegTools {
        FFmpegTools(
            ffmpegURL: try find("ffmpeg", override: environment["REEL_FFMPEG"], path: environment["PATH"]),
            ffprobeURL: try find("ffprobe", override: environment["REEL_FFPROBE"], path: environment["PATH"])
        )
    }

    /// Runs `ffmpeg -nostdin -hide_banner` with `arguments` and returns whatever it produced.
    ///
    /// A non-zero exit is returned, not thrown; call ``ToolOutput/requireSuccess()`` when it is fatal.
    /// - Throws: ``MediaError/launchFailed(tool:reason:)``, ``MediaError/timedOut(tool:seconds:)``,
    ///   or `CancellationError` when the task was cancelled (the process is killed first).
    public func ffmpeg(_ arguments: [String], timeout: Duration) async throws -> ToolOutput {
        try await ProcessRunner.run(
            tool: "ffmpeg", executable: ffmpegURL, arguments: ["-nostdin", "-hide_banner"] + arguments, timeout: timeout
        )
    }

    /// Runs `ffprobe -hide_banner` with `arguments` and returns whatever it produced.
    ///
    /// A non-zero exit is returned, not thrown; ffprobe exits non-zero for files it cannot parse.
    /// - Throws: as ``ffmpeg(_:timeout:)``.
    public func ffprobe(_ arguments: [String], timeout: Duration) async throws -> ToolOutput {
        try await ProcessRunner.run(
            tool: "ffprobe", executable: ffprobeURL, arguments: ["-hide_banner"] + arguments, timeout: timeout
        )
    }

    /// Runs ffmpeg with `arguments` followed by a temporary output path beside `destination`, and
    /// on success syncs and renames that file over `destination`; on any failure deletes it.
    func ffmpeg(_ arguments: [String], writingAtomically destination: URL, timeout: Duration) async throws {
        let temporary = DurableFile.temporaryURL(for: destination)
        do {
            try await ffmpeg(arguments + ["-y", temporary.path], timeout: timeout).requireSuccess()
            try DurableFile.commit(temporary, to: destination)
        } catch {
            try? DurableFile.remove(temporary)
            throw error
        }
    }

    /// Runs ffmpeg with `arguments` followed by each output's arguments and a temporary path
    /// beside its destination, so one run writes several files (e.g. every rendition from one
    /// decode). Only when ffmpeg succeeds are all of them synced and renamed into place, in order;
    /// on any failure every temporary file is deleted.
    func ffmpeg(_ arguments: [String], outputs: [(arguments: [String], destination: URL)], timeout: Duration) async throws {
        let temporaries = outputs.map { DurableFile.temporaryURL(for: $0.destination) }
        var all = arguments
        for (output, temporary) in zip(outputs, temporaries) { all += output.arguments + ["-y", temporary.path] }
        do {
            try await ffmpeg(all, timeout: timeout).requireSuccess()
            for (output, temporary) in zip(outputs, temporaries) { try DurableFile.commit(temporary, to: output.destination) }
        } catch {
            for temporary in temporaries { try? DurableFile.remove(temporary) }
            throw error
        }
    }

    /// Whether this ffmpeg has the filter `name` (`ffmpeg -filters`), e.g. `zscale`, which
    /// Debian's build has but minimal builds lack. One short ffmpeg run; `false` if it fails.
    public func hasFilter(_ name: String) async -> Bool {
        guard let output = try? await ffmpeg(["-filters"], timeout: .seconds(30)), output.succeeded else { return false }
        return String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").contains { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first == Substring(name)
        }
    }

    private static func find(_ tool: String, override: String?, path: String?) throws(MediaError) -> URL {
        let fileManager = FileManager.default
        if let override, !override.isEmpty {
            guard fileManager.isExecutableFile(atPath: override) else { throw .toolNotFound(tool: tool) }
            return URL(fileURLWithPath: override)
        }
        // Services started by init systems often run with an empty PATH; fall back to the usual places.
        let directories = (path ?? "/usr/local/bin:/opt/homebrew/bin:/usr/bin:/bin")
            .split(separator: ":")
            .map(String.init)
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(tool)
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw .toolNotFound(tool: tool)
    }
}
