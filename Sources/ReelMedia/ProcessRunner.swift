import Dispatch
import Foundation

/// Runs one child process to completion without blocking the cooperative thread pool.
///
/// The task suspends on a continuation that a `DispatchGroup` resumes once three things have
/// happened: the process exited, stdout reached EOF and stderr reached EOF. Both pipes are read on
/// dispatch threads while the process runs, so a tool writing more than a pipe buffer never stalls.
enum ProcessRunner {
    /// Bytes of stdout kept; ffprobe's JSON for any real file is a few kilobytes.
    static let standardOutputLimit = 8 << 20
    /// Bytes of stderr kept (the tail); enough for the lines that explain a failure.
    static let standardErrorLimit = 64 << 10

    static func run(tool: String, executable: URL, arguments: [String], timeout: Duration) async throws -> ToolOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe

        let control = RunControl(process: process)
        let output = OutputCollector(limit: standardOutputLimit, keepsTail: false)
        let errors = OutputCollector(limit: standardErrorLimit, keepsTail: true)
        let group = DispatchGroup()

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ToolOutput, any Error>) in
                group.enter()
                process.terminationHandler = { _ in
                    control.markExited()
                    group.leave()
                }
                do {
                    try control.launch()
                } catch {
                    // The handler never runs for a process that did not start.
                    group.leave()
                    continuation.resume(throwing: error is CancellationError
                        ? error : MediaError.launchFailed(tool: tool, reason: "\(error)"))
                    return
                }
                output.drain(outputPipe.fileHandleForReading, in: group)
                errors.drain(errorPipe.fileHandleForReading, in: group)
                let timer = DispatchWorkItem { control.stop(because: .timedOut) }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout.dispatchInterval, execute: timer)

                group.notify(queue: .global()) {
                    timer.cancel()
                    switch control.stopReason {
                    case .timedOut:
                        continuation.resume(throwing: MediaError.timedOut(tool: tool, seconds: timeout.seconds))
                    case .cancelled:
                        continuation.resume(throwing: CancellationError())
                    case nil:
                        continuation.resume(returning: ToolOutput(
                            tool: tool,
                            exitStatus: process.terminationStatus,
                            standardOutput: output.data,
                            standardErrorTail: errors.data
                        ))
                    }
                }
            }
        } onCancel: {
            control.stop(because: .cancelled)
        }
    }
}
