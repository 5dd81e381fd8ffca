import Foundation

/// What one finished run of `ffmpeg` or `ffprobe` produced.
public struct ToolOutput: Sendable {
    /// The tool's name, `ffmpeg` or `ffprobe`, for error messages.
    public var tool: String
    /// The process's exit status; `0` is success.
    public var exitStatus: Int32
    /// What was written to stdout, cut after 8 MiB (ffprobe's JSON is far below that).
    public var standardOutput: Data
    /// The last 64 KiB written to stderr; older output is dropped so a chatty tool cannot fill memory.
    public var standardErrorTail: Data

    /// Creates an output record.
    public init(tool: String, exitStatus: Int32, standardOutput: Data, standardErrorTail: Data) {
        self.tool = tool
        self.exitStatus = exitStatus
        self.standardOutput = standardOutput
        self.standardErrorTail = standardErrorTail
    }

    /// `true` when the tool exited with status 0.
    public var succeeded: Bool { exitStatus == 0 }

    /// The stderr tail as text, trimmed, with invalid UTF-8 repaired.
    public var errorText: String {
        String(decoding: standardErrorTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns `self` when the tool succeeded.
    /// - Throws: ``MediaError/toolFailed(tool:exitStatus:stderrTail:)`` with the stderr tail otherwise.
    @discardableResult
    public func requireSuccess() throws(MediaError) -> ToolOutput {
        guard succeeded else {
            throw .toolFailed(tool: tool, exitStatus: exitStatus, stderrTail: String(errorText.suffix(2_000)))
        }
        return self
    }
}
