/// A failure of the media tools or the file system on our side, not the client's.
///
/// The server reports these as 500 (or marks a transcode job `failed`) and logs `description`,
/// which includes the tail of the tool's stderr.
public enum MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The executable (`ffmpeg` or `ffprobe`) is neither named by its environment variable nor on `PATH`.
    case toolNotFound(tool: String)
    /// The executable exists but could not be started.
    case launchFailed(tool: String, reason: String)
    /// The tool ran longer than `seconds` and was terminated.
    case timedOut(tool: String, seconds: Double)
    /// The tool exited with a non-zero status; `stderrTail` is the end of its error output.
    case toolFailed(tool: String, exitStatus: Int32, stderrTail: String)
    /// The tool succeeded but its output was not what we asked for (e.g. unparsable JSON).
    case unexpectedOutput(tool: String, detail: String)
    /// A file-system operation failed; `path` is the file concerned.
    case fileSystem(path: String, reason: String)
    /// A request to an object store (S3) failed: `operation` (e.g. `PUT`) on `key` (object key or
    /// bucket), `detail` the status and S3 error code or the transport error. Never holds credentials.
    case objectStore(operation: String, key: String, detail: String)

    public var description: String {
        switch self {
        case .toolNotFound(let tool):
            "\(tool) not found: install it or set REEL_\(tool.uppercased()) to its path"
        case .launchFailed(let tool, let reason):
            "\(tool) could not be started: \(reason)"
        case .timedOut(let tool, let seconds):
            "\(tool) timed out after \(seconds) s and was terminated"
        case .toolFailed(let tool, let status, let tail):
            "\(tool) exited with status \(status): \(tail)"
        case .unexpectedOutput(let tool, let detail):
            "\(tool) produced unexpected output: \(detail)"
        case .fileSystem(let path, let reason):
            "file system error at \(path): \(reason)"
        case .objectStore(let operation, let key, let detail):
            "object store \(operation) \(key) failed: \(detail)"
        }
    }
}
