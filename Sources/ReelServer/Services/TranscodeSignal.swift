import Foundation
import Logging
import ReelCore
import ReelStore
import Synchronization

/// Wakes the transcode worker when a job is queued, so it need not wait for its next poll.
/// Wake-ups coalesce: many uploads during one transcode cause one extra pass.
final class TranscodeSignal: Sendable {
    private let pending = Atomic<Bool>(false)

    /// Signals that work may be waiting.
    func wake() { pending.store(true, ordering: .releasing) }

    /// Returns when woken or when `timeout` has passed, checking every 50 ms
    /// (cheap, and free of the lost-wake-up races of continuation juggling).
    func wait(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if pending.exchange(false, ordering: .acquiringAndReleasing) { return }
            do { try await Task.sleep(for: .milliseconds(50)) } catch { return }
        }
    }
}
