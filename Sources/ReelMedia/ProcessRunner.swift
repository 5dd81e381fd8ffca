import Foundation
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs one child process to completion without blocking the cooperative thread pool.
///
/// Built on swift-subprocess rather than Foundation's `Process`: on Linux, Foundation 6.3's
/// `Process.run()` over-reads a `dirent` while listing `/proc/self/fd` and crashes the whole server
/// now and then (swift-corelibs-foundation PR #5472); swift-subprocess spawns with
/// `posix_spawn_file_actions_addclosefrom_np` instead. Both pipes are drained while the process
/// runs, so a tool writing more than a pipe buffer never stalls.
enum ProcessRunner {
    /// Bytes of stdout kept; ffprobe's JSON for any real file is a few kilobytes.
    static let standardOutputLimit = 8 << 20
    /// Bytes of stderr kept (the tail); enough for the lines that explain a failure.
    static let standardErrorLimit = 64 << 10

    /// Runs `executable` with `arguments` and no stdin, killing it (SIGKILL) when `timeout` passes
    /// or the calling task is cancelled.
    /// - Throws: ``MediaError/launchFailed(tool:reason:)``, ``MediaError/timedOut(tool:seconds:)``, or
    ///   `CancellationError` (the process is killed first).
    static func run(tool: String, executable: URL, arguments: [String], timeout: Duration) async throws -> ToolOutput {
        let stop = StopDecision()
        let result: ExecutionResult<(Data, Data), SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable.path)), arguments: Arguments(arguments),
                input: .none, output: .sequence, error: .sequence
            ) { execution in
                try await withThrowingTaskGroup(of: Collected.self) { group in
                    group.addTask { .output(try await collect(execution.standardOutput, limit: standardOutputLimit, keepsTail: false)) }
                    group.addTask { .error(try await collect(execution.standardError, limit: standardErrorLimit, keepsTail: true)) }
                    group.addTask {
                        // Ends at the timeout, or early when cancelled: by the group once both pipes
                        // closed (the process is gone), or by the caller (kill it).
                        let reason: StopReason = (try? await Task.sleep(for: timeout)) == nil ? .cancelled : .timedOut
                        if stop.decide(reason) { try? execution.send(signal: .kill) }
                        return .watcherEnded
                    }
                    var output = Data()
                    var errors = Data()
                    var pipesOpen = 2
                    while pipesOpen > 0, let next = try await group.next() {
                        switch next {
                        case .output(let data): output = data; pipesOpen -= 1
                        case .error(let data): errors = data; pipesOpen -= 1
                        case .watcherEnded: continue
                        }
                    }
                    // Both pipes reached EOF: the process exited (or was killed). Unless a stop was
                    // already decided, the watcher's cancellation below must not count as one.
                    stop.decide(.finished)
                    group.cancelAll()
                    return (output, errors)
                }
            }
        } catch let error as SubprocessError {
            throw MediaError.launchFailed(tool: tool, reason: "\(error)")
        }
        switch stop.reason {
        case .timedOut: throw MediaError.timedOut(tool: tool, seconds: timeout.seconds)
        case .cancelled: throw CancellationError()
        case .finished, nil: break
        }
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
        return ToolOutput(tool: tool, exitStatus: status, standardOutput: result.closureResult.0,
                          standardErrorTail: result.closureResult.1)
    }

    /// Why a run ended: on its own, or stopped.
    private enum StopReason: Sendable {
        case finished
        case timedOut
        case cancelled
    }

    /// The first reason given for a run's end wins; later ones are ignored.
    private final class StopDecision: Sendable {
        private let state = Mutex<StopReason?>(nil)

        var reason: StopReason? { state.withLock { $0 } }

        /// Records `reason` unless one was recorded before; true when this call recorded it.
        @discardableResult
        func decide(_ reason: StopReason) -> Bool {
            state.withLock { current in
                guard current == nil else { return false }
                current = reason
                return true
            }
        }
    }

    /// What one task of a run's group produced.
    private enum Collected: Sendable {
        case output(Data)
        case error(Data)
        case watcherEnded
    }

    /// Reads `sequence` to its end, keeping its first (or, with `keepsTail`, last) `limit` bytes.
    private static func collect(_ sequence: SubprocessOutputSequence, limit: Int, keepsTail: Bool) async throws -> Data {
        var data = Data()
        for try await buffer in sequence {
            buffer.withUnsafeBytes { bytes in
                if keepsTail {
                    data.append(contentsOf: bytes)
                    if data.count > 2 * limit { data = Data(data.suffix(limit)) }
                } else if data.count < limit {
                    data.append(contentsOf: bytes.prefix(limit - data.count))
                }
            }
        }
        return keepsTail && data.count > limit ? Data(data.suffix(limit)) : data
    }
}
