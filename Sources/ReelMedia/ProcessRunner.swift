import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Why a run was stopped before the process exited on its own.
enum StopReason: Sendable {
    case timedOut
    case cancelled
}

/// Serialises launch, kill and exit of one process so that cancellation or a timeout that races
/// with launch never signals a process that has not started or has already been reaped.
final class RunControl: Sendable {
    private struct State {
        var isLaunched = false
        var hasExited = false
        var stopReason: StopReason?
    }

    // Every call on the process happens under `state`'s lock, so launch, signal and reap are ordered.
    private let process: Process
    private let state = Mutex(State())

    init(process: Process) {
        self.process = process
    }

    var stopReason: StopReason? { state.withLock { $0.stopReason } }

    /// Starts the process unless the run was cancelled before it got the chance.
    func launch() throws {
        try state.withLock { state in
            if state.stopReason == .cancelled { throw CancellationError() }
            try process.run()
            state.isLaunched = true
        }
    }

    func markExited() {
        state.withLock { $0.hasExited = true }
    }

    /// Kills the process with SIGKILL.
    ///
    /// Not SIGTERM: Foundation starts children with the launching thread's signal mask, and
    /// dispatch threads block SIGTERM, so ffmpeg would never see it. Nothing is lost, because the
    /// output of a stopped run is discarded anyway.
    func stop(because reason: StopReason) {
        state.withLock { state in
            guard !state.hasExited, state.stopReason == nil else { return }
            state.stopReason = reason
            // Foundation reaps the child just before the termination handler sets `hasExited`; a
            // PID reused within that instant is the only way this could signal a stranger.
            if state.isLaunched { _ = kill(process.processIdentifier, SIGKILL) }
        }
    }
}

/// Reads one pipe to EOF on a dispatch thread, keeping its first (or last) `limit` bytes.
final class OutputCollector: Sendable {
    private let limit: Int
    private let keepsTail: Bool
    private let buffer = Mutex(Data())

    init(limit: Int, keepsTail: Bool) {
        self.limit = limit
        self.keepsTail = keepsTail
    }

    var data: Data { buffer.withLock { $0 } }

    func drain(_ handle: FileHandle, in group: DispatchGroup) {
        group.enter()
        DispatchQueue.global().async {
            // A blocking read loop on a dispatch thread: readabilityHandler has been unreliable on Linux.
            while let chunk = try? handle.read(upToCount: 64 << 10), !chunk.isEmpty {
                self.append(chunk)
            }
            try? handle.close()
            group.leave()
        }
    }

    private func append(_ chunk: Data) {
        buffer.withLock { data in
            if keepsTail {
                data.append(chunk)
                if data.count > limit { data = Data(data.suffix(limit)) }
            } else if data.count < limit {
                data.append(chunk.prefix(limit - data.count))
            }
        }
    }
}

extension Duration {
    /// The duration in seconds, with sub-second precision.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var dispatchInterval: DispatchTimeInterval {
        .nanoseconds(Int(min(seconds * 1e9, Double(Int.max / 2))))
    }
}
