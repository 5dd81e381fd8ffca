import ServiceLifecycle
import Synchronization

/// Tells the background workers that the process is draining (SIGTERM or SIGINT), at the moment
/// the signal arrives rather than when their turn in the service group's reverse-order shutdown
/// comes, so the transcode worker stops claiming jobs and starts its grace period while the HTTP
/// server is still finishing its requests.
final class DrainNotice: Sendable {
    private let draining = Atomic<Bool>(false)

    /// Whether draining has begun.
    var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Begins draining (idempotent).
    func begin() { draining.store(true, ordering: .releasing) }

    /// Returns once draining has begun, or when the task is cancelled; checks every 50 ms (as
    /// ``TranscodeSignal`` does), which costs nothing noticeable and has no lost-wake-up races.
    func wait() async {
        while !isDraining {
            do { try await Task.sleep(for: .milliseconds(50)) } catch { return }
        }
    }
}

/// The service that turns the process's graceful shutdown into a ``DrainNotice``. `serve` puts it
/// last in the outermost service group, which shuts services down in reverse order, so it hears
/// the signal first and returns at once, letting the application's shutdown proceed.
struct DrainNoticeService: Service {
    let notice: DrainNotice

    func run() async throws {
        try? await gracefulShutdown()
        notice.begin()
    }
}
