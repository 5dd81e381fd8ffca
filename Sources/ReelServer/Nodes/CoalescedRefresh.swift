import Synchronization

/// Runs an asynchronous refresh (reading a log's new entries) so that at most one run is in
/// flight at a time, and a caller returns only after a run that *started after its call* ended.
///
/// That second property is what makes a per-request check correct: a change committed before the
/// request arrived is seen by a run that starts after it. Callers that arrive while a run is in
/// flight share the one run queued behind it, so under load the store sees about one read per
/// round trip, however many requests wait.
final class CoalescedRefresh: Sendable {
    private struct State {
        var running: Task<Void, any Error>?
        var queued: Task<Void, any Error>?
    }

    private let state = Mutex(State())
    private let body: @Sendable () async throws -> Void

    /// - Parameter body: the refresh; it is never run twice at the same time.
    init(_ body: @escaping @Sendable () async throws -> Void) {
        self.body = body
    }

    /// Waits for a run of the refresh that starts now or after the current one; rethrows its error.
    func run() async throws {
        // Short-lived tasks owned by the callers that wait for them (not long-lived work): a run
        // must outlive a cancelled caller, because other callers share it.
        let task: Task<Void, any Error> = state.withLock { state in
            if let queued = state.queued { return queued }
            guard let running = state.running else {
                let first = Task { try await self.perform() }
                state.running = first
                return first
            }
            let next = Task {
                _ = await running.result
                self.state.withLock { state in
                    state.running = state.queued
                    state.queued = nil
                }
                try await self.perform()
            }
            state.queued = next
            return next
        }
        try await task.value
    }

    private func perform() async throws {
        // A caller that queued behind this run while it ran promotes its own task when this ends.
        defer { state.withLock { state in if state.queued == nil { state.running = nil } } }
        try await body()
    }
}
