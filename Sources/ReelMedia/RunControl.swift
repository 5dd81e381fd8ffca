import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
