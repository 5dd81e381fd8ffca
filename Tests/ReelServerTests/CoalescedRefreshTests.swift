import Foundation
@testable import ReelServer
import Synchronization
import Testing

/// The per-request check of the shared change log: a caller waits for a refresh that started after
/// its call, refreshes never overlap, and callers arriving together share one.
@Suite("Coalesced refresh")
struct CoalescedRefreshTests {
    /// Counts runs and the most that ever ran at once; each run takes a few milliseconds.
    final class Probe: Sendable {
        struct State { var started = 0; var finished = 0; var running = 0; var mostAtOnce = 0 }
        let state = Mutex(State())

        func run() async throws {
            state.withLock { $0.started += 1; $0.running += 1; $0.mostAtOnce = max($0.mostAtOnce, $0.running) }
            try await Task.sleep(for: .milliseconds(5))
            state.withLock { $0.running -= 1; $0.finished += 1 }
        }
    }

    @Test("every caller returns after a run that started after its call; runs never overlap and are shared")
    func startsAfterTheCall() async throws {
        let probe = Probe()
        let refresh = CoalescedRefresh { try await probe.run() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    let startedBefore = probe.state.withLock { $0.started }
                    try await refresh.run()
                    // A run that started after this call has finished: more runs have started and finished than before it.
                    let state = probe.state.withLock { $0 }
                    #expect(state.finished > startedBefore, "returned on a run that started before the call")
                }
            }
            try await group.waitForAll()
        }
        let state = probe.state.withLock { $0 }
        #expect(state.mostAtOnce == 1, "two runs at once")
        #expect(state.started < 200, "callers arriving together share runs (\(state.started) runs for 200 calls)")
    }

    @Test("an error reaches every caller of that run, and the next call runs again")
    func errors() async throws {
        struct Failure: Error {}
        let fail = Mutex(true)
        let refresh = CoalescedRefresh { if fail.withLock({ $0 }) { throw Failure() } }
        await #expect(throws: Failure.self) { try await refresh.run() }
        fail.withLock { $0 = false }
        try await refresh.run()
    }
}
